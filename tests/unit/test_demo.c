/* test_demo.c: the demo district is big enough, valid by the rules the
 * console enforces (nesting, paths, counts, ID numbers, dates), and the
 * same on every run. */
#include "core/common.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "auth/crypto.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "party/demo.h"

struct fixture {
	char dir[64];
	char key[96];
	struct db *db;		/* DEMO_DISTRICT, generated once for the group */
};

static struct db *
open_migrated(void)
{
	struct db *db = NULL;

	assert_int_equal(db_open(":memory:", 1, &db), ERR_OK);
	assert_int_equal(migrate_run(db), ERR_OK);
	return db;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	log_set_quiet(1);
	assert_int_equal(crypto_init(), 0);
	snprintf(f->dir, sizeof(f->dir), "/tmp/hy_test_demo_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->key, sizeof(f->key), "%s/key", f->dir);
	assert_int_equal(crypto_key_create(f->key), ERR_OK);
	assert_int_equal(crypto_key_load(f->key), ERR_OK);
	f->db = open_migrated();
	assert_int_equal(demo_generate(f->db, &DEMO_DISTRICT), ERR_OK);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	db_close(f->db);
	unlink(f->key);
	rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t
count(struct db *db, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(db_get_i64(db, &n, sql, DB_END), ERR_OK);
	return n;
}

static void
test_demo_has_the_promised_size(void **state)
{
	struct fixture *f = *state;

	assert_true(count(f->db, "SELECT COUNT(*) FROM school") >= 30);
	assert_true(count(f->db, "SELECT COUNT(*) FROM org") >= 100);
	assert_true(count(f->db, "SELECT COUNT(*) FROM member") >= 2000);
	assert_int_equal(count(f->db, "SELECT COUNT(DISTINCT stage) FROM school"), 7);
	assert_true(count(f->db, "SELECT COUNT(DISTINCT education_group) FROM school"
	    " WHERE education_group <> ''") >= 3);
	assert_true(count(f->db, "SELECT COUNT(*) FROM school WHERE education_group = ''") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM school WHERE ownership = 'private'") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM school WHERE ownership = 'public'") >
	    count(f->db, "SELECT COUNT(*) FROM school WHERE ownership = 'private'"));
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM school WHERE stage NOT IN"
	    " ('kindergarten', 'primary', 'junior', 'senior', 'complete_secondary', 'nine_year',"
	    " 'vocational') OR ownership NOT IN ('public', 'private')"), 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM org WHERE kind = 'general_branch'") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM org WHERE kind = 'group'") > 0);
}

static void
test_demo_nesting_follows_the_rules(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org c LEFT JOIN org p"
	    " ON p.id = c.parent_id WHERE NOT ("
	    " (c.kind = 'district_committee' AND c.parent_id IS NULL)"
	    " OR (c.kind = 'party_committee' AND COALESCE(p.kind, '') = 'district_committee')"
	    " OR (c.kind = 'general_branch' AND COALESCE(p.kind, '') = 'party_committee')"
	    " OR (c.kind = 'branch' AND COALESCE(p.kind, '') IN ('party_committee',"
	    " 'general_branch'))"
	    " OR (c.kind = 'group' AND COALESCE(p.kind, '') = 'branch'))"), 0);
	/* One party committee per school; its subtree carries the school. */
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM school s WHERE (SELECT COUNT(*)"
	    " FROM org o WHERE o.kind = 'party_committee' AND o.school_id = s.id) <> 1"), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org c LEFT JOIN org p"
	    " ON p.id = c.parent_id WHERE"
	    " (c.kind = 'district_committee' AND c.school_id IS NOT NULL)"
	    " OR (c.kind = 'party_committee' AND c.school_id IS NULL)"
	    " OR (c.kind NOT IN ('district_committee', 'party_committee')"
	    " AND (c.school_id IS NULL OR c.school_id <> p.school_id))"), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org WHERE kind = 'branch'"
	    " AND basis = ''"), 0);
}

static void
test_demo_paths_match_parents(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org c LEFT JOIN org p"
	    " ON p.id = c.parent_id WHERE c.path <> COALESCE(p.path, '/')"
	    " || substr('0000000000' || c.id, -10) || '/'"
	    " OR c.depth <> COALESCE(p.depth + 1, 0)"), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org WHERE parent_id IS NULL"), 1);
}

static void
test_demo_members_sit_in_branches(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM member m JOIN org o"
	    " ON o.id = m.org_id WHERE o.kind <> 'branch' OR m.org_path <> o.path"), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org o WHERE o.kind = 'branch'"
	    " AND NOT EXISTS (SELECT 1 FROM member m WHERE m.org_id = o.id)"), 0);
	/* ORG-03: a branch generally has at most 50 members. */
	assert_true(count(f->db, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM member"
	    " GROUP BY org_id) t") <= 50);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org o WHERE o.member_count <>"
	    " (SELECT COUNT(*) FROM member m WHERE m.org_id = o.id AND m.state = 'active')"), 0);
	/* Retirees are in retirees' branches. */
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM member m JOIN org o"
	    " ON o.id = m.org_id WHERE m.category = 'retired' AND o.name NOT LIKE '退休%'"), 0);
}

static void
test_demo_terms_and_dates_are_plausible(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org WHERE kind <> 'group' AND ("
	    " term_years IS NULL OR term_years <> CASE WHEN kind IN ('district_committee',"
	    " 'party_committee') THEN 5 ELSE 3 END OR term_started_on IS NULL"
	    " OR term_started_on < '2023-01-01' OR term_started_on >= '2026-01-01'"
	    " OR founded_on IS NULL OR founded_on > term_started_on)"), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org c JOIN org p ON p.id = c.parent_id"
	    " WHERE c.kind <> 'party_committee' AND c.founded_on < p.founded_on"), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM org WHERE created_at <> 1767225600"),
	    0);
}

static void
test_demo_member_fields_follow_the_rules(void **state)
{
	struct fixture *f = *state;
	int64_t n = count(f->db, "SELECT COUNT(*) FROM member");
	int64_t prob = count(f->db, "SELECT COUNT(*) FROM member WHERE status = 'probationary'");

	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM member WHERE"
	    " gender NOT IN ('male', 'female')"
	    " OR category NOT IN ('in_service', 'retired', 'other')"
	    " OR state NOT IN ('active', 'transferred_out', 'deceased')"
	    " OR (status = 'full' AND (full_on IS NULL OR full_on < joined_on))"
	    " OR (status = 'probationary' AND full_on IS NOT NULL)"
	    " OR status NOT IN ('full', 'probationary')"
	    " OR (state = 'active' AND (state_on IS NOT NULL OR state_reason <> ''))"
	    " OR (state <> 'active' AND (state_on IS NULL OR state_reason = ''"
	    " OR state_on < joined_on))"
	    " OR joined_on IS NULL OR birth_enc IS NULL"
	    " OR joined_on >= '2026-01-01' OR full_on >= '2026-01-01' OR state_on >= '2026-01-01'"
	    " OR backbone NOT IN (0, 1) OR dual_leader NOT IN (0, 1)"
	    " OR (dual_leader = 1 AND backbone = 0) OR ethnicity = '' OR name = ''"), 0);
	assert_true(prob * 100 >= n * 2 && prob * 100 <= n * 10);
	assert_true(count(f->db, "SELECT COUNT(*) FROM member WHERE state = 'active'") * 100 >=
	    n * 90);
	assert_true(count(f->db, "SELECT COUNT(*) FROM member WHERE state <> 'active'") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM member WHERE dual_leader = 1") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM member WHERE category = 'retired'") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM member WHERE ethnicity = '汉族'") * 100 >=
	    n * 80);
}

/* Checks one member's sealed numbers against the row's other columns. */
static void
check_member_numbers(struct db_rows *r)
{
	size_t len;
	const void *blob = db_blob(r, 0, &len);
	char *id = crypto_open(blob, len), *phone, mask[19], pmask[12];
	unsigned char idx[32];
	struct id_card card;
	int32_t birth;
	const void *stored_idx;

	struct ymd b;
	char *born, adult[11];

	assert_non_null(id);
	assert_int_equal(id_card_parse(id, date_today(), &card), ID_CARD_OK);
	/* The birth date is sealed (PI-06, SEC-09) and agrees with the number;
	 * born 1950-2002 and joined at 18 or later. */
	blob = db_blob(r, 2, &len);
	assert_non_null(born = crypto_open(blob, len));
	assert_int_equal(date_parse(born, &birth), 0);
	assert_int_equal(card.birth, birth);
	assert_true(strcmp(born, "1950-01-01") >= 0 && strcmp(born, "2002-12-31") <= 0);
	b = date_to_ymd(birth);
	snprintf(adult, sizeof(adult), "%04d%s", b.y + 18, born + 4);
	assert_true(strcmp(db_text(r, 7), adult) >= 0);
	free(born);
	assert_string_equal(card.male ? "male" : "female", db_text(r, 3));
	id_card_mask(id, mask);
	assert_string_equal(mask, db_text(r, 4));
	crypto_blind_index(id, idx);
	stored_idx = db_blob(r, 1, &len);
	assert_int_equal(len, 32);
	assert_memory_equal(idx, stored_idx, 32);
	blob = db_blob(r, 5, &len);
	phone = crypto_open(blob, len);
	assert_non_null(phone);
	assert_true(phone_valid(phone));
	phone_mask(phone, pmask);
	assert_string_equal(pmask, db_text(r, 6));
	free(id);
	free(phone);
}

static void
test_demo_numbers_open_to_valid_ids(void **state)
{
	struct fixture *f = *state;
	struct db_rows r;
	enum err e;
	int n = 0;

	assert_int_equal(db_query(f->db, &r, "SELECT id_card_enc, id_card_idx, birth_enc, gender,"
	    " id_card_mask, phone_enc, phone_mask, joined_on FROM member ORDER BY id", DB_END),
	    ERR_OK);
	while ((e = db_next(&r)) == ERR_OK) {
		check_member_numbers(&r);
		n++;
	}
	db_rows_close(&r);
	assert_int_equal(e, ERR_NOT_FOUND);
	assert_true(n >= 2000);
	assert_int_equal(count(f->db, "SELECT COUNT(DISTINCT id_card_idx) FROM member"), n);
}

/* FNV-1a over every column of every row of sql, in order. */
static uint64_t
digest(struct db *db, const char *sql, uint64_t h)
{
	struct db_rows r;

	assert_int_equal(db_query(db, &r, sql, DB_END), ERR_OK);
	while (db_next(&r) == ERR_OK) {
		for (int c = 0; c < r.ncols; c++) {
			const char *s = db_text(&r, c);

			for (s = s ? s : "\x01"; *s; s++)
				h = (h ^ (unsigned char)*s) * 0x100000001b3u;
			h = (h ^ 0x1f) * 0x100000001b3u;
		}
	}
	db_rows_close(&r);
	return h;
}

static uint64_t
digest_all(struct db *db)
{
	uint64_t h = 0xcbf29ce484222325u;

	h = digest(db, "SELECT id, name, stage, ownership, education_group FROM school"
	    " ORDER BY id", h);
	h = digest(db, "SELECT id, parent_id, kind, name, school_id, basis, founded_on,"
	    " term_started_on, term_years, path, depth, member_count FROM org ORDER BY id", h);
	/* birth_enc has a random nonce; the birth date is in id_card_idx's number. */
	return digest(db, "SELECT id, org_id, name, gender, ethnicity,"
	    " hex(id_card_idx), id_card_mask, phone_mask, education, title, post, category,"
	    " status, full_on, state, state_on, state_reason, joined_on, backbone, dual_leader"
	    " FROM member ORDER BY id", h);
}

static void
test_demo_is_deterministic(void **state)
{
	struct fixture *f = *state;
	struct db *db2 = open_migrated();

	assert_int_equal(demo_generate(db2, &DEMO_DISTRICT), ERR_OK);
	assert_true(digest_all(f->db) == digest_all(db2));
	db_close(db2);
}

static void
test_demo_seed_changes_the_data(void **state)
{
	struct fixture *f = *state;
	struct demo_scale s = DEMO_DISTRICT;
	struct db *db2 = open_migrated();

	s.seed++;
	assert_int_equal(demo_generate(db2, &s), ERR_OK);
	assert_true(digest_all(f->db) != digest_all(db2));
	db_close(db2);
}

static void
test_demo_refuses_a_filled_database(void **state)
{
	struct fixture *f = *state;
	int64_t before = count(f->db, "SELECT COUNT(*) FROM member");

	assert_int_equal(demo_generate(f->db, &DEMO_DISTRICT), ERR_CONFLICT);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM member"), before);
}

static void
test_demo_rejects_bad_scales(void **state)
{
	struct demo_scale s = DEMO_DISTRICT;
	struct db *db2 = open_migrated();

	(void)state;
	s.districts = 0;
	assert_int_equal(demo_generate(db2, &s), ERR_INVALID);
	s = DEMO_DISTRICT;
	s.schools_per_district = DEMO_SCHOOLS_MAX + 1;
	assert_int_equal(demo_generate(db2, &s), ERR_INVALID);
	assert_int_equal(count(db2, "SELECT COUNT(*) FROM org"), 0);
	db_close(db2);
}

static void
test_demo_small_city_is_consistent(void **state)
{
	struct demo_scale s = { .districts = 3, .schools_per_district = 5,
		.members_target = 900, .seed = 7 };
	struct db *db2 = open_migrated();

	(void)state;
	assert_int_equal(demo_generate(db2, &s), ERR_OK);
	assert_int_equal(count(db2, "SELECT COUNT(*) FROM org WHERE kind = 'district_committee'"
	    " AND parent_id IS NULL"), 3);
	assert_int_equal(count(db2, "SELECT COUNT(*) FROM school"), 15);
	assert_int_equal(count(db2, "SELECT COUNT(DISTINCT substr(name, 1, 2)) FROM school"), 3);
	assert_true(count(db2, "SELECT COUNT(*) FROM member") >= 900);
	assert_int_equal(count(db2, "SELECT COUNT(*) FROM org c JOIN org p ON p.id = c.parent_id"
	    " WHERE substr(c.path, 1, length(p.path)) <> p.path"), 0);
	db_close(db2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_has_the_promised_size),
		cmocka_unit_test(test_demo_nesting_follows_the_rules),
		cmocka_unit_test(test_demo_paths_match_parents),
		cmocka_unit_test(test_demo_members_sit_in_branches),
		cmocka_unit_test(test_demo_terms_and_dates_are_plausible),
		cmocka_unit_test(test_demo_member_fields_follow_the_rules),
		cmocka_unit_test(test_demo_numbers_open_to_valid_ids),
		cmocka_unit_test(test_demo_is_deterministic),
		cmocka_unit_test(test_demo_seed_changes_the_data),
		cmocka_unit_test(test_demo_refuses_a_filled_database),
		cmocka_unit_test(test_demo_rejects_bad_scales),
		cmocka_unit_test(test_demo_small_city_is_consistent),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
