from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("danh-muc/", views.kind_list, name="kind-list"),
    path("de-nghi/", views.nomination_list, name="nomination-list"),
    path("de-nghi/them/", views.nomination_edit, name="nomination-create"),
    path("de-nghi/xu-ly-nhieu/", views.nomination_bulk, name="nomination-bulk"),
    path("de-nghi/<int:pk>/", views.nomination_detail, name="nomination-detail"),
    path("de-nghi/<int:pk>/sua/", views.nomination_edit, name="nomination-edit"),
    path("de-nghi/<int:pk>/chuyen/", views.nomination_transition, name="nomination-transition"),
    path("de-nghi/<int:pk>/kiem-tra/", views.nomination_recheck, name="nomination-recheck"),
    path("de-nghi/<int:pk>/tai-lieu/", views.attachment_add, name="attachment-add"),
    path("de-nghi/<int:pk>/tai-lieu/<int:attachment_pk>/", views.attachment_download, name="attachment-download"),
    path("to-trinh/", views.submission_list, name="submission-list"),
    path("to-trinh/them/", views.submission_create, name="submission-create"),
    path("to-trinh/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("to-trinh/<int:pk>/gui/", views.submission_submit, name="submission-submit"),
    path("to-trinh/<int:pk>/pdf/", views.submission_pdf, name="submission-pdf"),
    path("to-trinh/<int:pk>/bien-ban/", views.submission_minutes, name="submission-minutes"),
    path("nhap/<slug:kind>/", views.import_view, name="import"),
    path("nhap/<slug:kind>/mau/", views.import_template, name="import-template"),
    path("ca-nhan/<int:pk>/", views.person_awards, name="person-awards"),
    path("don-vi/<int:pk>/", views.unit_awards, name="unit-awards"),
]
