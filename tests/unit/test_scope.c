/* test_scope.c: scope filters run against a real SQLite database. */
#define _GNU_SOURCE 1	/* mkstemp, unlink */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/scope.h"
#include "auth/who.h"
#include "core/buf.h"
#include "db/db.h"

/* The tree, parent before child:
 *   1 ─┬─ 2 ── 5
 *      ├─ 3
 *      ├─ 10
 *      └─ 20 ── 21
 *   100 ── 101
 * 20 and 100 share a textual prefix with 2 and 1 (and 10 with 1), which
 * would leak into a LIKE '/1/2%'-style filter on unpadded ids. */
static const struct {
	int64_t id, parent;
} tree[] = {
	{ 1, 0 }, { 2, 1 }, { 3, 1 }, { 5, 2 }, { 10, 1 }, { 20, 1 }, { 21, 20 },
	{ 100, 0 }, { 101, 100 },
};

#define P1 "/0000000001/"
#define P2 "/0000000001/0000000002/"
#define P5 "/0000000001/0000000002/0000000005/"
#define P10 "/0000000001/0000000010/"
#define P20 "/0000000001/0000000020/"
#define P100 "/0000000100/"
#define P101 "/0000000100/0000000101/"

struct fixture {
	char path[64];
	struct db *db;
};

static const char *
path_of(int64_t id, char paths[][256])
{
	for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++)
		if (tree[i].id == id)
			return paths[i];
	return NULL;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char paths[sizeof(tree) / sizeof(tree[0])][256];
	int fd;

	if (!f)
		return -1;
	snprintf(f->path, sizeof(f->path), "/tmp/hongyan-test-scope-XXXXXX");
	fd = mkstemp(f->path);
	if (fd < 0) {
		free(f);
		return -1;
	}
	close(fd);
	if (db_open(f->path, 1, &f->db) != ERR_OK ||
	    db_exec_script(f->db, "CREATE TABLE org (id INTEGER PRIMARY KEY, path TEXT NOT NULL);"))
		goto fail;
	for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
		scope_child_path(tree[i].parent ? path_of(tree[i].parent, paths) : NULL, tree[i].id,
		    paths[i], sizeof(paths[i]));
		if (db_exec(f->db, "INSERT INTO org (id, path) VALUES (?, ?)", DB_I64(tree[i].id),
		    DB_TEXT(paths[i]), DB_END))
			goto fail;
	}
	*state = f;
	return 0;
fail:
	db_close(f->db);
	unlink(f->path);
	free(f);
	return -1;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char side[80];

	db_close(f->db);
	unlink(f->path);
	snprintf(side, sizeof(side), "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

/* Runs "SELECT id FROM org WHERE 1=1" + scope_sql(w) and writes the ids in
 * order into ids; returns how many. */
static int
scoped_ids(struct db *db, const struct who *w, int64_t *ids, int max)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char uppers[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;
	int n = 0;

	assert_int_equal(buf_adds(&sql, "SELECT id FROM org WHERE 1=1"), ERR_OK);
	scope_sql(&sql, &a, w, "path", uppers);
	assert_int_equal(buf_adds(&sql, " ORDER BY id"), ERR_OK);
	assert_int_equal(a.n, w->all ? 0 : 2 * w->nscope);
	assert_int_equal(db_queryv(db, &r, buf_str(&sql), &a), ERR_OK);
	while ((e = db_next(&r)) == ERR_OK) {
		assert_true(n < max);
		ids[n++] = db_i64(&r, 0);
	}
	assert_int_equal(e, ERR_NOT_FOUND);
	db_rows_close(&r);
	buf_release(&sql);
	return n;
}

static void
assert_ids(const int64_t *got, int ngot, const int64_t *want, int nwant)
{
	assert_int_equal(ngot, nwant);
	for (int i = 0; i < nwant; i++)
		assert_int_equal(got[i], want[i]);
}

static void
test_scope_child_path_zero_pads_ids(void **state)
{
	char out[256];

	(void)state;
	scope_child_path(NULL, 1, out, sizeof(out));
	assert_string_equal(out, P1);
	scope_child_path(P1, 2, out, sizeof(out));
	assert_string_equal(out, P2);
	scope_child_path(P2, 5, out, sizeof(out));
	assert_string_equal(out, P5);
	scope_child_path(P1, 10, out, sizeof(out));
	assert_string_equal(out, P10);
	scope_child_path(NULL, 9999999999, out, sizeof(out));
	assert_string_equal(out, "/9999999999/");
}

static void
test_scope_tree_paths_stored_as_documented(void **state)
{
	struct fixture *f = *state;
	struct db_rows r;

	assert_int_equal(db_query(f->db, &r, "SELECT path FROM org WHERE id = ?", DB_I64(21),
	    DB_END), ERR_OK);
	assert_int_equal(db_next(&r), ERR_OK);
	assert_string_equal(db_text(&r, 0), "/0000000001/0000000020/0000000021/");
	db_rows_close(&r);
}

static void
test_scope_path_upper_bumps_final_slash(void **state)
{
	char out[256];

	(void)state;
	scope_path_upper(P1, out);
	assert_string_equal(out, "/00000000010");
	scope_path_upper(P2, out);
	assert_string_equal(out, "/0000000001/00000000020");
	/* every descendant sorts inside [path, upper); the next sibling does not */
	assert_true(strcmp(P5, P2) > 0 && strcmp(P5, out) < 0);
	assert_true(strcmp(P20, out) > 0);
}

static void
test_scope_all_sees_every_org_and_adds_no_filter(void **state)
{
	struct fixture *f = *state;
	struct who w = { .all = 1 };
	static const int64_t want[] = { 1, 2, 3, 5, 10, 20, 21, 100, 101 };
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char uppers[SCOPE_MAX][256];
	int64_t ids[16];

	assert_ids(ids, scoped_ids(f->db, &w, ids, 16), want, 9);

	assert_int_equal(buf_adds(&sql, "SELECT id FROM org WHERE 1=1"), ERR_OK);
	scope_sql(&sql, &a, &w, "path", uppers);
	assert_string_equal(buf_str(&sql), "SELECT id FROM org WHERE 1=1");
	assert_int_equal(a.n, 0);
	buf_release(&sql);
}

static void
test_scope_subtree_sees_itself_and_descendants_only(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = { P2 };
	struct who w = { .nscope = 1, .paths = paths };
	static const int64_t want[] = { 2, 5 };
	int64_t ids[16];

	/* not 1 (the parent), 3 (a sibling), 20/21 (prefix "…000002" of "…000020") */
	assert_ids(ids, scoped_ids(f->db, &w, ids, 16), want, 2);
}

/* Root 1's scope must not pick up 100/101: "/1" is a textual prefix of
 * "/100" only for unpadded ids. */
static void
test_scope_zero_padding_defeats_id_prefix_trap(void **state)
{
	struct fixture *f = *state;
	const char *paths1[] = { P1 };
	const char *paths10[] = { P10 };
	struct who w1 = { .nscope = 1, .paths = paths1 };
	struct who w10 = { .nscope = 1, .paths = paths10 };
	static const int64_t want1[] = { 1, 2, 3, 5, 10, 20, 21 };
	static const int64_t want10[] = { 10 };
	int64_t ids[16];

	assert_ids(ids, scoped_ids(f->db, &w1, ids, 16), want1, 7);
	assert_ids(ids, scoped_ids(f->db, &w10, ids, 16), want10, 1);
	assert_false(scope_contains(&w1, P100));
	assert_false(scope_contains(&w1, P101));
	assert_false(scope_contains(&w10, P1));
}

static void
test_scope_two_roots_see_the_union(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = { P20, P100 };
	struct who w = { .nscope = 2, .paths = paths };
	static const int64_t want[] = { 20, 21, 100, 101 };
	int64_t ids[16];

	assert_ids(ids, scoped_ids(f->db, &w, ids, 16), want, 4);
}

static void
test_scope_empty_sees_nothing(void **state)
{
	struct fixture *f = *state;
	struct who w = { .nscope = 0 };
	int64_t ids[16];

	assert_int_equal(scoped_ids(f->db, &w, ids, 16), 0);
	assert_false(scope_contains(&w, P1));
	assert_false(scope_contains_below(&w, P2));
}

static void
test_scope_contains_matches_subtree(void **state)
{
	const char *paths[] = { P2, P100 };
	struct who w = { .nscope = 2, .paths = paths };
	struct who all = { .all = 1 };

	(void)state;
	assert_true(scope_contains(&w, P2));
	assert_true(scope_contains(&w, P5));
	assert_true(scope_contains(&w, P100));
	assert_true(scope_contains(&w, P101));
	assert_false(scope_contains(&w, P1));	/* the parent */
	assert_false(scope_contains(&w, P20));	/* "…0000000002" vs "…0000000020" */
	assert_false(scope_contains(&w, "/0000000001/0000000003/"));
	assert_true(scope_contains(&all, P1));
}

static void
test_scope_contains_below_excludes_the_root_itself(void **state)
{
	const char *paths[] = { P2, P100 };
	struct who w = { .nscope = 2, .paths = paths };
	struct who all = { .all = 1 };

	(void)state;
	assert_false(scope_contains_below(&w, P2));
	assert_false(scope_contains_below(&w, P100));
	assert_true(scope_contains_below(&w, P5));
	assert_true(scope_contains_below(&w, P101));
	assert_false(scope_contains_below(&w, P1));
	assert_false(scope_contains_below(&w, P20));
	assert_true(scope_contains_below(&all, P1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scope_child_path_zero_pads_ids),
		cmocka_unit_test(test_scope_tree_paths_stored_as_documented),
		cmocka_unit_test(test_scope_path_upper_bumps_final_slash),
		cmocka_unit_test(test_scope_all_sees_every_org_and_adds_no_filter),
		cmocka_unit_test(test_scope_subtree_sees_itself_and_descendants_only),
		cmocka_unit_test(test_scope_zero_padding_defeats_id_prefix_trap),
		cmocka_unit_test(test_scope_two_roots_see_the_union),
		cmocka_unit_test(test_scope_empty_sees_nothing),
		cmocka_unit_test(test_scope_contains_matches_subtree),
		cmocka_unit_test(test_scope_contains_below_excludes_the_root_itself),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
