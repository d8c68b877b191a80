#include "core/common.h"
#include "auth/audit_anchor.h"
#include "core/config.h"
#include "core/log.h"

#include <fcntl.h>
#include <unistd.h>

#define MARK "hongyan-audit-checkpoint v1 "

const char *
anchor_path(const char *db_path, char *buf, size_t len)
{
	if (cfg.audit_checkpoints && *cfg.audit_checkpoints)
		snprintf(buf, len, "%s", cfg.audit_checkpoints);
	else
		snprintf(buf, len, "%s.audit-checkpoints", db_path);
	return buf;
}

static void
sign(int64_t seq, const char *mac, int64_t at, char sig[CRYPTO_MAC_HEX])
{
	char text[160];

	snprintf(text, sizeof(text), "v1;%" PRId64 ";%s;%" PRId64, seq, mac, at);
	crypto_anchor_mac(text, sig);
}

enum err
anchor_write(struct db *db, const char *path, int64_t *last_seq)
{
	char mac[CRYPTO_MAC_HEX], sig[CRYPTO_MAC_HEX], line[320];
	int64_t seq, at = time(NULL);
	enum err e = audit_head(db, &seq, mac);
	int fd, n;

	if (e || seq == 0 || seq <= *last_seq)
		return e;
	sign(seq, mac, at, sig);
	n = snprintf(line, sizeof(line), MARK "seq=%" PRId64 " mac=%s at=%" PRId64 " sig=%s\n", seq,
	    mac, at, sig);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, line, (size_t)n) != n) {
		log_error("audit checkpoint %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return ERR_STORE;
	}
	if (close(fd)) {
		log_error("audit checkpoint %s: %s", path, strerror(errno));
		return ERR_STORE;
	}
	line[n - 1] = '\0';
	log_info("%s", line);
	*last_seq = seq;
	return ERR_OK;
}

/* Whether a re-chain recorded at or after `at` rewrote row seq. */
static int
rechained_since(const struct audit_verdict *av, int64_t seq, int64_t at)
{
	for (int i = 0; i < av->nrechain; i++)
		if (av->rechain[i].from_id <= seq && seq <= av->rechain[i].to_id &&
		    av->rechain[i].at >= at)
			return 1;
	return 0;
}

/* One line: 0 when it holds no checkpoint, 1 when it holds a valid one
 * (filled in), -1 when its signature fails. */
static int
parse_line(const char *line, int64_t *seq, char mac[CRYPTO_MAC_HEX], int64_t *at)
{
	const char *p = strstr(line, MARK);
	char sig[CRYPTO_MAC_HEX], want[CRYPTO_MAC_HEX];
	long long s, t;

	if (!p)
		return 0;
	if (sscanf(p + strlen(MARK), "seq=%lld mac=%64[0-9a-z] at=%lld sig=%64[0-9a-f]", &s, mac,
	    &t, sig) != 4)
		return -1;
	*seq = s;
	*at = t;
	sign(*seq, mac, *at, want);
	return crypto_str_equal(want, sig) ? 1 : -1;
}

static void
check_one(struct db *db, const struct audit_verdict *av, int64_t seq, const char *mac, int64_t at,
    struct anchor_verdict *v)
{
	char now[CRYPTO_MAC_HEX];

	v->nlines++;
	if (seq > v->last_seq) {
		v->last_seq = seq;
		v->last_at = at;
	}
	if (seq > av->nrows) {
		if (!v->truncated_seq || seq > v->truncated_seq)
			v->truncated_seq = seq;
		return;
	}
	if (!v->mismatch_seq && !rechained_since(av, seq, at) &&
	    (audit_mac_of(db, seq, now) || !crypto_str_equal(now, mac)))
		v->mismatch_seq = seq;
}

enum err
anchor_check(struct db *db, const char *path, const struct audit_verdict *av,
    struct anchor_verdict *v)
{
	char line[1024], mac[CRYPTO_MAC_HEX];
	FILE *f = fopen(path, "re");
	int64_t seq, at;
	int lineno = 0;

	memset(v, 0, sizeof(*v));
	if (!f)
		return errno == ENOENT ? ERR_NOT_FOUND : ERR_STORE;
	while (fgets(line, sizeof(line), f)) {
		int r = parse_line(line, &seq, mac, &at);

		lineno++;
		if (r < 0 && !v->bad_line)
			v->bad_line = lineno;
		if (r > 0)
			check_one(db, av, seq, mac, at, v);
	}
	fclose(f);
	return v->bad_line || v->truncated_seq || v->mismatch_seq ? ERR_CONFLICT : ERR_OK;
}
