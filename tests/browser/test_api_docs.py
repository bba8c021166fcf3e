"""The API documentation page renders in Chromium from vendored assets under the portal's CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_without_csp_violations_or_outside_requests(page, live_server, tmp_path):
    problems, outside = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((live_server.url, "data:", "blob:")) else None)
    page.goto(f"{live_server.url}/api/v1/docs/", wait_until="domcontentloaded", timeout=90_000)
    page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
    assert "API cổng thi đua, khen thưởng" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector("text=/api/v1/nominations/", timeout=60_000)
    page.screenshot(path=str(tmp_path / "api-docs.png"), full_page=False)
    assert problems == [] and outside == []
