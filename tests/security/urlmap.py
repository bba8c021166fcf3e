"""Every named URL of the portal with the arguments it takes in the permission-matrix world."""

from django.urls import URLPattern, URLResolver, get_resolver


def _first_occasion():
    from awards.models import Occasion

    return Occasion.objects.order_by("pk").values_list("pk", flat=True).first()


# url name -> function(world) returning reverse() kwargs
ARGS = {
    "units:unit-detail": lambda w: {"pk": w.unit.pk},
    "units:unit-tree-children": lambda w: {"pk": w.unit.pk},
    "units:unit-update": lambda w: {"pk": w.unit.pk},
    "units:person-detail": lambda w: {"pk": w.person.pk},
    "units:person-update": lambda w: {"pk": w.person.pk},
    "units:person-merge": lambda w: {"pk": w.person.pk},
    "units:person-transfer": lambda w: {"pk": w.person.pk},
    "units:person-service": lambda w: {"pk": w.person.pk},
    "units:notification-open": lambda w: {"pk": w.notification.pk},
    "units:import": lambda w: {"kind": "people"},
    "units:import-template": lambda w: {"kind": "people"},
    "units:export-detail": lambda w: {"pk": w.export.pk},
    "units:export-status": lambda w: {"pk": w.export.pk},
    "units:export-download": lambda w: {"pk": w.export.pk},
    "campaigns:campaign-detail": lambda w: {"pk": w.campaign.pk},
    "campaigns:campaign-update": lambda w: {"pk": w.campaign.pk},
    "campaigns:registration-edit": lambda w: {"pk": w.campaign.pk},
    "campaigns:registration-matrix": lambda w: {"pk": w.campaign.pk},
    "campaigns:registration-remind": lambda w: {"pk": w.campaign.pk},
    "campaigns:report-create": lambda w: {"pk": w.campaign.pk},
    "campaigns:report-overview": lambda w: {"pk": w.campaign.pk},
    "campaigns:registration-detail": lambda w: {"pk": w.registration.pk},
    "campaigns:registration-transition": lambda w: {"pk": w.registration.pk},
    "campaigns:report-detail": lambda w: {"pk": w.report.pk},
    "campaigns:report-update": lambda w: {"pk": w.report.pk},
    "campaigns:report-transition": lambda w: {"pk": w.report.pk},
    "campaigns:report-attachment": lambda w: {"pk": w.report_file.pk},
    "campaigns:exemplar-detail": lambda w: {"pk": w.exemplar.pk},
    "campaigns:exemplar-update": lambda w: {"pk": w.exemplar.pk},
    "campaigns:exemplar-transition": lambda w: {"pk": w.proposal.pk},
    "campaigns:exemplar-photo": lambda w: {"pk": w.photo.pk},
    "campaigns:public-exemplar-detail": lambda w: {"pk": w.exemplar.pk},
    "campaigns:public-exemplar-photo": lambda w: {"pk": w.photo.pk},
    "awards:nomination-detail": lambda w: {"pk": w.nomination.pk},
    "awards:nomination-edit": lambda w: {"pk": w.nomination.pk},
    "awards:nomination-transition": lambda w: {"pk": w.nomination.pk},
    "awards:nomination-recheck": lambda w: {"pk": w.nomination.pk},
    "awards:attachment-add": lambda w: {"pk": w.nomination.pk},
    "awards:attachment-download": lambda w: {"pk": w.nomination.pk, "attachment_pk": w.attachment.pk},
    "awards:submission-detail": lambda w: {"pk": w.submission.pk},
    "awards:submission-submit": lambda w: {"pk": w.submission.pk},
    "awards:submission-pdf": lambda w: {"pk": w.submission.pk},
    "awards:submission-minutes": lambda w: {"pk": w.submission.pk},
    "awards:import": lambda w: {"kind": "nominations"},
    "awards:import-template": lambda w: {"kind": "nominations"},
    "awards:person-awards": lambda w: {"pk": w.person.pk},
    "awards:unit-awards": lambda w: {"pk": w.unit.pk},
    # Occasions are reference data seeded by the migrations (awards.catalogue.OCCASIONS).
    "awards:occasion-detail": lambda w: {"pk": _first_occasion()},
    "reports:run-detail": lambda w: {"pk": w.run.pk},
    "reports:run-status": lambda w: {"pk": w.run.pk},
    "reports:run-retry": lambda w: {"pk": w.run.pk},
    "reports:run-cancel": lambda w: {"pk": w.run.pk},
    "reports:run-download": lambda w: {"pk": w.run.pk, "fmt": "pdf"},
    "reports:statform": lambda w: {"code": "0602"},
    "reports:statform-cell": lambda w: {"code": "0602"},
    "reports:statform-download": lambda w: {"code": "0602", "fmt": "pdf"},
}


def named_urls():
    """(name, route) of every named URL outside the Django admin (which has its own staff checks)."""
    found = []

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}:{p.name}" if namespace else p.name, prefix + str(p.pattern)))

    walk(get_resolver().url_patterns)
    return found
