"""Excel importers of the awards app: a unit's nomination list and past awards (award history).
Every row is validated with Vietnamese messages; only when all rows pass are they written, in one
transaction, by the service."""

import datetime as dt

from dosonthidua.text import clean_text
from units.importers import ImportResult, _flag, _text
from units.models import Person, Unit
from units.selectors import unit_in_scope

from .enums import NominationBasis, PeriodKind
from .models import AwardKind, Nomination
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


def _period(value):
    text = str(value or "").strip().lower()
    if text in ("", "năm", "nam", "năm dương lịch"):
        return PeriodKind.CALENDAR_YEAR
    if text in ("năm học", "nam hoc"):
        return PeriodKind.SCHOOL_YEAR
    return None


def _nominee(row, user, units, problems):
    """-> (person, unit) from the row's subject, name and unit code; adds messages to problems."""
    kind_word = str(row.get("Đối tượng") or "").strip().lower()
    code = str(row.get("Mã đơn vị") or "").strip()
    unit = units.get(code)
    if unit is None:
        problems.append(f"không có đơn vị mã “{code}”")
        return None, None
    if user is not None and not unit_in_scope(user, unit.pk):
        problems.append(f"đơn vị “{code}” không thuộc phạm vi của bạn")
        return None, None
    if kind_word in _UNIT_WORDS:
        return None, unit
    if kind_word not in _PERSON_WORDS:
        problems.append("cột “Đối tượng” phải là “Cá nhân” hoặc “Tập thể”")
        return None, None
    name, _ = _text(row.get("Họ và tên"), 150)
    if not name:
        problems.append("thiếu họ và tên")
        return None, None
    matches = list(Person.objects.filter(unit=unit, full_name=name))
    if not matches:
        problems.append(f"không tìm thấy cán bộ “{name}” trong đơn vị {code}")
        return None, None
    if len(matches) > 1:
        problems.append(f"có {len(matches)} cán bộ trùng tên “{name}” trong đơn vị {code}; hãy nhập trên web")
        return None, None
    return matches[0], None


def _clean_rows(rows):
    """Cells as text without NUL/control characters (PostgreSQL refuses NUL), whatever the caller."""
    return [(number, {k: clean_text(v) for k, v in row.items()}) for number, row in rows]


def validate_nominations(rows, *, user):
    rows = _clean_rows(rows)
    result = ImportResult()
    units = {u.short_code: u for u in Unit.objects.filter(short_code__in=[str(r.get("Mã đơn vị") or "").strip() for _, r in rows])}
    kinds = {k.code: k for k in kinds_valid_on()}
    bases = {label.lower(): value for value, label in NominationBasis.choices}
    seen = set()
    for number, row in rows:
        problems = []
        person, unit = _nominee(row, user, units, problems)
        code = str(row.get("Mã danh hiệu") or "").strip()
        kind = kinds.get(code)
        if kind is None:
            problems.append(f"mã danh hiệu “{code}” không có trong danh mục đang áp dụng")
        year = _year(row.get("Năm"))
        if year is None:
            problems.append("năm không hợp lệ")
        period = _period(row.get("Kỳ"))
        if period is None:
            problems.append("cột “Kỳ” phải là “Năm” hoặc “Năm học”")
        basis_text = str(row.get("Loại hình") or "").strip().lower()
        basis = bases.get(basis_text, NominationBasis.MERIT if not basis_text else None)
        if basis is None:
            problems.append(f"loại hình “{row.get('Loại hình')}” không hợp lệ")
        excellent = _flag(row.get("Hoàn thành xuất sắc"))
        if excellent is None:
            problems.append("cột “Hoàn thành xuất sắc” phải là “Có” hoặc “Không”")
        summary, too_long = _text(row.get("Tóm tắt thành tích"), 5000)
        if not summary:
            problems.append("thiếu tóm tắt thành tích")
        if not problems:
            key = (person.pk if person else None, unit.pk if unit else None, code, period, year)
            duplicate = Nomination.objects.filter(
                award_kind__code=code, period_kind=period, year=year, nominee_person=person, nominee_unit=unit
            ).exclude(state="withdrawn")
            if key in seen or duplicate.exists():
                problems.append("đối tượng này đã được đề nghị danh hiệu này trong cùng kỳ")
            seen.add(key)
        if problems:
            result.errors.append((number, "; ".join(problems)))
            continue
        name = person.full_name if person else unit.name
        display = [
            row.get("Đối tượng"),
            name,
            unit.short_code if unit else person.unit.short_code,
            kind.name,
            year,
            row.get("Kỳ") or "Năm",
            basis_text or "",
            excellent,
            summary[:80],
        ]
        fields = {
            "nominee_person": person,
            "nominee_unit": unit,
            "award_kind": kind,
            "year": year,
            "period_kind": period,
            "basis": basis,
            "excellent_completion": excellent,
            "achievement_summary": summary,
        }
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
    names = {}
    for code, name in AwardKind.objects.order_by("-valid_from").values_list("code", "name"):
        names.setdefault(code, name)
    for number, row in rows:
        problems = []
        person, unit = _nominee(row, None, units, problems)
        code = str(row.get("Mã danh hiệu") or "").strip()
        if code not in names:
            problems.append(f"mã danh hiệu “{code}” không có trong danh mục")
        year = _year(row.get("Năm"))
        if year is None:
            problems.append("năm không hợp lệ")
        period = _period(row.get("Kỳ"))
        if period is None:
            problems.append("cột “Kỳ” phải là “Năm” hoặc “Năm học”")
        decision_date, ok = _date(row.get("Ngày quyết định"))
        if not ok:
            problems.append("ngày quyết định phải có dạng dd/mm/yyyy")
        number_text, _ = _text(row.get("Số quyết định"), 60)
        issuer, _ = _text(row.get("Cơ quan quyết định"), 255)
        if problems:
            result.errors.append((number, "; ".join(problems)))
            continue
        recipient = person or unit
        kind = AwardKind.objects.filter(code=code).order_by("-valid_from").first()
        fields = {
            "person": person,
            "unit": unit,
            "award_kind": kind,
            "award_code": code,
            "award_name": names[code],
            "period_kind": period,
            "year": year,
            "recipient_name": str(recipient),
            "unit_name": person.unit.name if person else unit.name,
            "decision_number": number_text,
            "decision_date": decision_date,
            "issuer_name": issuer,
        }
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
