"""Pages of two-factor sign-in: the code after the password, setting up an authenticator app, and new
backup codes. The rules live in units.twofactor."""

import base64
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from units import twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=16,
        help_text="6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng (8 ký tự).",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _done(request, device):
    otp_login(request, device)
    request.session[twofactor.PENDING_SESSION_KEY] = ""


@login_required
def verify(request):
    if not twofactor.is_enrolled(request.user):
        return redirect(f"{reverse('twofactor-setup')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.second_factor_verify(user=request.user, token=form.cleaned_data["code"], request=request)
        if device is not None:
            _done(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "Mã không đúng hoặc đã hết hạn (mã dự phòng chỉ dùng được một lần). Hãy thử lại.")
    return render(request, "registration/twofactor_verify.html", {"form": form, "next": _next_url(request)})


def _qr_data_uri(text):
    buffer = BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def setup(request):
    """Set up (or replace) the authenticator: a QR code and the key to type in, then a code from it."""
    if twofactor.is_enrolled(request.user) and not request.user.is_verified():
        return redirect("twofactor-verify")
    device = twofactor.totp_enrol_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_enrol_confirm(user=request.user, device=device, token=form.cleaned_data["code"].strip(), request=request)
        if codes is not None:
            _done(request, device)
            return render(request, "registration/twofactor_codes.html", {"codes": codes, "next": _next_url(request), "new_device": True})
        form.add_error("code", "Mã không đúng: hãy nhập mã 6 chữ số đang hiện trên ứng dụng (kiểm tra giờ của điện thoại).")
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "qr": _qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": twofactor.required_for(request.user),
        "replacing": twofactor.is_enrolled(request.user),
    }
    return render(request, "registration/twofactor_setup.html", context)


@login_required
def backup_codes(request):
    """New backup codes (the old ones stop working), for a session that has passed the second factor."""
    if not request.user.is_verified():
        return redirect("twofactor-setup" if not twofactor.is_enrolled(request.user) else "twofactor-verify")
    if request.method == "POST":
        codes = twofactor.backup_codes_regenerate(user=request.user)
        return render(request, "registration/twofactor_codes.html", {"codes": codes, "next": "/tai-khoan/"})
    return render(request, "registration/twofactor_codes.html", {"left": len(twofactor.backup_codes_left(request.user))})
