"""Two-factor sign-in: a TOTP authenticator app plus one-time backup codes (django-otp).

Who must use it is a setting (TWO_FACTOR_REQUIRED_ROLES: by default reviewers, leaders, council
members and administrators; staff accounts count as administrators); anyone else may enrol. After
the password, a signed-in session is marked as waiting for the second factor (set-up when the
account has none yet, else a code); dosonthidua.middleware.SecondFactorMiddleware lets such a
session reach only the sign-in pages until a code is given."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audit_record
from .enums import Role

BACKUP_CODE_COUNT = 10
PENDING_SESSION_KEY = "twofactor_pending"  # "verify", "setup" or "" (nothing to do)
TOTP_NAME = "Ứng dụng xác thực"
BACKUP_NAME = "Mã dự phòng"


def required_for(user):
    roles = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if (user.is_staff or user.is_superuser) and Role.ADMINISTRATOR in roles:
        return True
    return bool(roles & set(user.roles))


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_step(user):
    """What a freshly signed-in session still owes: 'verify', 'setup' or ''."""
    if is_enrolled(user):
        return "verify"
    return "setup" if required_for(user) else ""


@receiver(user_logged_in)
def _mark_second_factor_pending(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_SESSION_KEY] = pending_step(user)


def totp_enrol_start(*, user):
    """The account's unconfirmed authenticator (created on first call, reused until confirmed).
    Rows: TOTPDevice (confirmed=False)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def totp_enrol_confirm(*, user, device, token, request=None):
    """Confirm the authenticator with a code it shows; returns the new backup codes, or None when
    the code is wrong. Rows: TOTPDevice (confirmed; any older one deleted), StaticDevice and
    StaticToken (fresh backup codes), AuditEvent."""
    if device.user_id != user.pk or not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = backup_codes_regenerate(user=user)
    audit_record(action="2fa_enrolled", request=request, user=user)
    return codes


def backup_codes_regenerate(*, user):
    """Replace the account's backup codes with BACKUP_CODE_COUNT new ones (each works once).
    Rows: StaticDevice, StaticToken."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user):
    return list(StaticToken.objects.filter(device__user=user, device__confirmed=True).order_by("id").values_list("token", flat=True))


def second_factor_verify(*, user, token, request=None):
    """The device that accepts ``token`` (an authenticator code or an unused backup code, which is
    then used up), or None. Devices throttle repeated failures. Rows: AuditEvent."""
    device = match_token(user, (token or "").replace(" ", "").strip().lower())
    audit_record(action="2fa_verified" if device else "2fa_failed", request=request, user=user)
    return device


def second_factor_reset(*, user, by, request=None):
    """An administrator removes an account's authenticator and backup codes (a lost phone); the
    account sets up a new one at its next sign-in. Rows: TOTPDevice and StaticDevice deleted, AuditEvent."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    audit_record(action="2fa_reset", request=request, user=by, detail=f"Đặt lại xác thực hai bước của tài khoản {user.username}")


def demo_enrol(stdout=None):
    """seed_demo: every account that must use two-factor sign-in (TWO_FACTOR_REQUIRED_ROLES; none
    when the setting is empty, as in the test suite) gets an authenticator and backup codes, kept when
    already there; `manage.py twofactor_codes` prints them."""
    from .models import User

    enrolled = 0
    for user in User.objects.filter(is_active=True).order_by("username"):
        if not required_for(user) or is_enrolled(user):
            continue
        TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)
        backup_codes_regenerate(user=user)
        enrolled += 1
    if stdout is not None:
        stdout.write(f"two-factor: {enrolled} demo accounts enrolled (codes: manage.py twofactor_codes)")
