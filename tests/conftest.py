"""Personas used across the suite: an officer of a unit, an officer of another unit, the reviewer
(Phòng Nội vụ), a council member, a leader, an administrator, and the anonymous visitor."""

import pytest

from units.enums import Role, UnitKind

from .factories import PersonFactory, UnitFactory, UserFactory, officer_of


@pytest.fixture
def district(db):
    return UnitFactory(name="UBND quận Thử", short_code="UBND-T", kind=UnitKind.COMMITTEE)


@pytest.fixture
def unit(district):
    return UnitFactory(name="UBND phường Bàng La", short_code="P-BL", kind=UnitKind.WARD, parent=district)


@pytest.fixture
def sub_unit(unit):
    return UnitFactory(name="Tổ dân phố 1", short_code="TDP1", kind=UnitKind.RESIDENTIAL_GROUP, parent=unit)


@pytest.fixture
def other_unit(district):
    return UnitFactory(name="Phòng Giáo dục và Đào tạo", short_code="GDDT-T", kind=UnitKind.DEPARTMENT, parent=district)


@pytest.fixture
def officer(unit):
    return officer_of(unit, username="canbo_p")


@pytest.fixture
def other_officer(other_unit):
    return officer_of(other_unit, username="canbo_khac")


@pytest.fixture
def reviewer(district):
    return UserFactory(username="noivu_t", unit=district, roles=[Role.REVIEWER])


@pytest.fixture
def council_member(district):
    return UserFactory(username="hoidong_t", unit=district, roles=[Role.COUNCIL_MEMBER])


@pytest.fixture
def leader(district):
    return UserFactory(username="lanhdao_t", unit=district, roles=[Role.LEADER])


@pytest.fixture
def administrator(district):
    return UserFactory(username="quantri_t", unit=district, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def person(unit):
    return PersonFactory(unit=unit, full_name="Nguyễn Văn An")


@pytest.fixture
def other_person(other_unit):
    return PersonFactory(unit=other_unit, full_name="Trần Thị Bình")


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as ``user`` (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


def _replay_data_migrations():
    """Re-run every RunPython operation of every applied migration, in order, with the historical
    models of its migration. Used after a transactional test flushed the tables that data
    migrations fill (the award catalogue, ...): data migrations are written for empty tables."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations.special import RunPython

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(list(executor.loader.graph.leaf_nodes()), clean_start=True)
    with connection.schema_editor() as editor:
        for migration, _backwards in plan:
            runs = [op for op in migration.operations if isinstance(op, RunPython)]
            if not runs:
                continue
            state = executor.loader.project_state((migration.app_label, migration.name), at_end=True)
            for op in runs:
                op.code(state.apps, editor)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names or (marker is not None and bool(marker.kwargs.get("transaction")))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test flushes every table at its teardown, the reference data of data
    migrations with them. pytest-django orders transactional tests last, but pytest-xdist's work
    stealing can hand a worker a plain test after one: put the data back as soon as the flush is
    done, outside any test's transaction, so whatever runs next finds it."""
    yield
    if not _is_transactional(item):
        return
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        from awards.models import AwardKind

        if not AwardKind.objects.exists():
            _replay_data_migrations()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """pytest-django runs transactional tests last, and each one flushes every table at its end; the
    next transactional test then finds the reference data of data migrations gone. Put it back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from awards.models import AwardKind

    if not AwardKind.objects.exists():
        _replay_data_migrations()


@pytest.fixture(autouse=True)
def _fresh_identity():
    """The deployment identity remembered per date (dosonthidua.identity) starts empty in each test:
    a rolled-back edit of an issuing body sends no signal."""
    from dosonthidua.identity import forget

    forget()


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each test sees an empty cache: a key prefix of its own on the real Redis (flushing the
    database would also drop the broker's queues, which share it)."""
    import uuid

    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


# [role, pages checked, axe critical+serious violations, vnu errors] rows of the accessibility crawl
# (tests/browser/test_accessibility.py), printed at the end of the run so the figures can be quoted.
# The tests record them as a user property of their report, which reaches the controlling process
# under pytest-xdist (and that process loads only this conftest, not the browser one).
ACCESSIBILITY_SUMMARY_PROPERTY = "accessibility_summary"
_summary_rows = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        for name, value in report.user_properties:
            if name == ACCESSIBILITY_SUMMARY_PROPERTY:
                _summary_rows.extend(value)


def pytest_terminal_summary(terminalreporter, config):
    if not _summary_rows:
        return
    terminalreporter.section("accessibility crawl (axe-core WCAG 2.1 AA, Nu HTML checker)")
    for role, checked, blocking, vnu in _summary_rows:
        terminalreporter.line(f"{role:<15} {checked:>3} pages  {blocking:>3} axe critical/serious  {vnu:>3} vnu errors")
