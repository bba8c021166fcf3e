from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("them/", views.campaign_edit, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="campaign-update"),
    path("<int:pk>/dang-ky/", views.registration_edit, name="registration-edit"),
    path("<int:pk>/ma-tran-dang-ky/", views.registration_matrix, name="registration-matrix"),
    path("<int:pk>/nhac-dang-ky/", views.registration_remind, name="registration-remind"),
    path("<int:pk>/bao-cao/them/", views.report_create, name="report-create"),
    path("<int:pk>/tien-do/", views.report_overview, name="report-overview"),
    path("dang-ky/", views.registration_list, name="registration-list"),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration-detail"),
    path("dang-ky/<int:pk>/chuyen/", views.registration_transition, name="registration-transition"),
    path("bao-cao/", views.report_list, name="report-list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/sua/", views.report_edit, name="report-update"),
    path("bao-cao/<int:pk>/chuyen/", views.report_transition, name="report-transition"),
    path("bao-cao/tep/<int:pk>/", views.report_attachment, name="report-attachment"),
    path("mo-hinh/", views.exemplar_list, name="exemplar-list"),
    path("mo-hinh/them/", views.exemplar_edit, name="exemplar-create"),
    path("mo-hinh/<int:pk>/", views.exemplar_detail, name="exemplar-detail"),
    path("mo-hinh/<int:pk>/sua/", views.exemplar_edit, name="exemplar-update"),
    path("mo-hinh/<int:pk>/chuyen/", views.exemplar_transition, name="exemplar-transition"),
    path("mo-hinh/anh/<int:pk>/", views.exemplar_photo, name="exemplar-photo"),
    # Public pages: no sign-in.
    path("guong-dien-hinh/", views.public_exemplar_list, name="public-exemplar-list"),
    path("guong-dien-hinh/<int:pk>/", views.public_exemplar_detail, name="public-exemplar-detail"),
    path("guong-dien-hinh/anh/<int:pk>/", views.public_exemplar_photo, name="public-exemplar-photo"),
]
