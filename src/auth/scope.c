#include "core/common.h"
#include "auth/scope.h"

void
scope_path_upper(const char *path, char *out)
{
	size_t n = strlen(path);

	memcpy(out, path, n + 1);
	if (n && out[n - 1] == '/')
		out[n - 1] = '0';	/* '0' is the byte after '/' */
}

void
scope_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*uppers)[256])
{
	if (w->all)
		return;
	if (!w->nscope) {
		buf_adds(sql, " AND 1=0");
		return;
	}
	buf_adds(sql, " AND (");
	for (int i = 0; i < w->nscope && i < SCOPE_MAX; i++) {
		scope_path_upper(w->paths[i], uppers[i]);
		buf_addf(sql, "%s(%s >= ? AND %s < ?)", i ? " OR " : "", col, col);
		db_args_add(a, DB_TEXT(w->paths[i]));
		db_args_add(a, DB_TEXT(uppers[i]));
	}
	buf_adds(sql, ")");
}

void
scope_member_subtree_sql(struct buf *sql, struct db_args *a, const char *col, const char *path,
    char up[256])
{
	size_t n = strlen(path);

	/* The literal lengths must match the index expressions of 0002. */
	if (n == 12 || n == 23) {
		buf_addf(sql, " AND substr(%s, 1, %zu) = ?", col, n);
		db_args_add(a, DB_TEXT(path));
		return;
	}
	scope_path_upper(path, up);
	buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
	db_args_add(a, DB_TEXT(path));
	db_args_add(a, DB_TEXT(up));
}

void
scope_member_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*uppers)[256])
{
	if (!w->all && w->nscope == 1)
		scope_member_subtree_sql(sql, a, col, w->paths[0], uppers[0]);
	else
		scope_sql(sql, a, w, col, uppers);
}

int
scope_contains(const struct who *w, const char *path)
{
	if (w->all)
		return 1;
	for (int i = 0; i < w->nscope; i++)
		if (!strncmp(path, w->paths[i], strlen(w->paths[i])))
			return 1;
	return 0;
}

int
scope_contains_below(const struct who *w, const char *path)
{
	if (w->all)
		return 1;
	for (int i = 0; i < w->nscope; i++) {
		size_t n = strlen(w->paths[i]);

		if (!strncmp(path, w->paths[i], n) && path[n])
			return 1;
	}
	return 0;
}

void
scope_child_path(const char *parent_path, int64_t id, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s%010" PRId64 "/", parent_path ? parent_path : "/", id);
}
