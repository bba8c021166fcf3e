from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
router.register("award-kinds", views.AwardKindViewSet, basename="award-kind")
router.register("awards", views.AwardRecordViewSet, basename="award")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("registrations", views.RegistrationViewSet, basename="registration")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up code as its own script (no inline script: CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("me/", views.MeView.as_view(), name="me"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("export/national/", views.NationalExportView.as_view(), name="national-export"),
    path("export/national/package/", views.NationalPackageView.as_view(), name="national-package"),
    *router.urls,
]
