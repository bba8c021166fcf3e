"""The leadership dashboard in a real browser: charts drawn, a figure clicked through to the
filtered list behind it (as lanhdao, the chairman)."""

import re

import pytest

from units.enums import Role

from ..factories import UserFactory
from ..reports.conftest import campaign, kinds, world  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lanhdao(district):
    return UserFactory(username="lanhdao", full_name="Trần Khắc Kiên", unit=district, roles=[Role.LEADER])


@pytest.mark.usefixtures("world", "lanhdao")
def test_lanhdao_dashboard_charts_and_click_through(page, login, live_server):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login("lanhdao")
    page.goto(f"{live_server.url}/bao-cao/?year=2025")
    assert page.locator("h1").inner_text() == "Tổng quan thi đua, khen thưởng năm 2025"
    assert page.locator("[data-figure=awards-total] .fs-3").inner_text() == "9"
    # Chart.js drew the three charts from the json_script data (no inline script).
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 3")
    assert page.evaluate(
        "Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => c.chart && c.chart.data.labels.length > 0)"
    )
    # Click a unit's award count: the list behind it holds exactly that unit's awards.
    page.click("#unit-table a[data-unit='P-BL']")
    page.wait_for_load_state("networkidle")
    assert "/bao-cao/khen-thuong/" in page.url and "unit=" in page.url
    assert "UBND phường Bàng La" in page.locator("h1").inner_text()
    assert page.locator("#drilldown tbody tr").count() == 5
    # A bar of the awards-by-kind chart links to that kind's list too.
    page.go_back()
    page.wait_for_function("document.querySelector('#chart-award-kinds') && document.querySelector('#chart-award-kinds').chart")
    page.locator("#chart-award-kinds").scroll_into_view_if_needed()
    point = page.evaluate(
        """() => { const c = document.querySelector('#chart-award-kinds'); const bar = c.chart.getDatasetMeta(0).data[0];
                   const r = c.getBoundingClientRect(); return {x: r.left + bar.x, y: r.top + (bar.y + bar.base) / 2,
                   label: c.chart.data.labels[0], total: c.chart.data.datasets[0].data[0]}; }"""
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"/bao-cao/khen-thuong/\?.*award_code="))
    assert point["label"] in page.locator("h1").inner_text()
    assert page.locator("#drilldown tbody tr").count() == point["total"]
    assert errors == []
