/* roster_api.c: roster imports (upload → dry run → mapping → problems →
 * commit) and the roster export (issue 16).
 *
 * An import is held in this process's memory between its requests (the
 * uploaded bytes, the user's column corrections and the last pass's
 * problems), for its uploader only, at most cfg.import_held_max at once
 * and cfg.import_keep_s seconds: no file table is added before the
 * attachment module (issue 19) lands. A restart forgets imports not yet
 * committed; the user uploads again. */
#include "core/common.h"
#include "roster/roster_api.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "http/upload.h"
#include "report/xlsx.h"
#include "roster/roster.h"
#include "roster/roster_xlsx.h"
#include "party/org.h"

#include <jansson.h>
#include <pthread.h>
#include <unistd.h>

struct held {
	int64_t id, user_id;
	time_t at;
	int refs;
	char *name;
	void *data;
	size_t len;
	struct roster_override map[ROSTER_COLS];
	int nmap;
	struct roster_run run;	/* the last pass */
	int committed, create_orgs;
	int done;		/* committed or unreadable: forgotten with the last reference */
	int busy;		/* a pass is replacing run: readers wait (409) */
};

static pthread_mutex_t held_lock = PTHREAD_MUTEX_INITIALIZER;
static struct held *held[1000];
static int64_t held_next = 1;

static void
held_free(struct held *h)
{
	free(h->name);
	free(h->data);
	for (int i = 0; i < h->nmap; i++) {
		free((char *)h->map[i].col);
		free((char *)h->map[i].field);
	}
	roster_run_release(&h->run);
	free(h);
}

/* Under the lock: forgets expired imports nobody is using. */
static void
held_expire(void)
{
	time_t now = time(NULL);

	for (int i = 0; i < cfg.import_held_max && i < (int)ARRAY_SIZE(held); i++) {
		if (held[i] && !held[i]->refs && now - held[i]->at > cfg.import_keep_s) {
			held_free(held[i]);
			held[i] = NULL;
		}
	}
}

/* Takes ownership of h; ERR_TOO_BIG (with a retry hint) when all slots
 * are in use. */
static enum err
held_add(struct held *h, struct problem *pb)
{
	enum err e = ERR_TOO_BIG;

	pthread_mutex_lock(&held_lock);
	held_expire();
	for (int i = 0; i < cfg.import_held_max && i < (int)ARRAY_SIZE(held); i++) {
		if (!held[i]) {
			h->id = held_next++;
			h->refs = 1;
			held[i] = h;
			e = ERR_OK;
			break;
		}
	}
	pthread_mutex_unlock(&held_lock);
	if (e) {
		held_free(h);
		pb->message = "同时进行的导入过多，请稍后再试（未提交的导入一小时后自动清除）";
		pb->code = "busy";
		pb->retry_after = 60;
		return ERR_LOCKED;	/* 429 with Retry-After */
	}
	return e;
}

/* The caller's import id, with a reference the caller drops with
 * held_put(); NULL and ERR_NOT_FOUND when unknown or another user's,
 * ERR_CONFLICT while a pass works on it. */
static struct held *
held_get(struct req *rq, int64_t id, struct problem *pb, enum err *e)
{
	struct held *h = NULL;

	*e = ERR_NOT_FOUND;
	pthread_mutex_lock(&held_lock);
	for (int i = 0; i < (int)ARRAY_SIZE(held); i++) {
		if (held[i] && held[i]->id == id && held[i]->user_id == rq->who.user_id) {
			h = held[i];
			break;
		}
	}
	if (h && h->busy) {
		h = NULL;
		*e = ERR_CONFLICT;
		pb->message = "该导入正在处理中，请稍候";
	} else if (h) {
		h->refs++;
		h->at = time(NULL);
		*e = ERR_OK;
	}
	pthread_mutex_unlock(&held_lock);
	return h;
}

/* Drops a reference; a committed import is forgotten with its last one
 * (its upload is not kept once written). */
static void
held_put(struct held *h)
{
	pthread_mutex_lock(&held_lock);
	if (!--h->refs && h->done) {
		for (int i = 0; i < (int)ARRAY_SIZE(held); i++)
			if (held[i] == h)
				held[i] = NULL;
		held_free(h);
	}
	pthread_mutex_unlock(&held_lock);
}

/* A pass over h's file (a dry run, or a commit); replaces h->run. Only
 * one request works on an import at a time (ERR_CONFLICT otherwise). */
static enum err
run_pass(struct req *rq, struct reply *rp, struct held *h, int commit, int valid_only)
{
	struct roster_opts o = { .commit = commit, .valid_only = valid_only,
		.create_orgs = h->create_orgs, .file_name = h->name, .map = h->map, .nmap = h->nmap };
	struct roster_run run;
	enum err e;

	pthread_mutex_lock(&held_lock);
	e = h->refs > 1 || h->busy ? ERR_CONFLICT : ERR_OK;
	h->busy = !e;
	pthread_mutex_unlock(&held_lock);
	if (e) {
		rp->problem.message = "该导入正在处理中，请稍候";
		return e;
	}
	e = roster_import(rq->db, &rq->who, h->data, h->len, &o, &run, &rp->problem);
	roster_run_release(&h->run);
	h->run = run;	/* kept even on failure: its problems explain it */
	if (!e && run.committed)
		h->committed = h->done = 1;
	pthread_mutex_lock(&held_lock);
	h->busy = 0;
	pthread_mutex_unlock(&held_lock);
	return e;
}

static void
write_mapping(struct jw *w, const struct roster_map *m)
{
	jw_key(w, "mapping");
	jw_arr(w);
	for (int c = 0; c < m->ncols; c++) {
		char col[4];

		roster_col_name(c, col);
		jw_obj(w);
		jw_kstr(w, "col", col);
		jw_kstr(w, "header", m->header[c]);
		jw_kstr(w, "field", m->field[c] ? roster_field_key(m->field[c]) : "none");
		jw_kstr(w, "label", roster_field_label(m->field[c]));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "fields");	/* what a column may be mapped to */
	jw_arr(w);
	for (int f = RF_NONE + 1; f < RF_COUNT; f++) {
		jw_obj(w);
		jw_kstr(w, "field", roster_field_key((enum roster_field)f));
		jw_kstr(w, "label", roster_field_label((enum roster_field)f));
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void
write_problem(struct jw *w, const struct roster_run *run, const struct roster_problem *p)
{
	char col[4] = "";

	if (p->col >= 0)
		roster_col_name(p->col, col);
	jw_obj(w);
	jw_kint(w, "row", p->row);
	if (p->col >= 0)
		jw_kstr(w, "col", col);
	else
		jw_kstr(w, "col", NULL);
	jw_kstr(w, "header", p->col >= 0 && p->col < run->map.ncols ? run->map.header[p->col] :
	    NULL);
	jw_kstr(w, "reason", p->reason);
	jw_obj_end(w);
}

/* The import as GET shows it: counts, mapping, the first problems. */
static enum err
reply_held(struct reply *rp, int status, const struct held *h)
{
	const struct roster_run *run = &h->run;
	struct jw w;

	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	jw_kint(&w, "id", h->id);
	jw_kstr(&w, "name", h->name);
	jw_kint(&w, "rows", run->rows);
	jw_kint(&w, "bad_rows", run->bad_rows);
	jw_kint(&w, "problem_count", run->nproblems);
	jw_kint(&w, "created", run->created);
	jw_kint(&w, "updated", run->updated);
	jw_kint(&w, "unchanged", run->unchanged);
	jw_kbool(&w, "committed", h->committed);
	jw_kbool(&w, "create_orgs", h->create_orgs);
	jw_kint(&w, "orgs_created", run->orgs_created);
	jw_key(&w, "new_orgs");
	jw_arr(&w);
	for (int i = 0; i < run->new_orgs; i++) {
		jw_obj(&w);
		jw_kstr(&w, "name", run->plans[i].name);
		jw_kstr(&w, "kind", run->plans[i].kind);
		jw_kstr(&w, "kind_label", org_kind_label(run->plans[i].kind));
		jw_kstr(&w, "parent", run->plans[i].parent);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	write_mapping(&w, &run->map);
	jw_key(&w, "problems");
	jw_arr(&w);
	for (int i = 0; i < run->nproblems && i < 20; i++)
		write_problem(&w, run, &run->problems[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_roster_import_create(struct req *rq, struct reply *rp)
{
	const char *name = upload_name(rq), *co = req_arg(rq, "create_orgs");
	struct held *h;
	enum err e;

	if (co && strcmp(co, "0") && strcmp(co, "1"))
		return problem_field(&rp->problem, "create_orgs", "应为 0 或 1");
	if (!name || !*name || utf8_len(name) > 200)
		return problem_field(&rp->problem, "name", "请给出文件名（?name=，至多 200 字）");
	if (!rq->body.len)
		return problem_field(&rp->problem, "file", "请上传 .xlsx 或 .csv 文件");
	h = xcalloc(1, sizeof(*h));
	h->user_id = rq->who.user_id;
	h->at = time(NULL);
	h->name = xstrdup(name);
	h->create_orgs = co && !strcmp(co, "1");
	h->data = buf_detach(&rq->body, &h->len);
	if ((e = held_add(h, &rp->problem)))
		return e;
	e = run_pass(rq, rp, h, 0, 0);
	if (!e)
		e = reply_held(rp, 201, h);
	else
		h->done = 1;	/* not a roster: nothing to come back to */
	held_put(h);
	return e;
}

static enum err
api_roster_import_get(struct req *rq, struct reply *rp)
{
	enum err e;
	struct held *h = held_get(rq, rq->id, &rp->problem, &e);

	if (!h)
		return e;
	e = reply_held(rp, 200, h);
	held_put(h);
	return e;
}

/* {"map":{"D":"id_card","备注":"none"}, "create_orgs": true}: columns by
 * letter or header; create_orgs optional. */
static enum err
read_map(struct req *rq, struct problem *pb, struct held *h)
{
	json_error_t je;
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, 0, &je), *map, *v;
	const char *k;

	if (!root || !json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	v = json_object_get(root, "create_orgs");
	if (v && !json_is_boolean(v)) {
		json_decref(root);
		return problem_field(pb, "create_orgs", "应为 true 或 false");
	}
	if (v)
		h->create_orgs = json_is_true(v);
	map = json_object_get(root, "map");
	if (!json_is_object(map) || json_object_size(map) > ROSTER_COLS) {
		json_decref(root);
		return problem_field(pb, "map", "应为对象：{\"列\":\"字段\"}，至多 %d 列", ROSTER_COLS);
	}
	json_object_foreach(map, k, v) {
		if (!json_is_string(v) || strlen(k) > 95) {
			json_decref(root);
			return problem_field(pb, "map", "“%s”的字段应为字符串", k);
		}
	}
	for (int i = 0; i < h->nmap; i++) {
		free((char *)h->map[i].col);
		free((char *)h->map[i].field);
	}
	h->nmap = 0;
	json_object_foreach(map, k, v) {
		h->map[h->nmap].col = xstrdup(k);
		h->map[h->nmap++].field = xstrdup(json_string_value(v));
	}
	json_decref(root);
	return ERR_OK;
}

static enum err
api_roster_import_mapping(struct req *rq, struct reply *rp)
{
	enum err e;
	struct held *h = held_get(rq, rq->id, &rp->problem, &e);

	if (!h)
		return e;
	e = h->committed ? problem_field(&rp->problem, "map", "该导入已提交") : ERR_OK;
	if (!e)
		e = read_map(rq, &rp->problem, h);
	if (!e)
		e = run_pass(rq, rp, h, 0, 0);
	if (!e)
		e = reply_held(rp, 200, h);
	held_put(h);
	return e;
}

static enum err
api_roster_import_problems(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "row", "row" } };
	struct listq q;
	struct jw w;
	enum err e;
	struct held *h = held_get(rq, rq->id, &rp->problem, &e);

	if (!h)
		return e;
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q))) {
		held_put(h);
		return e;
	}
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	for (int64_t i = (q.page - 1) * q.per_page; i < h->run.nproblems &&
	    i < q.page * q.per_page; i++)
		write_problem(&w, &h->run, &h->run.problems[i]);
	listq_end(&w, &q, h->run.nproblems);
	held_put(h);
	return reply_json_end(rp, &w);
}

static enum err
api_roster_import_book(struct req *rq, struct reply *rp)
{
	char path[64];
	enum err e;
	struct held *h = held_get(rq, rq->id, &rp->problem, &e);

	if (!h)
		return e;
	e = xlsx_temp(path);
	if (!e && (e = roster_problem_book(h->data, h->len, &h->run, path)))
		unlink(path);
	if (!e)
		e = reply_file(rp, path, XLSX_MIME, upload_disposition(&rq->arena,
		    arena_printf(&rq->arena, "问题清单-%s.xlsx", h->name)));
	held_put(h);
	return e;
}

static enum err
api_roster_import_commit(struct req *rq, struct reply *rp)
{
	const char *vo = req_arg(rq, "valid_only");
	enum err e;
	struct held *h = held_get(rq, rq->id, &rp->problem, &e);

	if (!h)
		return e;
	if (vo && strcmp(vo, "0") && strcmp(vo, "1")) {
		held_put(h);
		return problem_field(&rp->problem, "valid_only", "应为 0 或 1");
	}
	e = h->committed ? problem_field(&rp->problem, "file", "该导入已提交，请重新上传后再导入")
	    : ERR_OK;
	if (!e)
		e = run_pass(rq, rp, h, 1, vo && !strcmp(vo, "1"));
	if (!e && !h->committed) {
		rp->problem.message = "名册中有问题，未写入任何数据：请修正后重新上传，"
		    "或选择“只导入无问题的行”";
		e = problem_field(&rp->problem, "file", "%d 行有问题", h->run.bad_rows);
	}
	if (!e)
		e = reply_held(rp, 200, h);
	held_put(h);
	return e;
}

static enum err
api_roster_export(struct req *rq, struct reply *rp)
{
	char path[64];
	int whole = 0;
	int64_t n = 0;
	enum err e = xlsx_temp(path);

	if (!e && (e = roster_export(rq->db, &rq->who, path, &whole, &n)))
		unlink(path);
	if (e)
		return e;
	return reply_file(rp, path, XLSX_MIME, upload_disposition(&rq->arena,
	    whole ? "党员名册.xlsx" : "党员名册（脱敏）.xlsx"));
}

static enum err
api_roster_template(struct req *rq, struct reply *rp)
{
	char path[64];
	enum err e = xlsx_temp(path);

	if (!e && (e = roster_template(path)))
		unlink(path);
	if (e)
		return e;
	return reply_file(rp, path, XLSX_MIME, upload_disposition(&rq->arena, "党员名册模板.xlsx"));
}

#define IMPORTERS (ROLE_DISTRICT | ROLE_SECRETARY)

const struct route roster_routes[] = {
	{ "POST", "/api/v1/roster/imports", api_roster_import_create, IMPORTERS,
		F_UPLOAD | F_IMPORT | F_HEAVY },
	{ "GET", "/api/v1/roster/imports/:id/problems.xlsx", api_roster_import_book, IMPORTERS,
		F_HEAVY },
	{ "GET", "/api/v1/roster/imports/:id/problems", api_roster_import_problems, IMPORTERS, 0 },
	{ "PUT", "/api/v1/roster/imports/:id/mapping", api_roster_import_mapping, IMPORTERS,
		F_HEAVY },
	{ "POST", "/api/v1/roster/imports/:id/commit", api_roster_import_commit, IMPORTERS,
		F_HEAVY },
	{ "GET", "/api/v1/roster/imports/:id", api_roster_import_get, IMPORTERS, 0 },
	{ "GET", "/api/v1/roster/export.xlsx", api_roster_export, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/roster/template.xlsx", api_roster_template, IMPORTERS, 0 },
	ROUTES_END,
};
