/* migrate.h: brings a database to this build's schema by applying the
 * numbered migrations (src/db/migrations/NNNN_*.sql, compiled in) each in
 * its own transaction, recorded in schema_version. Every migration not
 * recorded there is applied, in number order, even below the highest
 * recorded one. */
#ifndef HY_MIGRATE_H
#define HY_MIGRATE_H

#include "db/db.h"

/* ERR_OK when the schema is current; ERR_CONFLICT (logged) when the
 * database comes from a newer Hongyan; ERR_STORE otherwise. */
enum err migrate_run(struct db *db);
/* The schema version this build knows. */
int migrate_latest(void);

#endif
