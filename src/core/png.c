#include "core/common.h"
#include "core/png.h"
#include "core/xalloc.h"

uint32_t
png_crc32(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;

	crc = ~crc;
	while (n--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

uint32_t
png_adler32(uint32_t a, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s1 = a & 0xffff, s2 = a >> 16;

	while (n--) {
		s1 = (s1 + *b++) % 65521;
		s2 = (s2 + s1) % 65521;
	}
	return s2 << 16 | s1;
}

static void
be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* One chunk: length, type, data, CRC over type and data. */
static enum err
chunk(struct buf *out, const char type[4], const uint8_t *data, size_t n)
{
	uint8_t h[8], c[4];
	uint32_t crc;

	be32(h, (uint32_t)n);
	memcpy(h + 4, type, 4);
	crc = png_crc32(png_crc32(0, type, 4), data, n);
	be32(c, crc);
	if (buf_add(out, h, 8) || (n && buf_add(out, data, n)) || buf_add(out, c, 4))
		return ERR_TOO_BIG;
	return ERR_OK;
}

/* The zlib stream of raw (filter byte 0 + row) in stored blocks of <= 65535 bytes. */
static uint8_t *
zlib_stored(const uint8_t *raw, size_t n, size_t *zn)
{
	size_t nblocks = n / 65535 + 1, off = 0, k = 2;
	uint8_t *z = xmalloc(2 + nblocks * 5 + n + 4);

	z[0] = 0x78;	/* deflate, 32K window */
	z[1] = 0x01;	/* check bits: 0x7801 % 31 == 0, no dictionary */
	do {
		size_t len = n - off > 65535 ? 65535 : n - off;

		z[k++] = off + len == n;	/* BFINAL, BTYPE 00 */
		z[k++] = (uint8_t)len;
		z[k++] = (uint8_t)(len >> 8);
		z[k++] = (uint8_t)~len;
		z[k++] = (uint8_t)(~len >> 8);
		memcpy(z + k, raw + off, len);
		k += len;
		off += len;
	} while (off < n);
	be32(z + k, png_adler32(1, raw, n));
	*zn = k + 4;
	return z;
}

enum err
png_gray(const uint8_t *pix, uint32_t w, uint32_t h, struct buf *out)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	uint8_t ihdr[13] = { 0 }, *raw, *z;
	size_t rn = (size_t)h * (w + 1), zn;
	enum err e;

	be32(ihdr, w);
	be32(ihdr + 4, h);
	ihdr[8] = 8;	/* bit depth; colour type 0 (gray), no interlace */
	raw = xmalloc(rn ? rn : 1);
	for (uint32_t y = 0; y < h; y++) {
		raw[(size_t)y * (w + 1)] = 0;	/* filter: none */
		memcpy(raw + (size_t)y * (w + 1) + 1, pix + (size_t)y * w, w);
	}
	z = zlib_stored(raw, rn, &zn);
	free(raw);
	e = buf_add(out, sig, 8) ? ERR_TOO_BIG : ERR_OK;
	if (!e)
		e = chunk(out, "IHDR", ihdr, 13);
	if (!e)
		e = chunk(out, "IDAT", z, zn);
	if (!e)
		e = chunk(out, "IEND", NULL, 0);
	free(z);
	return e;
}
