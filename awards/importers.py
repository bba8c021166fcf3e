"""Excel importers of the awards app: a unit's nomination list and past awards (award history).
Every row is validated with Vietnamese messages; only when all rows pass are they written, in one
transaction, by the service."""

import datetime as dt
import re

from django.utils import timezone

from dosonthidua.text import clean_text, nfc
from units.importers import ImportResult, _flag, _sentence, _text, yes_no
from units.models import Person, Unit
from units.names import name_key, split_honorific
from units.selectors import unit_in_scope

from .enums import AwardSubject, NominationBasis, NominationState, PeriodKind, RecordSource
from .models import NOMINATION_FIRST_YEAR, AwardKind, AwardRecord, Nomination
from .selectors import kinds_valid_on

NOMINATION_HEADERS = [
    "Đối tượng",
    "Họ và tên",
    "Mã đơn vị",
    "Mã danh hiệu",
    "Năm",
    "Kỳ",
    "Loại hình",
    "Hoàn thành xuất sắc",
    "Tóm tắt thành tích",
]
NOMINATION_REQUIRED = ["Đối tượng", "Mã đơn vị", "Mã danh hiệu", "Năm", "Tóm tắt thành tích"]
RECORD_HEADERS = [
    "Đối tượng",
    "Họ và tên",
    "Mã đơn vị",
    "Mã danh hiệu",
    "Năm",
    "Kỳ",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
]
RECORD_REQUIRED = ["Đối tượng", "Mã đơn vị", "Mã danh hiệu", "Năm"]

_PERSON_WORDS = {"cá nhân", "ca nhan", "cn"}
_UNIT_WORDS = {"tập thể", "tap the", "tt", "đơn vị", "don vi"}


def _common_allowed(kinds):
    return [
        ("Đối tượng", [("Cá nhân", ""), ("Tập thể", "Đơn vị ở cột “Mã đơn vị” là tập thể được đề nghị")]),
        ("Mã danh hiệu", [(k.code, f"{k.name} ({k.get_subject_display().lower()})") for k in kinds]),
        ("Kỳ", [("Năm", "Năm dương lịch"), ("Năm học", "Ghi năm kết thúc ở cột “Năm”"), ("giai đoạn 2021–2025", "Giai đoạn nhiều năm")]),
    ]


def nomination_allowed_values():
    return [
        *_common_allowed(kinds_valid_on().order_by("display_order")),
        ("Loại hình", [(label, "") for _, label in NominationBasis.choices]),
        ("Hoàn thành xuất sắc", [("Có", ""), ("Không", ""), ("(để trống)", "Không")]),
    ]


def record_allowed_values():
    kinds = {}
    for kind in AwardKind.objects.order_by("display_order", "-valid_from"):
        kinds.setdefault(kind.code, kind)
    return [*_common_allowed(kinds.values()), ("Ngày quyết định", [("20/12/2023", "Dạng dd/mm/yyyy, có thể để trống")])]


def nomination_template_rows():
    return [
        [
            "Cá nhân",
            "Nguyễn Văn An",
            "P-BANGLA",
            "lao-dong-tien-tien",
            dt.date.today().year,
            "Năm",
            "Công trạng và thành tích",
            "Không",
            "Hoàn thành tốt nhiệm vụ...",
        ],
        [
            "Tập thể",
            "",
            "P-BANGLA",
            "tap-the-lao-dong-tien-tien",
            dt.date.today().year,
            "Năm",
            "Công trạng và thành tích",
            "",
            "Hoàn thành tốt nhiệm vụ...",
        ],
    ]


def record_template_rows():
    return [["Cá nhân", "Nguyễn Văn An", "P-BANGLA", "chien-si-thi-dua-co-so", 2023, "Năm", "15/QĐ-UBND", "20/12/2023", "UBND quận Đồ Sơn"]]


def _year(value):
    try:
        year = int(str(value).strip().split(".")[0])
    except (TypeError, ValueError):
        return None
    return year if 1990 <= year <= 2100 else None


_STAGE = re.compile(r"^(?:giai đoạn|giai doan|gđ)?\s*(\d{4})\s*[-–—]\s*(\d{4})$")


def _period(value):
    """-> (period kind, first year, last year of a stage), None where it does not apply; period kind
    None when not understood. Accepts "Năm", "Năm học" and a stage "giai đoạn 2021–2025" ("2021-2025")."""
    text = " ".join(str(value or "").strip().lower().split())
    if text in ("", "năm", "nam", "năm dương lịch"):
        return PeriodKind.CALENDAR_YEAR, None, None
    if text in ("năm học", "nam hoc"):
        return PeriodKind.SCHOOL_YEAR, None, None
    match = _STAGE.match(text)
    if match and int(match.group(1)) < int(match.group(2)):
        return PeriodKind.STAGE, int(match.group(1)), int(match.group(2))
    return None, None, None


def _period_year(row, problems):
    """The period and year of a row: (period kind, year, first year of a stage)."""
    period, first, stage_end = _period(row.get("Kỳ"))
    if period is None:
        problems.append("cột “Kỳ” phải là “Năm”, “Năm học” hoặc “giai đoạn 2021–2025”")
    year_cell = row.get("Năm")
    year = _year(year_cell) if year_cell not in (None, "") else stage_end
    if year is None:
        problems.append("năm không hợp lệ")
    elif stage_end is not None and year != stage_end:
        problems.append(f"năm {year} khác năm cuối của giai đoạn {first}–{stage_end}")
    return period, year, first


def _subject_word(row):
    word = nfc(str(row.get("Đối tượng") or "")).strip().lower()
    if word in _UNIT_WORDS:
        return "unit"
    if word in _PERSON_WORDS:
        return "person"
    return None


def _subject_fits(kind, person, unit, problems):
    """A collective for an individual-only form, or a person for a collective one, is refused."""
    if kind is None or (person is None and unit is None):
        return
    if kind.subject == AwardSubject.PERSON and person is None:
        problems.append(f"“{kind.name}” chỉ dành cho cá nhân, nhưng dòng này là một tập thể")
    elif kind.subject != AwardSubject.PERSON and person is not None:
        problems.append(f"“{kind.name}” dành cho {kind.get_subject_display().lower()}, nhưng dòng này là một cá nhân")
    elif kind.subject == AwardSubject.RESIDENTIAL_GROUP and unit.kind != "residential_group":
        problems.append(f"“{kind.name}” chỉ dành cho thôn, tổ dân phố")


def _nominee(row, user, units, problems):
    """-> (person, unit) from the row's subject, name and unit code; adds messages to problems.
    A person is found by name within the unit, ignoring honorifics and ranks on either side
    ("Nguyễn Văn Đóa" finds "Thầy Nguyễn Văn Đóa"), case and NFC/NFD differences."""
    subject = _subject_word(row)
    code = str(row.get("Mã đơn vị") or "").strip()
    unit = units.get(code)
    if unit is None:
        problems.append(f"không có đơn vị mã “{code}”" if code else "thiếu mã đơn vị")
        return None, None
    if user is not None and not unit_in_scope(user, unit.pk):
        problems.append(f"đơn vị “{code}” không thuộc phạm vi của bạn")
        return None, None
    if subject == "unit":
        return None, unit
    if subject is None:
        problems.append("cột “Đối tượng” phải là “Cá nhân” hoặc “Tập thể”")
        return None, None
    name, _ = _text(row.get("Họ và tên"), 210)
    if not name:
        problems.append("thiếu họ và tên")
        return None, None
    key = name_key(name)
    matches = [p for p in Person.objects.filter(unit=unit) if name_key(p.full_name) == key]
    if not matches:
        problems.append(f"không tìm thấy cán bộ “{split_honorific(name)[1]}” trong đơn vị {code}")
        return None, None
    if len(matches) > 1:
        problems.append(f"có {len(matches)} cán bộ trùng tên “{matches[0].full_name}” trong đơn vị {code}; hãy nhập trên web")
        return None, None
    return matches[0], None


def _clean_rows(rows):
    """Cells as text without NUL/control characters (PostgreSQL refuses NUL), whatever the caller."""
    return [(number, {k: clean_text(v) for k, v in row.items()}) for number, row in rows]


def validate_nominations(rows, *, user):
    """Rows of a unit's nomination list. Every problem of a row is named with its row number; a row
    whose subject does not fit the award, or that repeats an earlier row, is refused. A row matching
    a recorded nomination (same nominee, award code and period) is marked "đã có": skipped, or with
    the officer's choice written into that nomination while it is still a draft or returned."""
    rows = _clean_rows(rows)
    result = ImportResult()
    units = {u.short_code: u for u in Unit.objects.filter(short_code__in=[str(r.get("Mã đơn vị") or "").strip() for _, r in rows])}
    kinds = {k.code: k for k in kinds_valid_on()}
    bases = {label.lower(): value for value, label in NominationBasis.choices}
    seen = {}
    for number, row in rows:
        problems = []
        person, unit = _nominee(row, user, units, problems)
        code = str(row.get("Mã danh hiệu") or "").strip()
        kind = kinds.get(code)
        if kind is None:
            problems.append(f"mã danh hiệu “{code}” không có trong danh mục đang áp dụng")
        _subject_fits(kind, person, unit, problems)
        period, year, first = _period_year(row, problems)
        if year is not None and not NOMINATION_FIRST_YEAR <= year <= timezone.localdate().year + 1:
            problems.append(f"năm xét khen thưởng phải từ {NOMINATION_FIRST_YEAR} đến {timezone.localdate().year + 1}")
        basis_text = str(row.get("Loại hình") or "").strip().lower()
        basis = bases.get(basis_text, NominationBasis.MERIT if not basis_text else None)
        if basis is None:
            problems.append(f"loại hình “{row.get('Loại hình')}” không hợp lệ")
        excellent_cell = row.get("Hoàn thành xuất sắc")
        excellent = False if excellent_cell in (None, "") else _flag(excellent_cell)
        if excellent is None:
            problems.append("cột “Hoàn thành xuất sắc” phải là “Có”, “Không” hoặc để trống")
        summary, too_long = _text(row.get("Tóm tắt thành tích"), 5000)
        if not summary:
            problems.append("thiếu tóm tắt thành tích")
        elif too_long:
            problems.append("tóm tắt thành tích dài quá 5.000 ký tự")
        if not problems:
            key = (person.pk if person else None, unit.pk if unit else None, code, period, year)
            if key in seen:
                problems.append(f"trùng với dòng {seen[key]} trong tệp")
            seen[key] = number
        if problems:
            result.errors.append((number, _sentence(problems)))
            continue
        existing = (
            Nomination.objects.filter(award_kind__code=code, period_kind=period, year=year, nominee_person=person, nominee_unit=unit)
            .exclude(state=NominationState.WITHDRAWN)
            .first()
        )
        name = person.full_name if person else unit.name
        display = [
            row.get("Đối tượng"),
            name,
            unit.short_code if unit else person.unit.short_code,
            kind.name,
            year,
            row.get("Kỳ") or "Năm",
            basis_text or "",
            yes_no(excellent),
            summary[:80],
        ]
        fields = {
            "nominee_person": person,
            "nominee_unit": unit,
            "award_kind": kind,
            "year": year,
            "period_kind": period,
            "period_from": first,
            "basis": basis,
            "excellent_completion": excellent,
            "achievement_summary": summary,
        }
        if existing is not None:
            fields["existing"] = existing.pk
            # Blank optional cells keep what the recorded nomination says when it is updated.
            if not basis_text:
                fields.pop("basis")
            if excellent_cell in (None, ""):
                fields.pop("excellent_completion")
            label = (
                f"Đã có: đề nghị “{existing.award_kind.name}” {existing.period_label} cho {name} ({existing.get_state_display().lower()})"
            )
            if existing.is_editable:
                result.existing[number] = f"{label}."
            else:
                # Sent on already: the file cannot rewrite a dossier under review (the workflow's rule).
                fields["existing_locked"] = True
                result.existing[number] = f"{label}; đề nghị đã gửi đi nên dòng này luôn được bỏ qua."
        result.rows.append((number, display, fields))
    return result


def _date(value):
    if value in (None, ""):
        return None, True
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    try:
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date(), True
    except ValueError:
        return None, False


def validate_records(rows, *, user=None):
    rows = _clean_rows(rows)
    result = ImportResult()
    units = {u.short_code: u for u in Unit.objects.filter(short_code__in=[str(r.get("Mã đơn vị") or "").strip() for _, r in rows])}
    latest = {}
    for kind in AwardKind.objects.order_by("-valid_from"):
        latest.setdefault(kind.code, kind)
    names = {code: kind.name for code, kind in latest.items()}
    seen = {}
    for number, row in rows:
        problems = []
        person, unit = _nominee(row, None, units, problems)
        code = str(row.get("Mã danh hiệu") or "").strip()
        kind = latest.get(code)
        if kind is None:
            problems.append(f"mã danh hiệu “{code}” không có trong danh mục")
        _subject_fits(kind, person, unit, problems)
        period, year, first = _period_year(row, problems)
        decision_date, ok = _date(row.get("Ngày quyết định"))
        if not ok:
            problems.append("ngày quyết định phải có dạng dd/mm/yyyy")
        number_text, too_long = _text(row.get("Số quyết định"), 60)
        if too_long:
            problems.append("số quyết định dài quá 60 ký tự")
        issuer, too_long = _text(row.get("Cơ quan quyết định"), 255)
        if too_long:
            problems.append("tên cơ quan quyết định dài quá 255 ký tự")
        if not problems:
            key = (person.pk if person else None, unit.pk if unit else None, code, period, year)
            if key in seen:
                problems.append(f"trùng với dòng {seen[key]} trong tệp")
            seen[key] = number
        if problems:
            result.errors.append((number, _sentence(problems)))
            continue
        recipient = person or unit
        existing = AwardRecord.objects.filter(person=person, unit=unit, award_code=code, period_kind=period, year=year).first()
        fields = {
            "person": person,
            "unit": unit,
            "award_kind": kind,
            "award_code": code,
            "award_name": names[code],
            "period_kind": period,
            "period_from": first,
            "year": year,
            "recipient_name": str(recipient),
            "unit_name": person.unit.name if person else unit.name,
            "decision_number": number_text,
            "decision_date": decision_date,
            "issuer_name": issuer,
        }
        if existing is not None:
            fields["existing"] = existing.pk
            label = f"Đã có: {existing.award_name} {existing.year} ({existing.decision_number or 'không rõ số quyết định'})"
            if existing.source == RecordSource.IMPORTED:
                result.existing[number] = f"{label}."
            else:
                # Decided in the portal: its decision is the record, a file does not rewrite it.
                fields["existing_locked"] = True
                result.existing[number] = f"{label}; khen thưởng do cổng quyết định nên dòng này luôn được bỏ qua."
        display = [
            row.get("Đối tượng"),
            str(recipient),
            row.get("Mã đơn vị"),
            names[code],
            year,
            row.get("Kỳ") or "Năm",
            number_text,
            decision_date,
            issuer,
        ]
        result.rows.append((number, display, fields))
    return result
