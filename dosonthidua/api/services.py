"""Write-side use cases of the API app: creating, changing and revoking a system's token."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from units.enums import Role

from .enums import NEEDS_UNIT, NEEDS_WHOLE_PORTAL, ApiPermission
from .models import ApiToken

KEY_PREFIX = "dst"


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def _roles_for(*, unit, permissions):
    """The portal roles the token's account holds, so the same django-rules predicates apply: a unit
    scope makes it that unit's emulation officer; the whole portal makes it a reader like Phòng Nội
    vụ; registering decision numbers is the leader's act of issuing (awards.issue_decision)."""
    if unit is not None:
        return [Role.UNIT_OFFICER]
    roles = [Role.REVIEWER]
    if ApiPermission.DECISIONS_REGISTER in permissions:
        roles.append(Role.LEADER)
    return roles


def token_validate(*, unit, permissions):
    """Vietnamese errors for permissions that do not fit the scope (raised as ValidationError)."""
    unknown = set(permissions) - set(ApiPermission.values)
    if unknown:
        raise ValidationError({"permissions": f"Quyền không tồn tại: {', '.join(sorted(unknown))}."})
    labels = dict(ApiPermission.choices)
    if unit is None and NEEDS_UNIT & set(permissions):
        raise ValidationError(
            {"unit": "Quyền " + ", ".join(f"“{labels[p]}”" for p in sorted(NEEDS_UNIT & set(permissions))) + " cần chọn phạm vi đơn vị."}
        )
    if unit is not None and NEEDS_WHOLE_PORTAL & set(permissions):
        raise ValidationError(
            {
                "unit": "Quyền "
                + ", ".join(f"“{labels[p]}”" for p in sorted(NEEDS_WHOLE_PORTAL & set(permissions)))
                + " chỉ cấp cho khóa toàn cổng: để trống phạm vi đơn vị."
            }
        )


@transaction.atomic
def token_create(*, name, permissions, by, unit=None, description="", rate_per_minute=None, expires_at=None):
    """Create a token and its service account. Returns (token, key): the key is shown once and only
    its hash is stored. Rows: units.User (inactive, unusable password), ApiToken."""
    permissions = sorted(set(permissions))
    token_validate(unit=unit, permissions=permissions)
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    account = get_user_model()(
        username=f"api-{prefix}",
        full_name=f"Hệ thống: {name}"[:150],
        unit=unit,
        roles=_roles_for(unit=unit, permissions=permissions),
        is_active=False,
    )
    account.set_unusable_password()
    account.save()
    token = ApiToken(
        name=name,
        description=description,
        unit=unit,
        permissions=permissions,
        prefix=prefix,
        key_hash=hash_key(key),
        account=account,
        created_by=by,
        expires_at=expires_at,
    )
    if rate_per_minute:
        token.rate_per_minute = rate_per_minute
    token.full_clean(exclude=["account", "created_by", "prefix", "key_hash"])
    token.save()
    return token, key


@transaction.atomic
def token_update(*, token, name, permissions, unit, description="", rate_per_minute=None, expires_at=None):
    """Change a token's scope and permissions; its account's unit and roles follow.
    Rows: ApiToken, units.User."""
    permissions = sorted(set(permissions))
    token_validate(unit=unit, permissions=permissions)
    token.name, token.description, token.unit, token.permissions, token.expires_at = name, description, unit, permissions, expires_at
    if rate_per_minute:
        token.rate_per_minute = rate_per_minute
    token.full_clean(exclude=["account", "created_by", "prefix", "key_hash"])
    token.save()
    account = token.account
    account.unit, account.roles, account.full_name = unit, _roles_for(unit=unit, permissions=permissions), f"Hệ thống: {name}"[:150]
    account.save(update_fields=["unit", "roles", "full_name"])
    return token


def token_revoke(*, token, by):
    """Revoke a token at once (its next call answers 401). Rows: ApiToken.revoked_at/revoked_by."""
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_find(key):
    """The usable token for ``key`` with its account and scope unit (one query), or None."""
    if not key or not key.startswith(f"{KEY_PREFIX}_"):
        return None
    token = ApiToken.objects.select_related("account", "unit").filter(key_hash=hash_key(key)).first()
    if token is None or not token.is_usable:
        return None
    return token


def token_touch(*, token, ip):
    """Record the last use (at most once a minute per token, to keep calls cheap).
    Rows: ApiToken.last_used_at/last_used_ip."""
    now = timezone.now()
    if token.last_used_at and (now - token.last_used_at).total_seconds() < 60 and token.last_used_ip == ip:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
    token.last_used_at, token.last_used_ip = now, ip
