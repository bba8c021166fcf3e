"""Fixtures of the API tests: tokens of each scope made by the administrator's service, and a
client that sends a token."""

import pytest
from rest_framework.test import APIClient

from dosonthidua.api.enums import ApiPermission as P
from dosonthidua.api.services import token_create

from ..awards.conftest import catalogue, issuers, kind, make_nomination, make_record, media_root, this_year  # noqa: F401

UNIT_PERMISSIONS = [
    P.UNITS_READ,
    P.PEOPLE_READ,
    P.PEOPLE_PERSONAL,
    P.AWARDS_READ,
    P.NOMINATIONS_READ,
    P.NOMINATIONS_WRITE,
    P.CAMPAIGNS_READ,
]
WHOLE_PERMISSIONS = [p for p in P.values if p != P.NOMINATIONS_WRITE]


@pytest.fixture
def make_token(db, administrator):
    """make_token(unit=None, permissions=[...], **kw) -> (token, key)."""

    def make(*, unit=None, permissions=None, name="Hệ thống thử", **extra):
        return token_create(
            name=name, unit=unit, permissions=permissions if permissions is not None else UNIT_PERMISSIONS, by=administrator, **extra
        )

    return make


@pytest.fixture
def unit_token(make_token, unit):
    """A token of the unit (UBND phường Bàng La) with every unit-level permission."""
    return make_token(unit=unit, name="Cổng dịch vụ công của phường")


@pytest.fixture
def whole_token(make_token):
    """A whole-portal token with every permission except writing nominations."""
    return make_token(permissions=WHOLE_PERMISSIONS, name="Hệ thống quản lý văn bản")


@pytest.fixture
def api():
    """api(key=None) -> a DRF test client sending ``Authorization: Bearer key``."""

    def make(key=None):
        client = APIClient()
        if key:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    return make
