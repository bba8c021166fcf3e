"""Excel importers for units and people: validate every row (Vietnamese messages per row), and only
when all rows pass hand them to the service that writes them in one transaction."""

from dataclasses import dataclass, field

from dosonthidua.text import clean_text

from .enums import Gender, UnitKind
from .models import Person, Unit
from .selectors import unit_in_scope

PEOPLE_HEADERS = ["Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Mã đơn vị", "Lao động trực tiếp"]
UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Thứ tự"]
_YES = {"có", "co", "x", "1", "yes", "true", "c"}
_NO = {"không", "khong", "", "0", "no", "false", "k"}


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)  # (row number, display values, fields dict)
    errors: list = field(default_factory=list)  # (row number, message)

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


def _sentence(problems):
    """'thiếu họ và tên; không có đơn vị mã “P-X”' -> 'Thiếu họ và tên; ...“P-X”.' (only the first
    letter is raised: str.capitalize() would lower the codes quoted inside)."""
    text = "; ".join(problems)
    return text[:1].upper() + text[1:] + "."


def _text(value, max_length):
    text = "" if value is None else " ".join(clean_text(str(value)).split())
    return text, len(text) > max_length


def _flag(value):
    text = "" if value is None else str(value).strip().lower()
    if value is True or text in _YES:
        return True
    if value is False or text in _NO:
        return False
    return None


def validate_people(rows, *, user):
    result = ImportResult()
    codes = {r.get("Mã đơn vị") for _, r in rows}
    units = {u.short_code: u for u in Unit.objects.filter(short_code__in=[clean_text(str(c)) for c in codes if c])}
    genders = {label.lower(): value for value, label in Gender.choices}
    for number, row in rows:
        problems = []
        name, too_long = _text(row.get("Họ và tên"), 150)
        if not name:
            problems.append("thiếu họ và tên")
        elif too_long:
            problems.append("họ và tên dài quá 150 ký tự")
        gender = genders.get(str(row.get("Giới tính") or "").strip().lower())
        if gender is None:
            problems.append("giới tính phải là “Nam” hoặc “Nữ”")
        birth_year = row.get("Năm sinh")
        if birth_year in (None, ""):
            birth_year = None
        else:
            try:
                birth_year = int(str(birth_year).strip().split(".")[0])
                if not 1900 <= birth_year <= 2100:
                    raise ValueError
            except ValueError:
                problems.append(f"năm sinh “{row.get('Năm sinh')}” không hợp lệ")
                birth_year = None
        position, too_long = _text(row.get("Chức vụ"), 150)
        if too_long:
            problems.append("chức vụ dài quá 150 ký tự")
        code = clean_text(str(row.get("Mã đơn vị") or ""))
        unit = units.get(code)
        if unit is None:
            problems.append(f"không có đơn vị mã “{code}”" if code else "thiếu mã đơn vị")
        elif not unit_in_scope(user, unit.pk):
            problems.append(f"đơn vị “{code}” không thuộc phạm vi quản lý của bạn")
        direct = _flag(row.get("Lao động trực tiếp"))
        if direct is None:
            problems.append("cột “Lao động trực tiếp” phải là “Có” hoặc “Không”")
        if problems:
            result.errors.append((number, _sentence(problems)))
            continue
        fields = {
            "full_name": name,
            "gender": gender,
            "birth_year": birth_year,
            "position": position,
            "unit": unit,
            "is_direct_worker": direct,
        }
        display = [name, dict(Gender.choices)[gender], birth_year or "", position, unit.name, "Có" if direct else "Không"]
        result.rows.append((number, display, fields))
    if not rows:
        result.errors.append((1, "Tệp không có dòng dữ liệu nào."))
    return result


def validate_units(rows):
    result = ImportResult()
    kinds = {label.lower(): value for value, label in UnitKind.choices}
    kinds.update({value: value for value, _ in UnitKind.choices})
    existing = set(Unit.objects.values_list("short_code", flat=True))
    seen = set()
    for number, row in rows:
        problems = []
        code = clean_text(str(row.get("Mã đơn vị") or ""))
        if not code:
            problems.append("thiếu mã đơn vị")
        elif len(code) > 40 or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in code):
            problems.append("mã đơn vị chỉ gồm chữ không dấu, số, gạch ngang (tối đa 40 ký tự)")
        elif code in seen:
            problems.append(f"mã “{code}” lặp lại trong tệp")
        name, too_long = _text(row.get("Tên đơn vị"), 255)
        if not name:
            problems.append("thiếu tên đơn vị")
        elif too_long:
            problems.append("tên đơn vị dài quá 255 ký tự")
        kind = kinds.get(str(row.get("Loại đơn vị") or "").strip().lower())
        if kind is None:
            problems.append("loại đơn vị không hợp lệ (xem danh sách trong tệp mẫu)")
        parent_code = clean_text(str(row.get("Mã đơn vị cấp trên") or "")) or None
        if parent_code and parent_code not in existing and parent_code not in seen:
            problems.append(f"không có đơn vị cấp trên mã “{parent_code}” (phải có sẵn hoặc ở dòng phía trên)")
        if parent_code and parent_code == code:
            problems.append("đơn vị không thể là cấp trên của chính nó")
        order = row.get("Thứ tự")
        try:
            order = int(order) if order not in (None, "") else 100
            if order < 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.append("thứ tự phải là số nguyên không âm")
            order = 100
        if problems:
            result.errors.append((number, _sentence(problems)))
            continue
        seen.add(code)
        fields = {"short_code": code, "name": name, "kind": kind, "parent_code": parent_code, "display_order": order}
        display = [code, name, dict(UnitKind.choices)[kind], parent_code or "", order]
        result.rows.append((number, display, fields))
    if not rows:
        result.errors.append((1, "Tệp không có dòng dữ liệu nào."))
    return result


def people_template_rows():
    return [["Nguyễn Văn An", "Nam", 1985, "Chuyên viên", "NOIVU", "Có"]]


def units_template_rows():
    return [["P-VIDU", "UBND phường Ví Dụ", "UBND phường", "UBND", 200]]


__all__ = ["PEOPLE_HEADERS", "UNIT_HEADERS", "validate_people", "validate_units", "Person"]
