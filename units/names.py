"""Names as published lists write them: "Thầy Nguyễn Văn Đóa", "Đại tá Trần Văn Hùng", "PGS.TS. Lê
Thị Mai", "Đ/c Phạm Văn Nam". The leading honorifics, ranks and degrees are split off and stored apart
(Person.honorific), so people sort and match by the name itself.

HONORIFICS is the list recognised, longest first; each entry is matched case-insensitively as a whole
word (followed by a space, comma or the end of its dots) at the start of the name, repeatedly, so
"Đồng chí Đại tá Nguyễn Văn A" gives honorific "Đồng chí Đại tá". A word is split off only if at least
two words of name remain ("Bà Nguyễn" stays whole). Add entries here; there is no other list.
"""

import re
import unicodedata

# Forms of address.
ADDRESS = ["Đồng chí", "Đ/c", "Ông", "Bà", "Anh", "Chị", "Thầy giáo", "Cô giáo", "Thầy", "Cô", "Em", "Cháu"]
# Ranks of the People's Army and the People's Public Security (Luật Sĩ quan QĐND, Luật CAND).
RANKS = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Đại uý",
    "Thượng úy",
    "Thượng uý",
    "Trung úy",
    "Trung uý",
    "Thiếu úy",
    "Thiếu uý",
    "Chuẩn úy",
    "Chuẩn uý",
    "Thượng sĩ",
    "Trung sĩ",
    "Hạ sĩ",
    "Binh nhất",
    "Binh nhì",
]
# Academic titles, degrees and professions written before a name, and state honorary titles.
DEGREES = [
    "GS.TSKH.",
    "PGS.TSKH.",
    "GS.TS.",
    "PGS.TS.",
    "GS.",
    "PGS.",
    "TSKH.",
    "TS.",
    "ThS.",
    "BSCKII.",
    "BSCKI.",
    "BSCK2.",
    "BSCK1.",
    "BS.",
    "CKII",
    "CKI",
    "DS.",
    "KS.",
    "CN.",
    "LS.",
    "NGND.",
    "NGƯT.",
    "NGND",
    "NGƯT",
    "TTND.",
    "TTƯT.",
    "NSND.",
    "NSƯT.",
]
HONORIFICS = sorted(ADDRESS + RANKS + DEGREES, key=len, reverse=True)


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def _pattern():
    alternatives = []
    for word in HONORIFICS:
        escaped = re.escape(word)
        # A degree may be written with or without its final dot ("ThS Nguyễn", "ThS. Nguyễn").
        if word.endswith("."):
            escaped = escaped[:-2] + r"\.?"
        alternatives.append(escaped)
    return re.compile(r"^(?:" + "|".join(alternatives) + r")(?=[\s,.]|$)[\s,.]*", re.IGNORECASE)


_LEADING = _pattern()


def split_honorific(name):
    """'Thầy Nguyễn Văn Đóa' -> ('Thầy', 'Nguyễn Văn Đóa'); 'Đại tá, TS. Lê Văn B' -> ('Đại tá, TS.',
    'Lê Văn B'). The text is NFC with single spaces; the honorific keeps the words as written."""
    rest = " ".join(nfc(name).split())
    taken = []
    while True:
        match = _LEADING.match(rest)
        if not match:
            break
        remaining = rest[match.end() :].strip()
        if len(remaining.split()) < 2:
            break
        taken.append(rest[: match.end()].strip().rstrip(","))
        rest = remaining
    return " ".join(taken), rest


def name_key(name):
    """The form two names are compared in: honorific removed, NFC (so NFC and NFD input agree),
    case-folded, single spaces. 'Thầy Nguyễn Văn Đóa' and 'nguyễn  văn đóa' have the same key."""
    return split_honorific(name)[1].casefold()
