from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.unit_tree, name="unit-tree"),
    path("danh-sach/", views.unit_list, name="unit-list"),
    path("them/", views.unit_edit, name="unit-create"),
    path("<int:pk>/", views.unit_detail, name="unit-detail"),
    path("<int:pk>/don-vi-truc-thuoc/", views.unit_tree_children, name="unit-tree-children"),
    path("<int:pk>/sua/", views.unit_edit, name="unit-update"),
    path("can-bo/", views.person_list, name="person-list"),
    path("can-bo/them/", views.person_edit, name="person-create"),
    path("can-bo/<int:pk>/", views.person_detail, name="person-detail"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person-update"),
    path("can-bo/<int:pk>/gop/", views.person_merge, name="person-merge"),
    path("can-bo/<int:pk>/chuyen-don-vi/", views.person_transfer, name="person-transfer"),
    path("can-bo/<int:pk>/qua-trinh-chuc-vu/", views.person_service, name="person-service"),
    path("thong-bao/", views.notification_list, name="notification-list"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification-open"),
    path("nhap/<slug:kind>/", views.import_view, name="import"),
    path("nhap/<slug:kind>/mau.xlsx", views.import_template, name="import-template"),
    path("tep-xuat/<int:pk>/", views.export_detail, name="export-detail"),
    path("tep-xuat/<int:pk>/trang-thai/", views.export_status, name="export-status"),
    path("tep-xuat/<int:pk>/tai/", views.export_download, name="export-download"),
]
