"""Reading and writing the ZIP container: the manifest, the checksums, the schema. Nothing here
touches the database; a package that fails any check raises PackageError with the reason in
Vietnamese, before anything is written."""

import hashlib
import io
import json
import zipfile
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from . import FORMAT, SUPPORTED_MAJOR, VERSION

MANIFEST = "manifest.json"
SCHEMA_PATH = Path(__file__).parent / "schema" / "manifest-1.json"
# A ZIP bomb or a mistaken upload is refused before it is unpacked (sizes of the entries as declared
# by the archive and checked again while reading).
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_FILES = 2000


class PackageError(Exception):
    """A refused package; the message is for the user (Vietnamese)."""


@cache
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def build(manifest, files):
    """The ZIP bytes of ``manifest`` (dict without "files") and ``files`` [(path, bytes, extra)],
    each listed in the manifest with its size and SHA-256. The manifest is validated before it is
    written, so this portal never sends what it would itself refuse."""
    listed = []
    for path, data, extra in files:
        listed.append({"path": path, "sha256": sha256(data), "size": len(data), **extra})
    manifest = {**manifest, "files": listed}
    errors = sorted(validator().iter_errors(manifest), key=lambda e: list(e.absolute_path))
    if errors:  # a bug of the exporter, not a user error
        raise ValueError(f"manifest does not match its schema: {errors[0].message} at {list(errors[0].absolute_path)}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for path, data, _extra in files:
            archive.writestr(path, data)
    return buffer.getvalue()


def _where(error):
    path = "/".join(str(p) for p in error.absolute_path)
    return f" (tại “{path}”)" if path else ""


class Package:
    """A package read and checked: ``manifest`` (dict) and ``files`` {path: bytes}."""

    def __init__(self, manifest, files, raw):
        self.manifest, self.files, self.raw = manifest, files, raw
        self.sha256 = sha256(raw)

    @property
    def kind(self):
        return self.manifest["kind"]

    def file_entries(self, role=None):
        return [f for f in self.manifest["files"] if role is None or f["role"] == role]


def read(raw, *, expect=None):
    """Open and check a package (bytes): a ZIP, a manifest of this format and a supported version
    that matches the JSON Schema, every listed file present with its size and SHA-256, nothing
    unlisted; ``expect``: the kind this page accepts. Returns a Package or raises PackageError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PackageError("Tệp không phải là gói liên thông (không đọc được tệp ZIP).") from None
    if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise PackageError("Gói quá lớn: tối đa 2000 tệp và 200 MB sau khi giải nén.")
    names = {i.filename for i in infos if not i.is_dir()}
    if MANIFEST not in names:
        raise PackageError("Gói không có tệp manifest.json.")
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError("Tệp manifest.json không phải JSON hợp lệ (UTF-8).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(f"Gói không đúng định dạng: manifest.json phải có “format”: “{FORMAT}”.")
    version = manifest.get("version")
    if not isinstance(version, str) or version.split(".")[0] != SUPPORTED_MAJOR:
        raise PackageError(f"Phiên bản gói “{version}” không được hỗ trợ: cổng này đọc phiên bản {VERSION} (1.x).")
    errors = sorted(validator().iter_errors(manifest), key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
    if errors:
        first = errors[0]
        raise PackageError(f"Tệp manifest.json không hợp lệ theo lược đồ phiên bản {VERSION}: {first.message}{_where(first)}.")
    if expect and manifest["kind"] != expect:
        raise PackageError(f"Trang này nhận gói loại “{expect}”, gói đã chọn là loại “{manifest['kind']}”.")
    files, listed = {}, set()
    for entry in manifest["files"]:
        path = entry["path"]
        if path in listed:
            raise PackageError(f"Tệp “{path}” được liệt kê hai lần trong manifest.json.")
        listed.add(path)
        if path not in names:
            raise PackageError(f"Thiếu tệp “{path}” được liệt kê trong manifest.json.")
        data = archive.read(path)
        if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
            raise PackageError(f"Tệp “{path}” không khớp mã kiểm tra SHA-256: tệp đã bị thay đổi hoặc hỏng trên đường truyền.")
        files[path] = data
    extra = sorted(names - listed - {MANIFEST})
    if extra:
        raise PackageError(f"Gói có tệp không được liệt kê trong manifest.json: “{extra[0]}”.")
    return Package(manifest, files, raw)
