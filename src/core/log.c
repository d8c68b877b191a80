#include "core/common.h"
#include "core/log.h"

static int log_quiet;

void
log_set_quiet(int quiet)
{
	log_quiet = quiet;
}

static void
log_emit(const char *level, const char *fmt, va_list ap)
{
	char line[1024], stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "%s %s %s\n", stamp, level, line);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (log_quiet)
		return;
	va_start(ap, fmt);
	log_emit("info", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("warn", fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("error", fmt, ap);
	va_end(ap);
}
