"""Validation and storage of uploaded attachments, shared by every app.

The type is read from the content (magic bytes, and for DOCX/XLSX the package's own parts), never
from the name; names that try to walk directories are refused; files are stored under MEDIA_ROOT
(outside static) with a generated name and are served only by permission-checked views.
"""

import io
import os
import unicodedata
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible

KIND_LABELS = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "jpg": "ảnh JPEG", "png": "ảnh PNG"}
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "jpg", "png")
IMAGE_KINDS = ("jpg", "png")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


def sniff_kind(head, fileobj=None):
    """The real kind of a file from its first bytes (and, for ZIP packages, its parts), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04") and fileobj is not None:
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def clean_filename(name):
    """NFC, no control characters, at most 150 characters; raises ValidationError for names that
    contain directory parts (``../../x.pdf``, ``C:\\x.pdf``)."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise ValidationError("Tệp không có tên.")
    if "/" in name or "\\" in name or name.startswith(".") or ".." in name:
        raise ValidationError(f"Tên tệp “{name}” không hợp lệ: không được chứa đường dẫn thư mục.")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem, ext = os.path.splitext(name)
    return stem[: 150 - len(ext)] + ext


def validate_upload(uploaded, *, allowed=DOCUMENT_KINDS, max_bytes=None):
    """Check an uploaded file; returns its real kind ('pdf', 'docx', ...). Raises ValidationError
    with a Vietnamese message naming what is wrong."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    clean_filename(uploaded.name)
    if uploaded.size == 0:
        raise ValidationError("Tệp rỗng.")
    if uploaded.size > max_bytes:
        raise ValidationError(f"Tệp “{uploaded.name}” quá lớn: tối đa {max_bytes // (1024 * 1024)} MB.")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    fileobj = uploaded.file if hasattr(uploaded, "file") else uploaded
    if head.startswith(b"PK"):
        # Read the ZIP directory from a seekable copy of at most max_bytes.
        fileobj = io.BytesIO(uploaded.read())
        uploaded.seek(0)
    kind = sniff_kind(head, fileobj)
    if kind not in allowed:
        accepted = ", ".join(KIND_LABELS[k] for k in allowed)
        raise ValidationError(
            f"Tệp “{uploaded.name}” không đúng định dạng (chỉ nhận {accepted}); định dạng được kiểm tra theo nội dung tệp, không theo tên."
        )
    return kind


@deconstructible
class PrivateUploadTo:
    """upload_to for private files: '<prefix>/<year>/<uuid>.<ext>' (the user's own file name is kept
    in a model field, never used as a path). Deconstructible, so migrations can serialise it."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        ext = os.path.splitext(filename)[1].lower()[:8]
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix

    def __hash__(self):
        return hash(self.prefix)


def private_upload_to(prefix):
    return PrivateUploadTo(prefix)


def file_download_response(field_file, download_name, *, inline=False):
    """Serve a stored file after the caller has checked permission."""
    response = FileResponse(field_file.open("rb"), as_attachment=not inline, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
