/* demo_pipeline.h: a few people in the development pipeline for the demo
 * district, so the 发展党员 board shows something after `make run`. */
#ifndef HY_DEMO_PIPELINE_H
#define HY_DEMO_PIPELINE_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* For the first branch of each of the first 12 party committees: one
 * activist (steps 1-4 done) and, where the branch has two full members,
 * one development target (steps 1-12 done, contacts and sponsors named),
 * all dated before today and recorded through the pipeline's own rules
 * (applicant_create/applicant_record, so each has its audit row). None
 * has a due step (no alerts) and none is admitted (no member rows). The
 * same database and today give the same people. */
enum err demo_pipeline_generate(struct db *db, int32_t today);

#endif
