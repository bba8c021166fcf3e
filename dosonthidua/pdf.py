"""PDF rendering with WeasyPrint in the official layout (Nghị định 30/2020/NĐ-CP, appendix I).

Templates extend ``documents/base_official.html``; the Liberation Serif fonts shipped in
static/fonts (metric-compatible with Times New Roman, SIL OFL) are embedded, so a PDF is the same on
every machine."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

STATIC_ROOT_DIR = settings.BASE_DIR / "static"


def render_pdf(template_name, context, *, request=None):
    """Render ``template_name`` with ``context`` to PDF bytes."""
    html = render_to_string(template_name, {"FONT_DIR": (STATIC_ROOT_DIR / "fonts").as_uri(), **context}, request=request)
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(STATIC_ROOT_DIR)).write_pdf(font_config=fonts)


def pdf_response(data, filename, *, inline=True):
    from .downloads import download_response

    return download_response(data, filename, content_type="application/pdf", inline=inline)
