"""Text helpers shared by every app: NFC normalisation of input (TCVN 6909:2001 wants precomposed
Unicode) and accent folding for search."""

import unicodedata

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value):
    """Return ``value`` in Unicode NFC with surrounding whitespace stripped; non-strings pass."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", value).strip()


_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)} | {0x7F: None}


def clean_text(value):
    """NFC without NUL and other control characters (PostgreSQL refuses NUL in text)."""
    if not isinstance(value, str):
        return value
    return nfc(value.translate(_CONTROL))


def fold(value):
    """Lower-case, accent-free form used for search ("Nguyễn Đức" -> "nguyen duc"); matches the
    database's f_unaccent(lower(...)) used in generated search columns."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


class NFCFormMixin:
    """Form mixin: every string in cleaned_data is normalised to NFC before it is stored."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = nfc(value)
