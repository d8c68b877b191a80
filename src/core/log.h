/* log.h: one-line log records to stderr with a UTC timestamp and a level. */
#ifndef HY_LOG_H
#define HY_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_quiet(int quiet);	/* quiet drops info records (CLI commands) */

#endif
