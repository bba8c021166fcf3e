"""Excel importers for units and people: validate every row (Vietnamese messages per row), and only
when all rows pass hand them to the service that writes them in one transaction."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from dosonthidua.text import clean_text, fold, nfc

from .enums import Gender, UnitKind
from .models import Person, Unit
from .names import HONORIFICS, name_key, split_honorific
from .selectors import unit_in_scope

PEOPLE_HEADERS = ["Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Mã đơn vị", "Lao động trực tiếp"]
UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Thứ tự"]
MAX_DISPLAY_ORDER = 2147483647  # PositiveIntegerField's upper bound in PostgreSQL
_YES = {"có", "co", "x", "1", "yes", "true", "c"}
_NO = {"không", "khong", "", "0", "no", "false", "k"}


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)  # (row number, display values, fields dict)
    errors: list = field(default_factory=list)  # (row number, message)
    existing: dict = field(default_factory=dict)  # row number -> "Đã có: ..." (skipped or updated as chosen)

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


def yes_no(value):
    """How a yes/no cell is shown in a preview: "Có", "Không", or "Chưa rõ" when blank."""
    return "Chưa rõ" if value is None else ("Có" if value else "Không")


def _flag(value):
    text = "" if value is None else str(value).strip().lower()
    if value is True or text in _YES:
        return True
    if value is False or text in _NO:
        return False
    return None


def existing_person(*, name, unit, birth_year, exclude_pk=None):
    """The person already recorded with this name (honorific, case and NFC/NFD ignored), unit and
    birth year (a blank birth year on either side matches), or None."""
    key = name_key(name)
    candidates = Person.objects.filter(unit=unit).only("pk", "full_name", "birth_year", "unit_id")
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    for person in candidates:
        if name_key(person.full_name) == key and (birth_year is None or person.birth_year in (None, birth_year)):
            return person
    return None


def validate_people(rows, *, user):
    """Rows of a people list as published: an honorific or rank before the name is stored apart
    (Person.honorific); gender, birth year and the direct-worker flag may be blank (unknown). A row
    matching a recorded person (existing_person) or an earlier row is marked "đã có"."""
    result = ImportResult()
    codes = {r.get("Mã đơn vị") for _, r in rows}
    units = {u.short_code: u for u in Unit.objects.filter(short_code__in=[clean_text(str(c)) for c in codes if c])}
    genders = {label.lower(): value for value, label in Gender.choices}
    seen = {}
    for number, row in rows:
        problems = []
        written, too_long = _text(row.get("Họ và tên"), 210)
        honorific, name = split_honorific(written)
        if not name:
            problems.append("thiếu họ và tên")
        elif len(name) > 150:
            problems.append("họ và tên dài quá 150 ký tự")
        elif len(honorific) > 60:
            problems.append("danh xưng, cấp bậc trước họ tên dài quá 60 ký tự")
        gender_text = str(row.get("Giới tính") or "").strip().lower()
        gender = genders.get(gender_text, "" if not gender_text else None)
        if gender is None:
            problems.append("giới tính phải là “Nam”, “Nữ” hoặc để trống")
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
        direct_text = row.get("Lao động trực tiếp")
        direct = None if direct_text in (None, "") else _flag(direct_text)
        if direct is None and direct_text not in (None, ""):
            problems.append("cột “Lao động trực tiếp” phải là “Có”, “Không” hoặc để trống")
        if problems:
            result.errors.append((number, _sentence(problems)))
            continue
        fields = {
            "honorific": honorific,
            "full_name": name,
            "gender": gender,
            "birth_year": birth_year,
            "position": position,
            "unit": unit,
            "is_direct_worker": direct,
        }
        key = (name_key(name), unit.pk, birth_year)
        if key in seen:
            result.errors.append((number, f"Trùng với dòng {seen[key]} trong tệp (cùng họ tên, đơn vị, năm sinh)."))
            continue
        seen[key] = number
        found = existing_person(name=name, unit=unit, birth_year=birth_year)
        if found is not None:
            fields["existing"] = found.pk
            result.existing[number] = f"Đã có: {found.full_name} ({unit.short_code}{f', {found.birth_year}' if found.birth_year else ''})."
        display = [
            " ".join(filter(None, [honorific, name])),
            dict(Gender.choices).get(gender, "Chưa rõ"),
            birth_year or "Chưa rõ",
            position,
            unit.name,
            yes_no(direct),
        ]
        result.rows.append((number, display, fields))
    if not rows:
        result.errors.append((1, "Tệp không có dòng dữ liệu nào."))
    return result


# Words a published list uses for a kind, besides the labels and codes of UnitKind.
UNIT_KIND_WORDS = {
    "phường": UnitKind.WARD,
    "xã": UnitKind.COMMUNE,
    "đặc khu": UnitKind.SPECIAL_ZONE,
    "tổ dân phố": UnitKind.RESIDENTIAL_GROUP,
    "thôn": UnitKind.RESIDENTIAL_GROUP,
    "phòng": UnitKind.DEPARTMENT,
    "trường": UnitKind.PUBLIC_SERVICE,
    "đoàn thể": UnitKind.MASS_ORGANISATION,
}


def unit_name_key(name):
    """Units compare by name in NFC, case-folded, single spaces."""
    return " ".join(nfc(name or "").split()).casefold()


def generated_code(name, taken):
    """A code for a unit listed without one: the accent-free name in capitals ("TRUONG-TIEU-HOC-VAN-
    HUONG"), shortened to 40 characters, with -2, -3... when taken."""
    base = slugify(fold(name)).upper()[:36].strip("-") or "DON-VI"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def _valid_code(code):
    return len(code) <= 40 and all(ch.isalnum() or ch in "-_" for ch in code)


def validate_units(rows):
    """Rows of a unit list: a unit is identified by its code, or when the code is blank by its name
    as published (a code is then generated). The parent column takes a code or a name. A row matching
    a recorded unit (same code, or same name) is marked "đã có"."""
    result = ImportResult()
    kinds = {label.lower(): value for value, label in UnitKind.choices}
    kinds.update({value: value for value, _ in UnitKind.choices})
    kinds.update(UNIT_KIND_WORDS)
    recorded = list(Unit.objects.values_list("pk", "short_code", "name"))
    by_code = {code: (pk, name) for pk, code, name in recorded}
    by_name = {}
    for pk, code, name in recorded:
        by_name.setdefault(unit_name_key(name), (pk, code))
    taken = set(by_code)
    seen_codes, seen_names, seen_names_codes = {}, {}, {}
    for number, row in rows:
        problems = []
        code = clean_text(str(row.get("Mã đơn vị") or "")).replace(" ", "")
        name, too_long = _text(row.get("Tên đơn vị"), 255)
        if not name:
            problems.append("thiếu tên đơn vị")
        elif too_long:
            problems.append("tên đơn vị dài quá 255 ký tự")
        if code and not _valid_code(code):
            problems.append("mã đơn vị chỉ gồm chữ cái (có thể có dấu), chữ số, gạch ngang, gạch dưới (tối đa 40 ký tự)")
        elif code and code in seen_codes:
            problems.append(f"mã “{code}” lặp lại trong tệp (dòng {seen_codes[code]})")
        elif name and unit_name_key(name) in seen_names:
            problems.append(f"đơn vị “{name}” lặp lại trong tệp (dòng {seen_names[unit_name_key(name)]})")
        kind_text = nfc(str(row.get("Loại đơn vị") or "")).strip().lower()
        kind = kinds.get(kind_text)
        if kind is None:
            problems.append(f"loại đơn vị “{row.get('Loại đơn vị') or ''}” không hợp lệ (xem trang “Giá trị hợp lệ” trong tệp mẫu)")
        parent_text = clean_text(str(row.get("Mã đơn vị cấp trên") or "")).strip()
        parent_code = None
        if parent_text:
            if parent_text in by_code or parent_text in seen_codes:
                parent_code = parent_text
            elif unit_name_key(parent_text) in by_name:
                parent_code = by_name[unit_name_key(parent_text)][1]
            elif unit_name_key(parent_text) in seen_names:
                parent_code = seen_names_codes[unit_name_key(parent_text)]
            else:
                problems.append(f"không có đơn vị cấp trên “{parent_text}” (phải có sẵn hoặc ở dòng phía trên)")
        order = row.get("Thứ tự")
        try:
            order = int(str(order).strip().removesuffix(".0")) if order not in (None, "") else 100
            if not 0 <= order <= MAX_DISPLAY_ORDER:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"thứ tự phải là số nguyên từ 0 đến {MAX_DISPLAY_ORDER:,}".replace(",", "."))
            order = 100
        if problems:
            result.errors.append((number, _sentence(problems)))
            continue
        existing = by_code.get(code) if code else None
        existing_pk = existing[0] if existing else None
        if existing_pk is None and unit_name_key(name) in by_name:
            existing_pk, existing_code = by_name[unit_name_key(name)]
            if code and code != existing_code:
                result.errors.append(
                    (number, f"Đơn vị “{name}” đã có với mã “{existing_code}”, khác mã “{code}” trong tệp; hãy sửa mã cho khớp.")
                )
                continue
            code = existing_code
        if not code:
            code = generated_code(name, taken)
        if parent_code and parent_code == code:
            result.errors.append((number, "Đơn vị không thể là cấp trên của chính nó."))
            continue
        taken.add(code)
        seen_codes[code] = number
        seen_names[unit_name_key(name)] = number
        seen_names_codes[unit_name_key(name)] = code
        fields = {"short_code": code, "name": name, "kind": kind, "parent_code": parent_code, "display_order": order}
        if existing_pk is not None:
            fields["existing"] = existing_pk
            result.existing[number] = f"Đã có: đơn vị mã “{code}”."
        display = [code, name, dict(UnitKind.choices)[kind], parent_code or "", order]
        result.rows.append((number, display, fields))
    if not rows:
        result.errors.append((1, "Tệp không có dòng dữ liệu nào."))
    return result


BLANK = ("(để trống)", "Chưa rõ")


def people_allowed_values():
    return [
        ("Họ và tên", [("Thầy Nguyễn Văn An", "Danh xưng, cấp bậc, học hàm đứng trước họ tên được tách riêng: " + ", ".join(HONORIFICS))]),
        ("Giới tính", [("Nam", ""), ("Nữ", ""), BLANK]),
        ("Lao động trực tiếp", [("Có", "Không giữ chức vụ lãnh đạo, quản lý"), ("Không", "Lãnh đạo, quản lý"), BLANK]),
        (
            "Mã đơn vị",
            [(code, name) for code, name in Unit.objects.filter(active=True).order_by("short_code").values_list("short_code", "name")],
        ),
    ]


def units_allowed_values():
    return [
        ("Mã đơn vị", [("(để trống)", "Mã được tạo từ tên đơn vị; đơn vị đã có được nhận theo tên")]),
        ("Loại đơn vị", [(label, "") for _, label in UnitKind.choices] + [(word, "cách viết khác") for word in UNIT_KIND_WORDS]),
        ("Mã đơn vị cấp trên", [("mã hoặc tên đơn vị", "Đơn vị đã có hoặc ở dòng phía trên")]),
    ]


def people_template_rows():
    return [["Nguyễn Văn An", "Nam", 1985, "Chuyên viên", "NOIVU", "Có"], ["Thầy Trần Văn Bình", "", "", "Giáo viên", "NOIVU", ""]]


def units_template_rows():
    return [["P-VIDU", "UBND phường Ví Dụ", "UBND phường", "UBND", 200], ["", "UBND xã Ví Dụ", "xã", "UBND", 201]]


__all__ = ["PEOPLE_HEADERS", "UNIT_HEADERS", "validate_people", "validate_units", "Person"]
