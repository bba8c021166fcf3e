from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].widget = forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})

    def clean_username(self):
        """Refuse an over-long name here, before authentication: django-axes records the name of every
        failed attempt in a 255-character column, and Django's form does not check the length."""
        username = self.cleaned_data.get("username") or ""
        limit = self.fields["username"].max_length
        if len(username) > limit:
            raise ValidationError(f"Tên đăng nhập dài quá: tối đa {limit} ký tự.", code="max_length")
        return username
