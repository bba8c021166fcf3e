"""PAdES signatures on issued documents (decisions, upward proposals) with pyHanko, and their check.

The signer's certificate is a PKCS#12 archive (key + certificate + chain) opened with its passphrase
at signing time. The visible stamp (who signed, for which body, when) is drawn where Nghị định
30/2020 (Phụ lục I) puts the signature of the competent person on an electronic document: in the
signature block, centred between the signer's title and printed name, on the last page that prints
that name; when the name is nowhere, at the bottom right of the last page. With a TSA URL
(PDF_SIGNATURE_TSA_URL) the signature carries an RFC 3161 timestamp. Validation re-checks the file's
integrity, whether anything was added after signing, whether the certificate chains to a trusted
root (PDF_SIGNATURE_TRUST_ROOTS), and reports the signer and the signing time."""

import datetime as dt
import functools
import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils import timezone
from pyhanko import stamp
from pyhanko.pdf_utils import layout as layout_rules
from pyhanko.pdf_utils import text as pdf_text
from pyhanko.pdf_utils.font import opentype
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

FIELD_NAME = "ChuKySo"
STAMP_WIDTH, STAMP_PADDING = 220, 5


class SigningError(Exception):
    """A refusal with a Vietnamese message for the signer."""


NOT_PKCS12 = "Tệp không phải chứng thư số PKCS#12 (.p12, .pfx)."
WRONG_PASSPHRASE = "Sai mật khẩu của chứng thư số."  # noqa: S105 (a message, not a password)


def open_pkcs12(data, passphrase):
    """The pyHanko signer of a PKCS#12 archive; SigningError (not an archive, or a wrong
    passphrase, told apart: the archive's structure is read before its content is decrypted)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        asn1_pkcs12.Pfx.load(bytes(data)).native  # noqa: B018 (parses the whole structure)
    except Exception as exc:  # asn1crypto raises ValueError, TypeError... on foreign bytes
        raise SigningError(NOT_PKCS12) from exc
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(bytes(data), other_certs=[], passphrase=(passphrase or "").encode() or None)
    except ValueError as exc:
        raise SigningError(WRONG_PASSPHRASE) from exc
    if signer is None or signer.signing_cert is None:
        raise SigningError("Tệp PKCS#12 không chứa khóa và chứng thư số của người ký.")
    return signer


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str
    valid_from: dt.datetime
    valid_to: dt.datetime


def certificate_info(data, passphrase):
    """What an administrator sees of an uploaded certificate (subject, issuer, validity)."""
    cert = open_pkcs12(data, passphrase).signing_cert
    return CertificateInfo(
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        serial=f"{cert.serial_number:X}",
        valid_from=cert.not_valid_before,
        valid_to=cert.not_valid_after,
    )


def stamp_font_path(source=None):
    """The stamp font, rescaled to 1000 units per em. pyHanko writes a font's glyph widths (/W) in
    the font's own units while PDF reads them as thousandths of an em, so a 2048-unit font such as
    Liberation Serif is drawn with every letter about twice as far apart as HarfBuzz laid it out and
    the text runs out of the stamp (seen with poppler). The rescaled copy is made once per file."""
    source = source or settings.PDF_SIGNATURE_FONT
    return _rescaled_font(source, os.stat(source).st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _rescaled_font(source, mtime_ns):
    from fontTools import ttLib
    from fontTools.ttLib.scaleUpem import scale_upem

    target = os.path.join(
        tempfile.gettempdir(), f"dosonthidua-stamp-{hashlib.sha256(f'{source}:{mtime_ns}'.encode()).hexdigest()[:16]}.ttf"
    )
    if not os.path.exists(target):
        font = ttLib.TTFont(source)
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        partial = f"{target}.{os.getpid()}"
        font.save(partial)
        os.replace(partial, target)  # atomic: two processes may build it at once
    return target


@functools.lru_cache(maxsize=4)
def _advances(path):
    """Glyph advance (in thousandths of an em) per character of a 1000-unit font."""
    from fontTools import ttLib

    font = ttLib.TTFont(path, lazy=True)
    metrics = font["hmtx"].metrics
    return {code: metrics[name][0] for code, name in font.getBestCmap().items()}


def text_width(text, size, path=None):
    """Width in points of ``text`` set in the stamp font at ``size`` (no kerning: an upper bound)."""
    advances = _advances(path or stamp_font_path())
    return sum(advances.get(ord(ch), 500) for ch in unicodedata.normalize("NFC", text)) * size / 1000


def _text_runs(pdf_bytes):
    """Per page: the (text, x, y, size) text runs in PDF user space, and the page width."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(BytesIO(pdf_bytes)).pages:
        runs = []

        def visit(text, cm, tm, font_dict, font_size, runs=runs):
            if text.strip():
                a, b, c, d, e, f = cm
                x, y = tm[4] * a + tm[5] * c + e, tm[4] * b + tm[5] * d + f
                runs.append((unicodedata.normalize("NFC", text), x, y, font_size * (abs(tm[3] * d) or 1)))

        page.extract_text(visitor_text=visit)
        pages.append((runs, float(page.mediabox.width)))
    return pages


def stamp_lines(*, signer_name, body_name, signed_at):
    """The stamp's text: who signed, for which body, when (ISO 8601 in Vietnam's time zone, as
    Nghị định 30/2020, Phụ lục I asks of the information shown with a body's digital signature)."""
    when = timezone.localtime(signed_at).isoformat(timespec="seconds")
    lines = [f"Ký số bởi: {signer_name}"]
    if body_name:
        lines.append(f"Cơ quan: {body_name}")
    lines.append(f"Thời gian ký: {when}")
    return lines


def _wrap(lines, width, size, path):
    """Lines wrapped at word boundaries so that none is wider than ``width`` points."""
    out = []
    for line in lines:
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}".strip()
            if current and text_width(candidate, size, path) > width:
                out.append(current)
                current = word
            else:
                current = candidate
        out.append(current)
    return out


def _leading(size):
    return round(size * 1.25)  # pyHanko's layout computes with integers (Fractions)


def _descent(size):
    return max(2, round(size * 0.25))  # below the last baseline (Liberation Serif: 0.22 em)


@dataclass(frozen=True)
class StampLayout:
    page_index: int
    box: tuple  # (x1, y1, x2, y2) in PDF user space
    lines: list
    font_size: float


def stamp_layout(pdf_bytes, *, anchor, lines):
    """Where the stamp goes and how its text is set. Nghị định 30/2020 (Phụ lục I) places the
    competent person's signature in the signature block, centred between the signer's title and
    printed name: so on the last page that prints the signer's name, centred on that name, in the
    space above it (never over the title line above). Without the name: bottom right of the last page.
    The font shrinks from 9 to 7 pt, then the text wraps, so every line stays inside the box."""
    path = stamp_font_path()
    pages = _text_runs(pdf_bytes)
    wanted = unicodedata.normalize("NFC", anchor or "").strip()
    found = None
    for index in range(len(pages) - 1, -1, -1):
        hits = [run for run in pages[index][0] if wanted and wanted in run[0]]
        if hits:
            found = index, hits[-1]
            break
    page_index, (runs, page_width) = (found[0], pages[found[0]]) if found else (len(pages) - 1, pages[-1])
    for size in (9, 8, 7):
        widest = max(text_width(line, size, path) for line in lines)
        if widest + 2 * STAMP_PADDING <= STAMP_WIDTH:
            set_lines = list(lines)
            break
    else:
        size = 7
        set_lines = _wrap(lines, STAMP_WIDTH - 2 * STAMP_PADDING, size, path)
    # As wide as the longest line needs (up to STAMP_WIDTH), as tall as its lines.
    width = min(STAMP_WIDTH, max(text_width(line, size, path) for line in set_lines) + 2 * STAMP_PADDING + 4)
    height = len(set_lines) * _leading(size) + _descent(size) + 2 * STAMP_PADDING
    if found:
        text, x, y, name_size = found[1]
        start = x + text_width(text[: text.index(wanted)], name_size, path)
        centre = start + text_width(wanted, name_size, path) / 2
        centre = min(max(centre, width / 2 + 10), page_width - width / 2 - 10)
        bottom = y + name_size * 1.2
        # The nearest line printed above the name in the stamp's column (the signer's title).
        above = [ry for _t, rx, ry, _s in runs if ry > bottom and abs(rx - centre) < width]
        if above:
            ceiling = min(above) - 2
            bottom = max(bottom, min(bottom + (ceiling - bottom - height) / 2, ceiling - height))
        box = (centre - width / 2, bottom, centre + width / 2, bottom + height)
    else:
        box = (page_width - width - 40, 40, page_width - 40, 40 + height)
    return StampLayout(page_index, tuple(round(v, 2) for v in box), set_lines, size)


def sign_pdf(pdf_bytes, *, pkcs12, passphrase, signer_name, body_name="", reason="", location="", tsa_url=None):
    """The document signed (PAdES B-B, or B-T with a TSA) as a new incremental revision, with a
    visible stamp. Raises SigningError (Vietnamese) for an unusable or expired certificate, or an
    unreachable timestamp authority."""
    signer = open_pkcs12(pkcs12, passphrase)
    now = timezone.now()
    check_validity(signer.signing_cert, now)
    layout = stamp_layout(pdf_bytes, anchor=signer_name, lines=stamp_lines(signer_name=signer_name, body_name=body_name, signed_at=now))
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    font = opentype.GlyphAccumulatorFactory(stamp_font_path(), font_size=layout.font_size)
    style = stamp.TextStampStyle(
        stamp_text="%(lines)s",
        # The text box's own margin (pyHanko's default is 10 pt on every side) is replaced by the
        # stamp's padding below; the bottom keeps room for the last line's descenders.
        text_box_style=pdf_text.TextBoxStyle(
            font=font,
            font_size=layout.font_size,
            leading=_leading(layout.font_size),
            box_layout_rule=layout_rules.SimpleBoxLayoutRule(
                x_align=layout_rules.AxisAlignment.ALIGN_MIN,
                y_align=layout_rules.AxisAlignment.ALIGN_MIN,
                margins=layout_rules.Margins(0, 0, 0, _descent(layout.font_size)),
            ),
        ),
        inner_content_layout=layout_rules.SimpleBoxLayoutRule(
            x_align=layout_rules.AxisAlignment.ALIGN_MIN,
            y_align=layout_rules.AxisAlignment.ALIGN_MID,
            margins=layout_rules.Margins.uniform(STAMP_PADDING),
            inner_content_scaling=layout_rules.InnerScaling.NO_SCALING,
        ),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        name=signer_name,
    )
    tsa_url = tsa_url if tsa_url is not None else settings.PDF_SIGNATURE_TSA_URL
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamps.HTTPTimeStamper(tsa_url, timeout=20) if tsa_url else None,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=layout.page_index, box=layout.box),
    )
    try:
        out = pdf_signer.sign_pdf(writer, appearance_text_params={"lines": "\n".join(layout.lines)})
    except timestamps.TimestampRequestError as exc:
        raise SigningError("Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA); văn bản chưa được ký.") from exc
    return out.getvalue()


def check_validity(cert, at):
    """SigningError unless ``at`` lies in the certificate's validity period."""
    check_validity_period(cert.not_valid_before, cert.not_valid_after, at)


def check_validity_period(valid_from, valid_to, at):
    if at < valid_from:
        raise SigningError(f"Chứng thư số chưa có hiệu lực (hiệu lực từ {timezone.localtime(valid_from):%d/%m/%Y %H:%M}).")
    if at > valid_to:
        raise SigningError(f"Chứng thư số đã hết hiệu lực (hết hạn ngày {timezone.localtime(valid_to):%d/%m/%Y}).")


@dataclass(frozen=True)
class SignatureCheck:
    intact: bool  # the signed bytes are unchanged and the signature matches them
    covers_document: bool  # nothing but allowed updates was added after signing
    trusted: bool  # the certificate chains to a trusted root (PDF_SIGNATURE_TRUST_ROOTS or given roots)
    signer: str
    signed_at: dt.datetime | None
    timestamp: dt.datetime | None
    message: str

    @property
    def valid(self):
        return self.intact and self.covers_document


@functools.lru_cache(maxsize=4)
def _roots_from_file(path, mtime_ns):
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    with open(path, "rb") as handle:
        data = handle.read()
    if pem.detect(data):
        return tuple(asn1_x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True))
    return (asn1_x509.Certificate.load(data),)


def configured_trust_roots():
    """The roots a signer's certificate must chain to (PDF_SIGNATURE_TRUST_ROOTS: a PEM bundle or
    one DER certificate, e.g. the national root CA of Vietnam's public signing services)."""
    path = settings.PDF_SIGNATURE_TRUST_ROOTS
    if not path:
        return ()
    return _roots_from_file(path, os.stat(path).st_mtime_ns)


def validate_signed_pdf(pdf_bytes, *, trust_roots=None):
    """Check every signature of a PDF; [] when it has none. A file damaged beyond reading answers
    one failed check rather than an exception. ``trust_roots`` defaults to the configured ones."""
    trust_roots = configured_trust_roots() if trust_roots is None else trust_roots
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        embedded = reader.embedded_signatures
    except Exception as exc:
        return [SignatureCheck(False, False, False, "", None, None, f"Tệp PDF hỏng, không đọc được chữ ký ({exc.__class__.__name__}).")]
    results = []
    for sig in embedded:
        try:
            context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
            ts_context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
            status = validate_pdf_signature(sig, context, ts_validation_context=ts_context)
        except Exception as exc:
            results.append(SignatureCheck(False, False, False, "", None, None, f"Không kiểm tra được chữ ký ({exc.__class__.__name__})."))
            continue
        intact = bool(status.intact and status.valid)
        covers = bool(
            status.docmdp_ok is not False and status.coverage is not None and status.coverage.name in {"ENTIRE_FILE", "ENTIRE_REVISION"}
        )
        signer = status.signing_cert.subject.human_friendly if status.signing_cert is not None else ""
        stamp_time = status.timestamp_validity.timestamp if status.timestamp_validity is not None else None
        if not intact:
            message = "Chữ ký KHÔNG hợp lệ: nội dung tệp đã bị thay đổi sau khi ký."
        elif not covers:
            message = "Chữ ký đúng với phần đã ký, nhưng tệp có thêm nội dung sau khi ký."
        elif not status.trusted:
            message = "Tệp nguyên vẹn từ khi ký; chứng thư số chưa được xác minh với tổ chức cấp tin cậy."
        else:
            message = "Tệp nguyên vẹn từ khi ký; chứng thư số hợp lệ."
        results.append(SignatureCheck(intact, covers, bool(status.trusted), signer, status.signer_reported_dt, stamp_time, message))
    return results
