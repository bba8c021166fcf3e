"""Validation and storage of uploaded attachments, shared by every app.

The type is read from the content (magic bytes, and for DOCX/XLSX the package's own parts), never
from the name, and a name whose ending claims another type is refused; names that try to walk
directories are refused; files are stored under MEDIA_ROOT (outside static) with a generated name
ending in the detected type, and are served only by permission-checked views with that type.
"""

import io
import os
import unicodedata
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from .downloads import content_disposition

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
# The name endings each kind may carry; a file is stored under the first one.
EXTENSIONS = {"pdf": (".pdf",), "docx": (".docx",), "xlsx": (".xlsx",), "jpg": (".jpg", ".jpeg", ".jpe"), "png": (".png",)}
STORED_EXTENSIONS = {f".{kind}" for kind in EXTENSIONS}


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
    ext = os.path.splitext(uploaded.name)[1].lower()
    if ext and ext not in EXTENSIONS[kind]:
        raise ValidationError(
            f"Tệp “{uploaded.name}” có tên đuôi {ext} nhưng nội dung là {KIND_LABELS[kind]}: hãy tải lên đúng tệp, "
            f"hoặc đổi tên đuôi thành {EXTENSIONS[kind][0]} nếu đó là tệp bạn muốn gửi."
        )
    return kind


def as_stored(uploaded, kind):
    """The uploaded file under a name ending in its detected kind, for saving into a FileField
    (storage names come from PrivateUploadTo; the user's own name is kept in the model)."""
    return File(uploaded, name=f"tep.{kind}")


@deconstructible
class PrivateUploadTo:
    """upload_to for private files: '<prefix>/<year>/<uuid>.<ext>' (the user's own file name is kept
    in a model field, never used as a path). Deconstructible, so migrations can serialise it."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        ext = os.path.splitext(filename)[1].lower()
        if ext not in STORED_EXTENSIONS:
            ext = ""
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix

    def __hash__(self):
        return hash(self.prefix)


def private_upload_to(prefix):
    return PrivateUploadTo(prefix)


def file_download_response(field_file, download_name, *, inline=False):
    """Serve a stored file after the caller has checked permission, with the type its content is
    (read again here, so a file stored under a misleading name is never served as HTML): images
    inline when asked, everything else as an attachment; unknown content as octet-stream."""
    handle = field_file.open("rb")
    kind = sniff_kind(handle.read(16), handle)
    handle.seek(0)
    if kind:
        stem, ext = os.path.splitext(download_name)
        if ext.lower() not in EXTENSIONS[kind]:
            download_name = f"{stem}{EXTENSIONS[kind][0]}"
    response = FileResponse(
        handle,
        as_attachment=not (inline and kind in IMAGE_KINDS),
        filename=download_name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["Content-Disposition"] = content_disposition(download_name, inline=inline and kind in IMAGE_KINDS)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
