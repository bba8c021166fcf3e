"""Print, for each account with two-factor sign-in, its authenticator key and unused backup codes:
for the demo (`make run` shows them), never for a real installation's accounts."""

import base64

from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice

from units import twofactor


class Command(BaseCommand):
    help = "Authenticator keys and unused backup codes of enrolled accounts (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", help="only these accounts")

    def handle(self, *args, usernames, **options):
        devices = TOTPDevice.objects.filter(confirmed=True).select_related("user").order_by("user__username")
        if usernames:
            devices = devices.filter(user__username__in=usernames)
        devices = list(devices)
        width = max((len(device.user.username) for device in devices), default=0)
        for device in devices:
            codes = twofactor.backup_codes_left(device.user)
            key = base64.b32encode(device.bin_key).decode()
            self.stdout.write(
                f"    {device.user.username:<{width}}  khóa TOTP {key}  mã dự phòng: {' '.join(codes[:3])}{' …' if len(codes) > 3 else ''}"
            )
