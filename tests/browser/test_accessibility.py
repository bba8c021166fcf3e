"""Every page each persona reaches, checked as a user's browser renders it: axe-core (WCAG 2.1 A and
AA rules: no critical or serious violation), no sideways scrolling at 390 px, and the Nu HTML checker
on the HTML the server sent (no error).

The pages are not a hand-picked list: they are the permission matrix's rows (every named URL, with the
objects of the matrix's worlds) whose rule gives the persona a 200, so a new page is crawled as soon
as it has its row there. Downloads (PDF, DOCX, XLSX...) are skipped by their Content-Type. The
portal's own 403 and 404 pages are checked once per persona too.

axe-core is given to each page as an init script (the CSP blocks an injected <script> tag; init
scripts are not subject to it). axe-core and vnu-jar come from the npm registry (package.json, `npm ci`, which scripts/test.sh runs);
Java from scripts/system-deps.sh. When they are missing this test fails: it never skips."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from ..awards.conftest import council, issuers, kind, make_nomination, members, this_year
from ..awards.test_procedure_permissions import ARGS as PROCEDURE_ARGS
from ..awards.test_procedure_permissions import GET_RULES as PROCEDURE_RULES
from ..awards.test_procedure_permissions import world as procedure_world
from ..conftest import ACCESSIBILITY_SUMMARY_PROPERTY
from ..security.conftest import world as security_world
from ..security.test_permission_matrix import GET_RULES, ROLES
from ..security.urlmap import ARGS

# Fixtures the two worlds need, imported so that pytest finds them in this module.
__all__ = ["council", "issuers", "kind", "make_nomination", "members", "this_year", "procedure_world", "security_world"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}
PHONE_WIDTH = 390
PHONE = {"width": PHONE_WIDTH, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _tools():
    """The checkers' files and Java; a missing one is a failure with the command that installs it."""
    missing = []
    if not AXE.exists() or not VNU.exists():
        missing.append("axe-core / vnu-jar (run `npm ci --ignore-scripts` at the project root; scripts/test.sh does)")
    if shutil.which("java") is None:
        missing.append("a Java runtime (default-jre-headless: scripts/system-deps.sh installs it)")
    if missing:
        pytest.fail("The accessibility crawl cannot run without " + " and ".join(missing))
    return AXE.read_text(encoding="utf-8")


def _pages_for(role, worlds):
    """[(url name, path)] the role opens with a 200 by the matrix, plus one 403 and one 404 page."""
    column = ROLES.index(role)
    security, procedure = worlds
    tables = [(name, rule, ARGS.get(name), security) for name, rule in GET_RULES.items()]
    tables += [(name, rule, PROCEDURE_ARGS.get(name), procedure) for name, rule in PROCEDURE_RULES.items()]
    pages, errors = [], {}
    for name, rule, args, world in sorted(tables, key=lambda row: row[0]):
        status = rule.split()[column]
        path = reverse(name, kwargs=args(world)) if args else reverse(name)
        if status == "200":
            pages.append((name, path))
        elif status in ("403", "404") and status not in errors:
            errors[status] = (f"error page {status} ({name})", path)
    errors.setdefault("404", ("error page 404", "/khong-co-trang-nay/"))
    return pages + [errors[k] for k in sorted(errors)]


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary}))
  }));
}"""

# The page's width at 390 px and, when it is too wide, the outermost elements sticking out.
SCROLL = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const out = (el) => el.getBoundingClientRect().right > width + 1;
  const wide = root.scrollWidth <= width ? [] : [...document.body.querySelectorAll("*")]
    .filter((el) => out(el) && !out(el.parentElement)).slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
  return {scroll: root.scrollWidth, client: width, wide: wide};
}"""
BREADCRUMB_LINKS = "() => [...document.querySelectorAll('nav[aria-label=breadcrumb] a[href]')].map((a) => a.getAttribute('href'))"


def _check_page(page, url, *, ready=None):
    """Open the page; return (status, html or None for a download, axe violations, width at 390 px).
    ``ready``: a selector to wait for when the page draws itself with script (Swagger UI)."""
    page.set_viewport_size(PHONE)
    try:
        response = page.goto(url, wait_until="load")
        if ready:
            page.wait_for_selector(ready, timeout=60_000)
    except PlaywrightError as error:
        if "Download is starting" in str(error):  # an attachment, not a page
            return 200, None, [], None
        raise
    content_type = response.headers.get("content-type", "")
    if "text/html" not in content_type:
        return response.status, None, [], None
    html = response.text()  # what the server sent (vnu checks it), not what script drew afterwards
    if not re.match(r"\s*<!doctype html>", html, re.IGNORECASE):
        return response.status, None, [], None  # a fragment that htmx puts into a page checked on its own
    width = page.evaluate(SCROLL)  # loaded at phone width, as a phone would
    width["breadcrumbs"] = page.evaluate(BREADCRUMB_LINKS)
    page.set_viewport_size(DESKTOP)
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    return response.status, html, violations, width


def _vnu_errors(files):
    """{file name: [messages]} of the Nu HTML checker's errors over all saved pages (one run)."""
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            name = Path(re.sub(r"^file:", "", message.get("url", "?"))).name
            line = message.get("lastLine", "?")
            errors.setdefault(name, []).append(f"line {line}: {message['message']} [{message.get('extract', '').strip()[:80]}]")
    return errors


def test_every_page_of_every_role_is_accessible(browser, live_server, security_world, procedure_world, request, tmp_path, record_property):
    axe_source = _tools()
    worlds = (security_world, procedure_world)
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    saved = {}  # file name -> (role, page name, path)
    summary = []
    failures = []
    for role in ROLES:
        context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
        if role != "anonymous":
            context.add_cookies([_session_cookie(request.getfixturevalue(role), live_server)])
        context.add_init_script(script=axe_source)
        page = context.new_page()
        checked = blocking = 0
        crumbs = {}  # breadcrumb href -> first page showing it
        for name, path in _pages_for(role, worlds):
            status, html, violations, width = _check_page(page, live_server.url + path)
            if html is None:
                continue
            checked += 1
            expected = re.search(r"error page (\d+)", name)
            if status != (int(expected.group(1)) if expected else 200):
                failures.append(f"{role} {name} {path}: HTTP {status}")
            for v in violations:
                if v["impact"] in BLOCKING:
                    blocking += 1
                    nodes = "; ".join(f"{n['target']} {n['html']}" for n in v["nodes"][:5])
                    failures.append(f"{role} {name} {path}: axe {v['impact']} {v['id']} ({v['help']}), {len(v['nodes'])} node(s): {nodes}")
            if width["scroll"] > width["client"]:
                failures.append(
                    f"{role} {name} {path}: scrolls sideways at {PHONE_WIDTH} px ({width['scroll']} > {width['client']}: {', '.join(width['wide'])})"
                )
            for href in width["breadcrumbs"]:
                crumbs.setdefault(href, f"{name} {path}")
            file_name = re.sub(r"[^\w.-]+", "-", f"{role}--{name}") + ".html"
            (html_dir / file_name).write_text(html, encoding="utf-8")
            saved[file_name] = (role, name, path)
        # A breadcrumb leads only where this user may go.
        for href, where in crumbs.items():
            status = context.request.get(live_server.url + href, max_redirects=0).status
            if status != 200:
                failures.append(f"{role} {where}: its breadcrumb links to {href}, which answers {status}")
        context.close()
        summary.append([role, checked, blocking, 0])
    vnu = _vnu_errors(sorted(html_dir.iterdir()))
    for file_name, messages in sorted(vnu.items()):
        role, name, path = saved.get(file_name, ("?", file_name, "?"))
        for row in summary:
            if row[0] == role:
                row[3] += len(messages)
        failures.extend(f"{role} {name} {path}: vnu {m}" for m in messages)
    record_property(ACCESSIBILITY_SUMMARY_PROPERTY, summary)
    assert not failures, f"{len(failures)} accessibility failure(s):\n" + "\n".join(failures)


# The apps whose models are ours: their admin pages are crawled (django-otp's and Django's own are not).
OUR_APPS = ("units", "awards", "campaigns", "reports", "api")
API_DOCS_READY = ".swagger-ui .info .title"


def _admin_pages(superuser):
    """[(name, path)] of the admin site for our models: the index, each app's index, and per model
    its list, its add form (when adding is allowed) and the change form of its first row."""
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = superuser

    pages = [("admin:index", reverse("admin:index"))]
    apps = sorted({model._meta.app_label for model in admin.site._registry if model._meta.app_label in OUR_APPS})
    pages += [(f"admin:app_list {label}", reverse("admin:app_list", args=[label])) for label in apps]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        meta = model._meta
        if meta.app_label not in OUR_APPS:
            continue
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        pages.append((f"{prefix}_changelist", reverse(f"{prefix}_changelist")))
        if model_admin.has_add_permission(request):
            pages.append((f"{prefix}_add", reverse(f"{prefix}_add")))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append((f"{prefix}_change", reverse(f"{prefix}_change", args=[first.pk])))
    return pages


def test_admin_site_and_api_docs_are_accessible(
    browser, live_server, security_world, procedure_world, django_user_model, tmp_path, record_property
):
    """The admin site's pages of our models (as a superuser, over the objects of both matrix worlds)
    and the Swagger UI of the API (once it has drawn the operations): the same bar as the crawl."""
    axe_source = _tools()
    superuser = django_user_model.objects.create_superuser("quantri_axe", "qt-axe@example.vn", "x-Password-123")
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    saved, failures, summary = {}, [], []
    for role, pages in [("admin site", _admin_pages(superuser)), ("api docs", [("api:docs", reverse("api:docs"))])]:
        context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
        if role == "admin site":
            context.add_cookies([_session_cookie(superuser, live_server)])
        context.add_init_script(script=axe_source)
        page = context.new_page()
        checked = blocking = 0
        for name, path in pages:
            status, html, violations, width = _check_page(
                page, live_server.url + path, ready=API_DOCS_READY if role == "api docs" else None
            )
            if html is None:
                failures.append(f"{role} {name} {path}: not an HTML page (HTTP {status})")
                continue
            checked += 1
            if status != 200:
                failures.append(f"{role} {name} {path}: HTTP {status}")
            for v in violations:
                if v["impact"] in BLOCKING:
                    blocking += 1
                    nodes = "; ".join(f"{n['target']} {n['html']}" for n in v["nodes"][:5])
                    failures.append(f"{role} {name} {path}: axe {v['impact']} {v['id']} ({v['help']}), {len(v['nodes'])} node(s): {nodes}")
            file_name = re.sub(r"[^\w.-]+", "-", f"{role}--{name}") + ".html"
            (html_dir / file_name).write_text(html, encoding="utf-8")
            saved[file_name] = (role, name, path)
        context.close()
        summary.append([role, checked, blocking, 0])
    for file_name, messages in sorted(_vnu_errors(sorted(html_dir.iterdir())).items()):
        role, name, path = saved.get(file_name, ("?", file_name, "?"))
        for row in summary:
            if row[0] == role:
                row[3] += len(messages)
        failures.extend(f"{role} {name} {path}: vnu {m}" for m in messages)
    record_property(ACCESSIBILITY_SUMMARY_PROPERTY, summary)
    assert not failures, f"{len(failures)} accessibility failure(s):\n" + "\n".join(failures)
