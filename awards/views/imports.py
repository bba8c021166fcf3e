from django.contrib.auth.decorators import login_required
from django.http import Http404

from dosonthidua.spreadsheets import template_response
from dosonthidua.views import spreadsheet_import

from .. import importers, services
from ..forms import (
    ImportUploadForm,
)
from .base import _require

# --- Import ---------------------------------------------------------------------------------------

IMPORT_KINDS = {
    "nominations": {
        "perm": "awards.add_nomination",
        "headers": importers.NOMINATION_HEADERS,
        "required": importers.NOMINATION_REQUIRED,
        "title": "Nhập danh sách đề nghị khen thưởng từ Excel",
        "template_rows": importers.nomination_template_rows,
        "allowed": importers.nomination_allowed_values,
        "filename": "mau-de-nghi-khen-thuong.xlsx",
        "validate": importers.validate_nominations,
        "write": services.nominations_import,
        "on_existing": True,
        "done": "awards:nomination-list",
    },
    "records": {
        "perm": "awards.import_records",
        "headers": importers.RECORD_HEADERS,
        "required": importers.RECORD_REQUIRED,
        "title": "Nhập khen thưởng các năm trước từ Excel",
        "template_rows": importers.record_template_rows,
        "allowed": importers.record_allowed_values,
        "filename": "mau-khen-thuong-da-nhan.xlsx",
        "validate": importers.validate_records,
        "write": services.records_import,
        "on_existing": True,
        "done": "awards:nomination-list",
    },
}


def _import_spec(request, kind):
    spec = IMPORT_KINDS.get(kind)
    if spec is None:
        raise Http404
    _require(request.user, spec["perm"])
    return spec


@login_required
def import_template(request, kind):
    spec = _import_spec(request, kind)
    allowed = spec["allowed"]() if spec.get("allowed") else None
    return template_response(spec["filename"], "Mẫu", spec["headers"], spec["template_rows"](), allowed=allowed)


@login_required
def import_view(request, kind):
    spec = _import_spec(request, kind)
    return spreadsheet_import(
        request,
        spec=spec,
        url_name="awards:import",
        kind=kind,
        template="awards/import.html",
        form_class=ImportUploadForm,
        session_key=f"awards-import-{kind}",
    )
