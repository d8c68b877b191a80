/* png.h: a tiny PNG writer for 8-bit grayscale images (QR codes): zlib
 * stream of stored (uncompressed) deflate blocks, with its own CRC-32 and
 * Adler-32, so no image library is needed. */
#ifndef HY_PNG_H
#define HY_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* CRC-32 (ISO-HDLC, as PNG chunks use) of n bytes, continuing from crc (0 to start). */
uint32_t png_crc32(uint32_t crc, const void *p, size_t n);
/* Adler-32 (zlib) of n bytes, continuing from a (1 to start). */
uint32_t png_adler32(uint32_t a, const void *p, size_t n);
/* Appends a PNG of w x h gray pixels (row-major, one byte each) to out.
 * ERR_TOO_BIG if out's limit is passed. */
enum err png_gray(const uint8_t *pix, uint32_t w, uint32_t h, struct buf *out);

#endif
