"""The seeded award catalogue (domain.md), used by the data migrations. Numbers (multipliers, vote
thresholds, years of a streak) are data here and become rows an administrator can edit. What was not
confirmed in a primary text is said in the rows' admin-only note (KIND_NOTES, RULE_NOTES, ...), never
in the text officers read. By topic: award kinds, rules and routes (kinds), upward honours (honours),
the simplified procedure (tracks), issuing bodies and signers (issuers), public holidays (holidays),
documents ready to sign (documents), seniority thresholds (seniority). Every name is importable from
``awards.catalogue``."""

from .documents import DOCUMENT_DEFAULTS, LEGAL_DOCUMENTS, WORDING, seed_document_defaults, seed_legal_documents, seed_wording
from .holidays import seed_calendar
from .honours import DOSSIER, OCCASIONS, seed_upward_honours
from .issuers import (
    ADVISORY_OFFICES,
    ISSUING_BODIES,
    LEVEL_WORDS,
    area_of,
    fill_issuer_identity,
    level_of,
    parse_signer_titles,
    seed_issuers,
    signer_fields,
)
from .kinds import (
    BASE_SALARIES,
    COLLECTIVE_CRITERIA,
    D2023_FROM,
    D2023_TO,
    D2025_FROM,
    DECREE_2023,
    DECREE_2025,
    KIND_NOTES,
    KINDS,
    LAW,
    PREREQUISITES,
    ROUTES,
    RULE_NOTES,
    RULES,
    seed,
    seed_admin_notes,
    seed_collective,
)
from .seniority import KY_NIEM_CHUONG, SENIORITY_RULES, seed_seniority
from .tracks import TRACKS, seed_tracks

__all__ = [
    "LAW",
    "DECREE_2023",
    "DECREE_2025",
    "D2023_FROM",
    "D2023_TO",
    "D2025_FROM",
    "KINDS",
    "PREREQUISITES",
    "RULES",
    "KIND_NOTES",
    "RULE_NOTES",
    "seed_admin_notes",
    "COLLECTIVE_CRITERIA",
    "seed_collective",
    "BASE_SALARIES",
    "ROUTES",
    "seed",
    "DOSSIER",
    "OCCASIONS",
    "seed_upward_honours",
    "TRACKS",
    "seed_tracks",
    "ISSUING_BODIES",
    "ADVISORY_OFFICES",
    "LEVEL_WORDS",
    "level_of",
    "area_of",
    "fill_issuer_identity",
    "seed_issuers",
    "parse_signer_titles",
    "signer_fields",
    "seed_calendar",
    "WORDING",
    "seed_wording",
    "LEGAL_DOCUMENTS",
    "seed_legal_documents",
    "DOCUMENT_DEFAULTS",
    "seed_document_defaults",
    "KY_NIEM_CHUONG",
    "SENIORITY_RULES",
    "seed_seniority",
]
