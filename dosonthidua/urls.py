from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import twofactor_views, views
from .forms import LoginForm

admin.site.site_header = "Quản trị cổng thi đua, khen thưởng"
admin.site.site_title = "Quản trị"

handler403 = "dosonthidua.views.error_403"
handler404 = "dosonthidua.views.error_404"
handler500 = "dosonthidua.views.error_500"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", views.account_profile, name="profile"),
    path("tai-khoan/xac-thuc-hai-buoc/", twofactor_views.verify, name="twofactor-verify"),
    path("tai-khoan/xac-thuc-hai-buoc/cai-dat/", twofactor_views.setup, name="twofactor-setup"),
    path("tai-khoan/xac-thuc-hai-buoc/ma-du-phong/", twofactor_views.backup_codes, name="twofactor-backup-codes"),
    path("tai-khoan/doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("don-vi/", include("units.urls")),
    path("phong-trao/", include("campaigns.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("bao-cao/", include("reports.urls")),
    path("api/v1/", include("dosonthidua.api.urls")),
    path("quan-tri/", admin.site.urls),
]
