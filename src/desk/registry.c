/* registry.c: the areas that contribute to the desk (desk.h), one line
 * each. Their order is the alert centre's kind order. A new platform
 * adds its desk_<area>.c and one line here. */
#include "core/common.h"
#include "desk/desk.h"

#define DESK_AREAS(X) \
	X(party_desk) \
	X(develop_desk) \
	X(create_desk) \
	X(cultivate_desk) \
	X(supervise_desk) \
	X(study_desk) \
	X(notice_desk) \
	X(principal_desk)

#define DECLARE(area) extern const struct desk_area area;
#define ENTRY(area) &area,

DESK_AREAS(DECLARE)

const struct desk_area *const desk_areas[] = { DESK_AREAS(ENTRY) NULL };
