"""PAdES signatures on issued documents (decisions, upward proposals) with pyHanko, and their check.

The signer's certificate is a PKCS#12 archive (key + certificate + chain) opened with its passphrase
at signing time. The visible stamp (who signed, their title, when) is drawn where Nghị định 30/2020
(Phụ lục I) puts the signature of the competent person on an electronic document: in the signature
block, between the signer's title and printed name; when that name cannot be found on the last page,
at the bottom right of it. With a TSA URL (PDF_SIGNATURE_TSA_URL) the signature carries an RFC 3161
timestamp. Validation re-checks the file's integrity and reports the signer and the signing time."""

import datetime as dt
import unicodedata
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils import timezone
from pyhanko import stamp
from pyhanko.pdf_utils import text as pdf_text
from pyhanko.pdf_utils.font import opentype
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

FIELD_NAME = "ChuKySo"
STAMP_WIDTH, STAMP_HEIGHT = 210, 58


class SigningError(Exception):
    """A refusal with a Vietnamese message for the signer."""


def open_pkcs12(data, passphrase):
    """The pyHanko signer of a PKCS#12 archive; SigningError when it cannot be opened."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=(passphrase or "").encode() or None)
    except Exception as exc:  # wrong passphrase and malformed archives raise various types
        raise SigningError("Không mở được chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12, .pfx).") from exc
    if signer is None or signer.signing_cert is None:
        raise SigningError("Không mở được chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12 (.p12, .pfx).")
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


def _text_positions(pdf_bytes, page_index):
    """(text, x, y) of the text runs of one page, in PDF user space."""
    from pypdf import PdfReader

    page = PdfReader(BytesIO(pdf_bytes)).pages[page_index]
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            a, b, c, d, e, f = cm
            x, y = tm[4] * a + tm[5] * c + e, tm[4] * b + tm[5] * d + f
            runs.append((text, x, y))

    page.extract_text(visitor_text=visit)
    return runs, float(page.mediabox.width), float(page.mediabox.height)


def stamp_box(pdf_bytes, page_index, anchor):
    """Where the stamp goes: just above the signer's printed name (the space a handwritten signature
    takes), centred on it; else the bottom right of the page."""
    runs, width, _height = _text_positions(pdf_bytes, page_index)
    wanted = unicodedata.normalize("NFC", anchor or "").strip()
    hits = [(x, y) for text, x, y in runs if wanted and wanted in unicodedata.normalize("NFC", text)]
    if hits:
        x, y = hits[-1]
        centre = min(max(x + len(wanted) * 3.2, STAMP_WIDTH / 2 + 20), width - STAMP_WIDTH / 2 - 20)
        bottom = y + 16
        return (centre - STAMP_WIDTH / 2, bottom, centre + STAMP_WIDTH / 2, bottom + STAMP_HEIGHT)
    return (width - STAMP_WIDTH - 40, 40, width - 40, 40 + STAMP_HEIGHT)


def sign_pdf(pdf_bytes, *, pkcs12, passphrase, signer_name, signer_title="", reason="", location="", tsa_url=None):
    """The document signed (PAdES B-B, or B-T with a TSA) as a new incremental revision, with a
    visible stamp. Raises SigningError (Vietnamese) for an unusable or expired certificate."""
    signer = open_pkcs12(pkcs12, passphrase)
    now = timezone.now()
    cert = signer.signing_cert
    if not (cert.not_valid_before <= now <= cert.not_valid_after):
        raise SigningError(f"Chứng thư số không còn hiệu lực (hiệu lực từ {cert.not_valid_before:%d/%m/%Y} đến {cert.not_valid_after:%d/%m/%Y}).")
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    last_page = int(writer.root["/Pages"]["/Count"]) - 1
    box = stamp_box(pdf_bytes, last_page, signer_name)
    font = opentype.GlyphAccumulatorFactory(settings.PDF_SIGNATURE_FONT)
    style = stamp.TextStampStyle(
        stamp_text="Ký số bởi: %(name)s\n%(title)s\nThời gian ký: %(ts)s",
        text_box_style=pdf_text.TextBoxStyle(font=font, font_size=8),
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
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
        timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=last_page, box=box),
    )
    out = pdf_signer.sign_pdf(writer, appearance_text_params={"name": signer_name, "title": signer_title or " "})
    return out.getvalue()


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


def validate_signed_pdf(pdf_bytes, *, trust_roots=()):
    """Check every signature of a PDF; [] when it has none. A file damaged beyond reading answers
    one failed check rather than an exception."""
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        embedded = reader.embedded_signatures
    except Exception as exc:
        return [SignatureCheck(False, False, False, "", None, None, f"Tệp PDF hỏng, không đọc được chữ ký ({exc.__class__.__name__}).")]
    results = []
    for sig in embedded:
        try:
            context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
            status = validate_pdf_signature(sig, context)
        except Exception as exc:
            results.append(SignatureCheck(False, False, False, "", None, None, f"Không kiểm tra được chữ ký ({exc.__class__.__name__})."))
            continue
        intact = bool(status.intact and status.valid)
        covers = bool(status.docmdp_ok is not False and status.coverage is not None and status.coverage.name in {"ENTIRE_FILE", "ENTIRE_REVISION"})
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
