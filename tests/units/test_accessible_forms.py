"""Date fields everywhere: typed as dd/mm/yyyy with the format shown and a calendar; breadcrumbs and
related-unit links never lead an officer to a unit they cannot open."""

import datetime as dt
import re

import pytest
from django import forms
from django.urls import get_resolver, reverse

from dosonthidua.widgets import DateInput


def _form_classes():
    """Every form class of the portal's apps: the URL configuration imports every view, and the
    views their forms."""
    get_resolver().url_patterns  # noqa: B018  (imports every view module)
    seen, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return [c for c in seen if c.__module__.split(".")[0] in {"units", "awards", "campaigns", "reports", "dosonthidua"}]


def test_every_date_field_of_every_form_has_the_picker_and_the_hint():
    classes = _form_classes()
    dated = [
        (cls, name) for cls in classes for name, field in getattr(cls, "base_fields", {}).items() if isinstance(field, forms.DateField)
    ]
    assert len(dated) >= 10, "the forms modules were not found"
    wrong = [f"{cls.__module__}.{cls.__name__}.{name}" for cls, name in dated if not isinstance(cls.base_fields[name].widget, DateInput)]
    assert wrong == [], f"date fields without dosonthidua.widgets.DateInput: {wrong}"


class _Form(forms.Form):
    day = forms.DateField(label="Ngày họp", help_text="Ngày Hội đồng họp.")


def test_the_date_input_shows_the_format_and_accepts_vietnamese_dates():
    form = _Form(initial={"day": dt.date(2025, 3, 5)})
    html = str(form["day"])
    assert 'type="text"' in html and 'value="05/03/2025"' in html and "data-datepicker" in html
    assert '<div class="form-text"><span id="id_day_format">Định dạng ngày: dd/mm/yyyy</span></div>' in html
    # The hint and the help text both describe the input.
    assert re.search(r'aria-describedby="id_day_helptext id_day_format"', html), html
    for typed in ("05/03/2025", "5/3/2025", "05-03-2025"):
        bound = _Form(data={"day": typed})
        assert bound.is_valid(), (typed, bound.errors)
        assert bound.cleaned_data["day"] == dt.date(2025, 3, 5)
    bound = _Form(data={"day": "31/02/2025"})
    assert not bound.is_valid()


@pytest.mark.django_db
def test_an_officer_sees_the_parent_unit_named_but_not_linked(client, officer, unit, sub_unit, district, reviewer):
    client.force_login(officer)
    page = client.get(reverse("units:unit-detail", kwargs={"pk": unit.pk})).content.decode()
    parent_url = reverse("units:unit-detail", kwargs={"pk": district.pk})
    assert district.name in page
    assert f'href="{parent_url}"' not in page
    assert client.get(parent_url).status_code == 404
    # Their own sub-unit stays a link; so does everything for a reviewer, who may open the parent.
    assert f'href="{reverse("units:unit-detail", kwargs={"pk": sub_unit.pk})}"' in page
    client.force_login(reviewer)
    assert f'href="{parent_url}"' in client.get(reverse("units:unit-detail", kwargs={"pk": unit.pk})).content.decode()
