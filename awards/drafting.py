"""The wording of an award decision built from data: the subject ("Về việc công nhận danh hiệu Lao
động tiên tiến và tặng Giấy khen năm 2025"), Article 1 with its counts ("cho 12 cá nhân và 03 tập
thể"), Article 2 (reward money) and the order of the annex. Each award kind carries its official
wording (AwardKind.decision_verb / decision_object); nothing here reads a catalogue label."""

import unicodedata

from dosonthidua.documents import vn_number

from .enums import AwardSubject, DecisionVerb, PeriodKind

# How the counts of Article 1 name each kind of recipient.
SUBJECT_NOUNS = {
    AwardSubject.PERSON: "cá nhân",
    AwardSubject.COLLECTIVE: "tập thể",
    AwardSubject.HOUSEHOLD: "hộ gia đình",
    AwardSubject.RESIDENTIAL_GROUP: "thôn, tổ dân phố",
}


def count_text(n):
    """Counts in decisions take two digits below 10: '03 tập thể', '12 cá nhân'."""
    return f"{n:02d}"


def join_vi(parts):
    """['a'] -> 'a'; ['a', 'b'] -> 'a và b'; ['a', 'b', 'c'] -> 'a, b và c'."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} và {parts[-1]}"


def period_text(nominations):
    """'năm 2025' or 'năm học 2024–2025' when every nomination has the same period, else ''."""
    periods = {(n.period_kind, n.year) for n in nominations}
    if len(periods) != 1:
        return ""
    kind, year = periods.pop()
    return f"năm học {year - 1}–{year}" if kind == PeriodKind.SCHOOL_YEAR else f"năm {year}"


def _kinds_in_order(nominations):
    kinds = {}
    for n in sorted(nominations, key=lambda n: (n.award_kind.display_order, n.award_kind_id)):
        kinds.setdefault(n.award_kind_id, n.award_kind)
    return list(kinds.values())


def _wording_groups(nominations):
    """[(verb, object, [nominations])] in catalogue order; kinds sharing verb and object (the Giấy
    khen of persons and of collectives) form one group."""
    groups = {}
    for kind in _kinds_in_order(nominations):
        key = (kind.decision_verb, kind.wording_object)
        groups.setdefault(key, [])
    for n in nominations:
        groups[(n.award_kind.decision_verb, n.award_kind.wording_object)].append(n)
    return [(verb, obj, rows) for (verb, obj), rows in groups.items()]


def award_wording(nominations):
    """'công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen' (no period)."""
    by_verb = {}
    for verb, obj, _ in _wording_groups(nominations):
        by_verb.setdefault(verb, []).append(obj)
    if len(by_verb) == 1:
        ((verb, objects),) = by_verb.items()
        return f"{verb} {join_vi(objects)}"
    return join_vi(f"{verb} {', '.join(objects)}" for verb, objects in by_verb.items())


def decision_subject(nominations):
    """'Về việc công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen năm 2025'."""
    period = period_text(nominations)
    return f"Về việc {award_wording(nominations)}" + (f" {period}" if period else "")


def recipient_counts(nominations):
    """'12 cá nhân và 03 tập thể' (the kinds of recipient in catalogue order)."""
    counts = {}
    for n in nominations:
        counts[n.award_kind.subject] = counts.get(n.award_kind.subject, 0) + 1
    ordered = [s for s in SUBJECT_NOUNS if s in counts]
    return join_vi(f"{count_text(counts[s])} {SUBJECT_NOUNS[s]}" for s in ordered)


def article1_text(nominations, achievement_phrase):
    """Article 1 without its number: 'Công nhận danh hiệu Lao động tiên tiến năm 2025 cho 12 cá nhân;
    tặng Giấy khen cho 02 cá nhân và 03 tập thể đã có thành tích ... (có danh sách kèm theo).'"""
    period = period_text(nominations)
    parts = []
    for verb, obj, rows in _wording_groups(nominations):
        # A title is recognised for a period ("danh hiệu Lao động tiên tiến năm 2025").
        when = f" {period}" if period and verb == DecisionVerb.RECOGNISE else ""
        parts.append(f"{verb} {obj}{when} cho {recipient_counts(rows)}")
    text = "; ".join(parts)
    reason = f" {achievement_phrase.strip()}" if achievement_phrase.strip() else ""
    return f"{text[0].upper()}{text[1:]}{reason} (có danh sách kèm theo)."


def article2_text(*, base_salary, total, total_words, fund_owner):
    """Article 2 without its number: the reward money and where it is paid from."""
    return (
        f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành (mức lương cơ sở {vn_number(base_salary)} đồng); "
        f"tổng số tiền thưởng là {vn_number(total)} đồng (bằng chữ: {total_words}), chi từ Quỹ thi đua, khen thưởng của {fund_owner}."
    )


def article3_text(executors):
    return f"Quyết định này có hiệu lực kể từ ngày ký. {executors.strip()} chịu trách nhiệm thi hành Quyết định này./."


# --- The annex: Vietnamese order by given name ---------------------------------------------------

# Forms of address and ranks written before a name; ignored when sorting (until people carry their
# honorific apart from the name). Longest first, compared case-insensitively.
HONORIFICS = sorted(
    [
        "ông", "bà", "anh", "chị", "thầy", "cô", "đồng chí", "đ/c", "đ/c.",
        "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng",
        "đại tá", "thượng tá", "trung tá", "thiếu tá", "đại úy", "thượng úy", "trung úy", "thiếu úy",
        "gs.", "pgs.", "ts.", "ths.", "bs.", "ds.", "ks.", "ls.", "nsnd", "nsưt", "ngnd", "ngưt",
        "giáo sư", "phó giáo sư", "tiến sĩ", "thạc sĩ", "bác sĩ", "dược sĩ", "kỹ sư", "luật sư",
    ],
    key=len,
    reverse=True,
)  # fmt: skip

# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; the tone
# marks order words that are otherwise equal (none, huyền, hỏi, ngã, sắc, nặng).
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_MODIFIERS = {"\u0306": "ă", "\u0302": {"a": "â", "e": "ê", "o": "ô"}, "\u031b": {"o": "ơ", "u": "ư"}}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def strip_honorific(name):
    """'Trung tá Nguyễn Văn An' -> 'Nguyễn Văn An'; repeated forms ('Ông TS. ...') are all removed."""
    text = " ".join((name or "").split())
    changed = True
    while changed:
        changed = False
        lower = text.lower()
        for honorific in HONORIFICS:
            if lower.startswith(honorific + " ") and len(text) > len(honorific) + 1:
                text = text[len(honorific) + 1 :].lstrip()
                changed = True
                break
    return text


def _letter_key(word):
    primary, tones = [], []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            if ch in _TONES:
                tones.append(_TONES[ch])
            elif ch in _MODIFIERS and primary:
                base = _LETTERS[primary[-1]] if primary[-1] < len(_LETTERS) else ""
                mod = _MODIFIERS[ch]
                new = mod if isinstance(mod, str) else mod.get(base)
                if new and base in "aeou":
                    primary[-1] = _LETTERS.index(new)
            continue
        if ch == "đ":
            primary.append(_LETTERS.index("đ"))
        elif ch in _LETTERS:
            primary.append(_LETTERS.index(ch))
        else:
            primary.append(len(_LETTERS) + ord(ch))
    return tuple(primary), tuple(tones)


def vietnamese_name_key(name):
    """Sort key of a person's name in Vietnamese order: given name (the last word) first, then the
    family and middle names, honorifics and ranks ignored; tones break ties."""
    words = strip_honorific(name).split() or [""]
    ordered = [words[-1], *words[:-1]]
    keys = [_letter_key(w) for w in ordered]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def collective_name_key(name):
    keys = [_letter_key(w) for w in (name or "").split()]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def annex_order(nominations):
    """Nominations in the annex's order: by award wording in catalogue order; in each, persons by
    given name in Vietnamese order, then collectives by name."""
    result = []
    for _verb, _obj, rows in _wording_groups(list(nominations)):
        persons = [n for n in rows if n.nominee_unit_id is None]
        collectives = [n for n in rows if n.nominee_unit_id is not None]
        # The person's own name (Person.full_name holds no honorific); the honorific-stripping key
        # also covers names typed with one.
        result += sorted(persons, key=lambda n: vietnamese_name_key(n.nominee_person.full_name if n.nominee_person_id else n.nominee_name))
        result += sorted(collectives, key=lambda n: collective_name_key(n.nominee_name))
    return result


# --- Grounds (căn cứ) ----------------------------------------------------------------------------


def decision_grounds(*, body, date, meeting_dates=(), proposal_number="", proposal_date=None, council_name=""):
    """The grounds of a decision on ``date``: each law, decree and local rule valid that day (the
    LegalDocument rows, with their numbers and dates), the council's minutes by date, and last the
    proposal of the advisory office's head with his tờ trình ('Xét đề nghị của Trưởng phòng Nội vụ
    tại Tờ trình số 15/TTr-NV ngày 10 tháng 12 năm 2025.')."""
    from dosonthidua.documents import vn_date

    from .selectors import legal_documents_on

    lines = [doc.citation for doc in legal_documents_on(date, body)]
    if meeting_dates:
        council = council_name or "Hội đồng Thi đua – Khen thưởng"
        lines.append(f"Căn cứ Biên bản họp {council} {join_vi(vn_date(d) for d in sorted(meeting_dates))};")
    proposer = body.advisory_office_head_title or "Thủ trưởng cơ quan tham mưu công tác thi đua, khen thưởng"
    document = f" tại Tờ trình số {proposal_number}" + (f" {vn_date(proposal_date)}" if proposal_date else "") if proposal_number else ""
    lines.append(f"Xét đề nghị của {proposer}{document}.")
    return lines
