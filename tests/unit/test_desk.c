/* test_desk.c: the desk's registry (issue 12): every area's sources are
 * well formed, kinds are unique across areas, and the lists the API
 * validates against (alert_kinds, todo_kinds) hold exactly the registered
 * kinds in registry order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "desk/alert.h"
#include "desk/desk.h"
#include "desk/todo.h"

static int
count(const char *const *v)
{
	int n = 0;

	while (v[n])
		n++;
	return n;
}

static void
test_alert_sources_well_formed(void **state)
{
	int n = 0;

	(void)state;
	for (int i = 0; desk_areas[i]; i++)
		for (int j = 0; j < desk_areas[i]->n_alerts; j++) {
			const struct alert_source *s = &desk_areas[i]->alerts[j];

			assert_non_null(s->kinds[0]);
			if (s->compute) {
				assert_null(s->from);
			} else {
				/* SQL: one kind, and all four parts */
				assert_null(s->kinds[1]);
				assert_non_null(s->from);
				assert_non_null(s->cols);
				assert_non_null(s->order);
				assert_non_null(s->row);
			}
			for (int k = 0; k < ALERT_KINDS_MAX; k++)
				if (s->kinds[k])
					assert_string_equal(alert_kinds()[n++], s->kinds[k]);
		}
	assert_int_equal(count(alert_kinds()), n);
	assert_true(n >= 14);
}

static void
test_todo_sources_well_formed(void **state)
{
	int n = 0;

	(void)state;
	for (int i = 0; desk_areas[i]; i++)
		for (int j = 0; j < desk_areas[i]->n_todos; j++) {
			const struct todo_source *s = &desk_areas[i]->todos[j];

			assert_non_null(s->kind);
			assert_true(s->label && *s->label);
			assert_true(!s->select != !s->compute);	/* exactly one */
			assert_non_null(s->describe);
			assert_string_equal(todo_kinds()[n++], s->kind);
		}
	assert_int_equal(count(todo_kinds()), n);
	assert_true(n >= 11);
}

/* Two sources of one kind would make filters and links ambiguous. */
static void
test_kinds_unique(void **state)
{
	const char *const *a = alert_kinds(), *const *t = todo_kinds();

	(void)state;
	for (int i = 0; a[i]; i++)
		for (int j = i + 1; a[j]; j++)
			assert_string_not_equal(a[i], a[j]);
	for (int i = 0; t[i]; i++)
		for (int j = i + 1; t[j]; j++)
			assert_string_not_equal(t[i], t[j]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_sources_well_formed),
		cmocka_unit_test(test_todo_sources_well_formed),
		cmocka_unit_test(test_kinds_unique),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
