"""The awards app's models, one module per use case: the catalogue of kinds and their dated rules
(kinds), nominations and the award history (nominations), the holiday calendar (holidays), issuing
bodies and signers (bodies), public posting, the council, decisions, upward proposals, legal
documents, the 2025 handover, digital signatures, the reward fund, interchange packages and the
advanced-models conference. Every model is importable from ``awards.models``."""

from .bodies import IssuingBody, Signer, _valid_range
from .conference import Conference, ConferenceAgendaItem, ConferenceGuest, ConferenceHonouree
from .council import AgendaItem, AgendaRemoval, Attendance, BallotCast, Council, CouncilMeeting, CouncilMember
from .decisions import Decision, DecisionCounter, DecisionItem, DecisionTransition
from .fund import FundEntry, FundRate, FundYear
from .handover import Handover, HandoverItem
from .holidays import CalendarDay
from .interchange import InterchangeItem, InterchangePackage
from .kinds import (
    AwardKind,
    AwardPrerequisite,
    AwardQuota,
    BaseSalary,
    CollectiveCriterion,
    ConferringRoute,
    DossierRequirement,
    EligibilityRule,
    Initiative,
    Occasion,
    ProcedureTrack,
    SeniorityRule,
    period_label,
)
from .legal import DocumentDefaults, LegalDocument
from .nominations import NOMINATION_FIRST_YEAR, AwardRecord, Nomination, NominationAttachment, NominationTransition, Submission
from .posting import Objection, PublicNotice
from .signatures import BlocProposal, SignedDocument, SigningCertificate
from .upward import UpwardItem, UpwardProposal

__all__ = [
    "AwardKind",
    "AwardPrerequisite",
    "AwardQuota",
    "BaseSalary",
    "CollectiveCriterion",
    "ConferringRoute",
    "DossierRequirement",
    "EligibilityRule",
    "Initiative",
    "Occasion",
    "ProcedureTrack",
    "SeniorityRule",
    "period_label",
    "AwardRecord",
    "NOMINATION_FIRST_YEAR",
    "Nomination",
    "NominationAttachment",
    "NominationTransition",
    "Submission",
    "CalendarDay",
    "IssuingBody",
    "Signer",
    "_valid_range",
    "Objection",
    "PublicNotice",
    "AgendaItem",
    "AgendaRemoval",
    "Attendance",
    "BallotCast",
    "Council",
    "CouncilMeeting",
    "CouncilMember",
    "Decision",
    "DecisionCounter",
    "DecisionItem",
    "DecisionTransition",
    "UpwardItem",
    "UpwardProposal",
    "DocumentDefaults",
    "LegalDocument",
    "Handover",
    "HandoverItem",
    "BlocProposal",
    "SignedDocument",
    "SigningCertificate",
    "FundEntry",
    "FundRate",
    "FundYear",
    "InterchangeItem",
    "InterchangePackage",
    "Conference",
    "ConferenceAgendaItem",
    "ConferenceGuest",
    "ConferenceHonouree",
]
