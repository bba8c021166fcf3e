"""Downloads keep their Vietnamese names: one Content-Disposition for every file the portal serves
(RFC 6266 with RFC 5987 encoding: an ASCII ``filename`` for old clients and ``filename*=UTF-8''…``
with the real name), so "Quyết định 01/QĐ-UBND" arrives as "Quyết-định-01-QĐ-UBND.pdf" and, in a
client without RFC 5987, as "Quyet-dinh-01-QD-UBND.pdf" — never "download.docx"."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

_UNSAFE = re.compile(r"[^A-Za-z0-9._()-]+")
# Characters a file name may not hold on common systems, and the path separators.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def download_name(*parts, ext=""):
    """'Quyết định', '01/QĐ-UBND', ext='pdf' -> 'Quyết-định-01-QĐ-UBND.pdf' (NFC, no path separators)."""
    text = " ".join(str(p) for p in parts if p)
    text = _FORBIDDEN.sub("-", unicodedata.normalize("NFC", text))
    text = re.sub(r"[\s-]+", "-", text).strip("-.")
    return f"{text}.{ext}" if ext else text


def ascii_fallback(filename):
    """'Quyết-định-01-QĐ-UBND.pdf' -> 'Quyet-dinh-01-QD-UBND.pdf'."""
    folded = unicodedata.normalize("NFD", filename.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _UNSAFE.sub("-", folded).strip("-")
    return re.sub(r"-{2,}", "-", folded) or "tai-ve"


def content_disposition(filename, *, inline=False):
    """The header value: 'attachment; filename="Quyet-dinh.pdf"; filename*=UTF-8''Quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh.pdf'."""
    disposition = "inline" if inline else "attachment"
    filename = unicodedata.normalize("NFC", filename)
    fallback = ascii_fallback(filename)
    value = f'{disposition}; filename="{fallback}"'
    if fallback != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return value


def download_response(data, filename, *, content_type, inline=False):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response
