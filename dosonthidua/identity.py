"""Who the portal is on a date: the issuing body valid then (its name, level, place and advisory office
for emulation work), as dated data. The awards app registers the provider that reads its IssuingBody
rows; lower layers (units, campaigns) and the project package ask here, so no app imports upwards and
no code or template names a place, an office or a level."""

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

# A neutral name for the advisory office when no issuing body is configured yet.
NEUTRAL_OFFICE = "Cơ quan tham mưu thi đua, khen thưởng"


@dataclass(frozen=True)
class Identity:
    full_name: str = ""  # "Ủy ban nhân dân phường …"
    area_name: str = ""  # "phường …" (lower case, as inside a sentence)
    level: str = ""  # BodyLevel value
    level_label: str = ""
    office: str = NEUTRAL_OFFICE  # advisory office for emulation work
    office_head_title: str = ""
    office_verified: bool = False
    place: str = ""
    body_id: int | None = None
    valid_from: dt.date | None = None  # the first day of the body valid on the date
    unit_id: int | None = None  # the body's own unit: its territory is that unit's subtree

    @property
    def portal_title(self):
        """The page header: the configured title, else one built from the body valid on the date."""
        if settings.PORTAL_TITLE:
            return settings.PORTAL_TITLE
        return f"Cổng thi đua, khen thưởng {self.area_name}".strip() if self.area_name else "Cổng thi đua, khen thưởng"

    @property
    def reviewer_label(self):
        return f"{self.office} (thẩm định)"

    @property
    def email_signature(self):
        lines = [line for line in (self.office, self.full_name) if line]
        return "\n".join(["--", *lines]) if lines else ""


_PROVIDER: list[Callable] = []
# Every page asks for today's identity: keep each date's answer for a short while in the process.
# Saving or deleting an issuing body forgets them at once (awards.apps connects the signals); other
# processes see an edit within MEMO_SECONDS.
MEMO_SECONDS = 30
_MEMO: dict = {}


def register_identity_provider(provider):
    """``provider(date)`` returns an Identity or None; the last registered wins."""
    _PROVIDER[:] = [provider]
    forget()


def forget(*args, **kwargs):
    """Drop the remembered identities (signal receiver signature accepted)."""
    _MEMO.clear()


def identity_on(date=None):
    """The identity valid on ``date`` (today by default); a neutral one when nothing is configured."""
    date = date or timezone.localdate()
    now = time.monotonic()
    remembered = _MEMO.get(date)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    found = (_PROVIDER[0](date) if _PROVIDER else None) or Identity(place=settings.PORTAL_PLACE_NAME)
    if len(_MEMO) > 64:
        _MEMO.clear()
    _MEMO[date] = (now + MEMO_SECONDS, found)
    return found


def with_signature(text, date=None):
    """An e-mail body followed by the sending office and body valid on the date."""
    signature = identity_on(date).email_signature
    return f"{text}\n\n{signature}" if signature else text
