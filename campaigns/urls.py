from django.urls import path

from . import bloc_views, views

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
    path("tuyen-truyen/", views.publication_list, name="publication-list"),
    path("tuyen-truyen/<int:pk>/", views.exemplar_publication, name="exemplar-publication"),
    # Emulation blocs (khối, cụm thi đua).
    path("khoi-thi-dua/", bloc_views.bloc_list, name="bloc-list"),
    path("khoi-thi-dua/<int:pk>/", bloc_views.bloc_year_detail, name="bloc-year-detail"),
    path("khoi-thi-dua/<int:pk>/chuyen/", bloc_views.bloc_year_transition, name="bloc-year-transition"),
    path("khoi-thi-dua/<int:pk>/lap-phieu/", bloc_views.bloc_year_open_cards, name="bloc-year-open-cards"),
    path("khoi-thi-dua/<int:pk>/xep-hang.pdf", bloc_views.bloc_ranking_pdf, name="bloc-ranking-pdf"),
    path("khoi-thi-dua/<int:pk>/xep-hang.xlsx", bloc_views.bloc_ranking_xlsx, name="bloc-ranking-xlsx"),
    path("khoi-thi-dua/<int:pk>/giao-uoc.pdf", bloc_views.covenant_pdf, name="covenant-pdf"),
    path("khoi-thi-dua/<int:pk>/giao-uoc.docx", bloc_views.covenant_docx, name="covenant-docx"),
    path("khoi-thi-dua/<int:pk>/giao-uoc/ban-ky/", bloc_views.covenant_scan, name="covenant-scan"),
    path("khoi-thi-dua/phieu/<int:pk>/", bloc_views.scorecard_detail, name="scorecard-detail"),
    path("khoi-thi-dua/phieu/<int:pk>/tu-cham/", bloc_views.scorecard_edit, name="scorecard-edit"),
    path("khoi-thi-dua/phieu/<int:pk>/kiem-tra/", bloc_views.scorecard_check, name="scorecard-check"),
    path("khoi-thi-dua/phieu/<int:pk>/chuyen/", bloc_views.scorecard_transition, name="scorecard-transition"),
    path("khoi-thi-dua/phieu/<int:pk>/phieu.pdf", bloc_views.scorecard_pdf, name="scorecard-pdf"),
    path("khoi-thi-dua/minh-chung/<int:pk>/", bloc_views.scorecard_evidence, name="scorecard-evidence"),
    # Public pages: no sign-in.
    path("guong-dien-hinh/", views.public_exemplar_list, name="public-exemplar-list"),
    path("guong-dien-hinh/<int:pk>/", views.public_exemplar_detail, name="public-exemplar-detail"),
    path("guong-dien-hinh/anh/<int:pk>/", views.public_exemplar_photo, name="public-exemplar-photo"),
]
