/* certificate.c: the training certificate as a PDF: text converted from
 * UTF-8 to GBK for libharu's SimSun CID font (GBK-EUC-H), a red double
 * border, centred lines. */
#include "core/common.h"
#include "cultivate/certificate.h"

#include <hpdf.h>
#include <iconv.h>
#include <unistd.h>

#include "core/log.h"
#include "report/xlsx.h"

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	int *failed = user;

	*failed = 1;
	log_error("certificate: libharu error 0x%04x (%u)", (unsigned)error_no, (unsigned)detail_no);
}

/* UTF-8 s in GBK, into out (truncated to fit); "" when it cannot convert. */
static void
gbk(const char *s, char *out, size_t n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	char *in = (char *)s, *o = out;
	size_t left = strlen(s), room = n - 1;

	*out = '\0';
	if (cd == (iconv_t)-1)
		return;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 && o == out)
		*out = '\0';
	else
		*o = '\0';
	iconv_close(cd);
}

static void
centred(HPDF_Page page, HPDF_Font font, float size, float y, const char *utf8)
{
	char text[512];
	float w;

	gbk(utf8, text, sizeof(text));
	HPDF_Page_SetFontAndSize(page, font, size);
	w = HPDF_Page_TextWidth(page, text);
	HPDF_Page_BeginText(page);
	HPDF_Page_TextOut(page, (HPDF_Page_GetWidth(page) - w) / 2, y, text);
	HPDF_Page_EndText(page);
}

static void
border(HPDF_Page page)
{
	float w = HPDF_Page_GetWidth(page), h = HPDF_Page_GetHeight(page);

	HPDF_Page_SetRGBStroke(page, 0.78f, 0.09f, 0.11f);
	HPDF_Page_SetLineWidth(page, 4);
	HPDF_Page_Rectangle(page, 28, 28, w - 56, h - 56);
	HPDF_Page_Stroke(page);
	HPDF_Page_SetLineWidth(page, 1);
	HPDF_Page_Rectangle(page, 40, 40, w - 80, h - 80);
	HPDF_Page_Stroke(page);
}

static void
draw(HPDF_Page page, HPDF_Font font, const struct certificate *c)
{
	char line[512];

	border(page);
	HPDF_Page_SetRGBFill(page, 0.78f, 0.09f, 0.11f);
	centred(page, font, 40, 440, "培训结业证书");
	HPDF_Page_SetRGBFill(page, 0.1f, 0.1f, 0.1f);
	snprintf(line, sizeof(line), "%s 同志（%s）：", c->name, c->org_name);
	centred(page, font, 20, 360, line);
	snprintf(line, sizeof(line), "于 %" PRId64 " 年参加“%s”层级培训项目“%s”，", c->year, c->tier,
	    c->programme);
	centred(page, font, 18, 315, line);
	snprintf(line, sizeof(line), "完成培训 %" PRId64 " 学时（结业要求 %" PRId64 " 学时），准予结业。",
	    c->hours, c->required);
	centred(page, font, 18, 280, line);
	centred(page, font, 18, 170, "区委教育工委");
	centred(page, font, 16, 140, c->issued_on);
	snprintf(line, sizeof(line), "证书编号：HY-%" PRId64 "-%06" PRId64, c->year, c->enrolment_id);
	centred(page, font, 11, 70, line);
}

enum err
certificate_pdf(const struct certificate *c, char out[64])
{
	int failed = 0;
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font font;

	if (export_temp(out, "cert"))
		return ERR_STORE;
	if (!(pdf = HPDF_New(on_error, &failed))) {
		unlink(out);
		return ERR_STORE;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseCNSFonts(pdf);
	HPDF_UseCNSEncodings(pdf);
	font = HPDF_GetFont(pdf, "SimSun", "GBK-EUC-H");
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
	if (!failed)
		draw(page, font, c);
	if (!failed)
		HPDF_SaveToFile(pdf, out);
	HPDF_Free(pdf);
	if (failed) {
		unlink(out);
		return ERR_STORE;
	}
	return ERR_OK;
}
