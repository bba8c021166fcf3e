from django.urls import path

from . import views, views_review, views_statforms

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("khen-thuong/", views.award_list, name="award-list"),
    path("de-nghi/", views.nomination_list, name="nomination-list"),
    path("luu-tru/", views.archive, name="archive"),
    path("lap/", views.report_request, name="request"),
    path("luu-tru/<int:pk>/", views.run_detail, name="run-detail"),
    path("luu-tru/<int:pk>/trang-thai/", views.run_status, name="run-status"),
    path("luu-tru/<int:pk>/chay-lai/", views.run_retry, name="run-retry"),
    path("luu-tru/<int:pk>/huy/", views.run_cancel, name="run-cancel"),
    path("luu-tru/<int:pk>/tai/<str:fmt>/", views.run_download, name="run-download"),
    path("thong-ke-nganh/", views_statforms.statforms, name="statforms"),
    path("thong-ke-nganh/<str:code>/", views_statforms.statform, name="statform"),
    path("thong-ke-nganh/<str:code>/chi-tiet/", views_statforms.statform_cell, name="statform-cell"),
    path("thong-ke-nganh/<str:code>/tai/<str:fmt>/", views_statforms.statform_download, name="statform-download"),
    path("tong-ket/", views_review.review_list, name="review-list"),
    path("tong-ket/them/", views_review.review_edit, name="review-create"),
    path("tong-ket/<int:pk>/", views_review.review_detail, name="review-detail"),
    path("tong-ket/<int:pk>/sua/", views_review.review_edit, name="review-update"),
    path("tong-ket/<int:pk>/bao-cao.pdf", views_review.review_pdf, name="review-pdf"),
    path("tong-ket/<int:pk>/bao-cao.docx", views_review.review_docx, name="review-docx"),
]
