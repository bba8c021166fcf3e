"""The interchange package between levels (docs/interchange.md): a ward's proposal exported, imported
by the city's portal on its own database (another process), decided there, and the decision package
imported back into the ward's history; tampered packages refused with nothing written."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from awards import services
from awards.enums import NominationState as S
from awards.enums import RecordSource
from awards.interchange import export, package
from awards.interchange.import_ import package_import, package_preview
from awards.interchange.package import PackageError
from awards.models import AwardRecord, InterchangePackage, Nomination, NominationAttachment, NominationTransition, Submission
from tests.factories import PersonFactory
from units.models import Person, Unit

from .conftest import pdf_file

pytestmark = pytest.mark.django_db
ROOT = settings.BASE_DIR
AWARD = "bang-khen-chu-tich-thanh-pho"


@pytest.fixture
def ward_proposal(issuers, council, members, reviewer, unit, make_nomination, make_record, this_year):
    """A ward's round up to its upward proposal: two nominees for the city chairman's Bằng khen,
    posted, voted by the ward's council (minutes), each with an attached report, one with a past award."""
    from awards.demo_round import _post

    today = timezone.localdate()
    an = PersonFactory(unit=unit, full_name="Nguyễn Văn An", birth_year=1980, position="Công chức")
    anh = PersonFactory(unit=unit, full_name="Đặng Thị Ánh", birth_year=1985, position="Viên chức")
    nominations = [make_nomination(person=p, code=AWARD, state=S.VERIFIED, excellent_completion=True) for p in (an, anh)]
    make_record(code="chien-si-thi-dua-co-so", year=this_year - 1, person=an)
    # The city's catalogue wants each Bằng khen dossier to carry its achievement report.
    services.attachment_add(nomination=nominations[0], kind="achievement_report", uploaded=pdf_file("Báo cáo thành tích.pdf"), by=reviewer)
    services.attachment_add(nomination=nominations[1], kind="achievement_report", uploaded=pdf_file("BC thành tích Ánh.pdf"), by=reviewer)
    _post(nominations, before=today, reviewer=reviewer, title="Danh sách đề nghị cấp thành phố")
    meeting = services.meeting_create(council=council, date=today, by=reviewer)
    services.meeting_attendance_set(meeting=meeting, present_member_ids=[m.pk for m in members], by=reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    for member in members:
        services.ballot_cast(meeting=meeting, by=member.user, choices={i.pk: "yes" for i in meeting.items.all()})
    services.meeting_close(meeting=meeting, by=reviewer)
    return services.proposal_create(
        nominations=Nomination.objects.filter(pk__in=[n.pk for n in nominations]).order_by("id"),
        number="25/TTr-UBND",
        date=today,
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND thành phố",
        by=reviewer,
    )


def _pdf_text(data, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_proposal_package_lists_every_file_with_its_checksum(ward_proposal, tmp_path):
    name, data = export.proposal_package(ward_proposal)
    assert name.endswith(".zip")
    read = package.read(data)
    m = read.manifest
    assert (m["format"], m["version"], m["kind"]) == ("dosonthidua-interchange", "1.0", "proposal")
    assert m["sender"]["name"] == "Ủy ban nhân dân phường Đồ Sơn"
    assert m["sender"]["unit"] == {"code": "UBND-PHUONG-DO-SON", "name": "UBND phường Đồ Sơn", "kind": "ward"}
    assert m["proposal"]["number"] == "25/TTr-UBND"
    assert [(n["nominee_name"], n["award"]["code"], n["period"]["year"]) for n in m["nominations"]] == [
        ("Nguyễn Văn An", AWARD, timezone.localdate().year),
        ("Đặng Thị Ánh", AWARD, timezone.localdate().year),
    ]
    assert [h["award_code"] for h in m["nominations"][0]["history"]] == ["chien-si-thi-dua-co-so"]
    assert sorted(f["role"] for f in m["files"]) == ["annex", "attachment", "attachment", "minutes", "proposal"]
    for entry in m["files"]:
        assert package.sha256(read.files[entry["path"]]) == entry["sha256"]
    assert "25/TTr-UBND" in _pdf_text(read.files["to-trinh.pdf"], tmp_path, "t.pdf")
    annex = _pdf_text(read.files["danh-sach.pdf"], tmp_path, "d.pdf")
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in annex and "Đặng Thị Ánh" in annex and "1985" in annex
    minutes = next(f for f in m["files"] if f["role"] == "minutes")
    assert "BIÊN BẢN" in _pdf_text(read.files[minutes["path"]], tmp_path, "b.pdf")


# --- Tampered packages -------------------------------------------------------------------------------


def _rezip(data, *, manifest=None, replace=None):
    """The package with its manifest edited and/or one file's bytes replaced (checksums unchanged)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "manifest.json" and manifest is not None:
                content = json.dumps(manifest(json.loads(content)), ensure_ascii=False).encode()
            if replace and info.filename in replace:
                content = replace[info.filename](content)
            target.writestr(info.filename, content)
    return out.getvalue()


def _one_byte_changed(content):
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 0x01]) + content[middle + 1 :]


def _drop(path):
    def edit(m):
        target = m
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return m

    return edit


def _state(media_root):
    files = sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    models = (Nomination, NominationTransition, Submission, InterchangePackage, NominationAttachment, Person, Unit, AwardRecord)
    return {m.__name__: m.objects.count() for m in models}, files


TAMPERED = [
    (
        "one byte of the tờ trình PDF changed",
        {"replace": {"to-trinh.pdf": _one_byte_changed}},
        "Tệp “to-trinh.pdf” không khớp mã kiểm tra SHA-256: tệp đã bị thay đổi hoặc hỏng trên đường truyền.",
    ),
    (
        "the nominee's award removed from the manifest",
        {"manifest": _drop(["nominations", 0, "award"])},
        "Tệp manifest.json không hợp lệ theo lược đồ phiên bản 1.0: 'award' is a required property (tại “nominations/0”).",
    ),
    (
        "the proposal number removed",
        {"manifest": _drop(["proposal", "number"])},
        "Tệp manifest.json không hợp lệ theo lược đồ phiên bản 1.0: 'number' is a required property (tại “proposal”).",
    ),
    (
        "a version this portal does not read",
        {"manifest": lambda m: {**m, "version": "2.0"}},
        "Phiên bản gói “2.0” không được hỗ trợ: cổng này đọc phiên bản 1.0 (1.x).",
    ),
    (
        "a file listed but missing",
        {"manifest": lambda m: {**m, "files": [*m["files"], {**m["files"][0], "path": "khac.pdf"}]}},
        "Thiếu tệp “khac.pdf” được liệt kê trong manifest.json.",
    ),
]


@pytest.mark.parametrize(("case", "edit", "reason"), TAMPERED, ids=[t[0] for t in TAMPERED])
def test_tampered_package_is_refused_with_nothing_written(case, edit, reason, ward_proposal, reviewer, media_root):
    _name, data = export.proposal_package(ward_proposal)
    tampered = _rezip(data, **edit)
    before = _state(media_root)
    with pytest.raises(PackageError) as refused:
        package_import(raw=tampered, by=reviewer)
    assert str(refused.value) == reason
    assert _state(media_root) == before


def test_failure_while_writing_rolls_back_and_deletes_saved_files(ward_proposal, reviewer, media_root, monkeypatch):
    """A failure after some files were saved (here: the eligibility check of the second nominee)
    leaves neither rows nor files behind."""
    _name, data = export.proposal_package(ward_proposal)
    # The ward's own nominations would clash with a re-import into the same database: withdraw them.
    Nomination.objects.filter(upward_item__proposal=ward_proposal).update(state=S.WITHDRAWN)
    before = _state(media_root)
    calls = []

    def failing_check(*, nomination):
        calls.append(nomination)
        if len(calls) == 2:
            raise RuntimeError("check failed")
        return real(nomination=nomination)

    real = services.nomination_check
    monkeypatch.setattr(services, "nomination_check", failing_check)
    with pytest.raises(RuntimeError):
        package_import(raw=data, by=reviewer)
    assert len(calls) == 2
    assert _state(media_root) == before


def test_a_decision_package_cannot_answer_a_proposal_this_portal_never_sent(ward_proposal, reviewer, media_root):
    """The import page checks the package against the portal's records too (preview refuses)."""
    _name, data = export.proposal_package(ward_proposal)
    before = _state(media_root)
    with pytest.raises(PackageError, match="đã được đề nghị “Bằng khen của Chủ tịch UBND thành phố” trong cùng kỳ"):
        package_preview(raw=data, by=reviewer)
    assert _state(media_root) == before


# --- Two portals, two databases ----------------------------------------------------------------------


def _server_url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture(scope="module")
def city_portal(tmp_path_factory, django_db_blocker):
    """The city's portal: its own PostgreSQL database (migrated and seeded with `seed_demo --level
    city`), its own media directory, run as separate processes."""
    name = f"{connection.settings_dict['NAME']}_city"
    media = tmp_path_factory.mktemp("city-media")
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": _server_url(name),
        "DJANGO_SETTINGS_MODULE": "dosonthidua.settings_test",
        "TEST_MEDIA_ROOT": str(media),
    }

    def run(*args):
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
        return done

    for step in (["manage.py", "migrate", "-v0"], ["manage.py", "seed_demo", "--level", "city"]):
        done = run(*step)
        assert done.returncode == 0, done.stderr
    run.media = media
    yield run
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _json(done):
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_round_trip_between_a_ward_database_and_a_city_database(city_portal, ward_proposal, reviewer, tmp_path):
    today = timezone.localdate()
    # The ward exports its proposal; the city's portal (its own database, another process) imports it.
    _name, data = export.proposal_package(ward_proposal)
    sent = tmp_path / "to-trinh.zip"
    sent.write_bytes(data)
    before = _json(city_portal("-m", "tests.interchange.city_portal", "counts"))
    imported = _json(city_portal("manage.py", "interchange", "import", str(sent), "--user", "tp_thamdinh"))
    assert imported["kind"] == "proposal" and len(imported["nominations"]) == 2
    held = _json(city_portal("-m", "tests.interchange.city_portal", "received", str(imported["package"])))
    assert held["submission"] == "25/TTr-UBND" and held["minutes"] is True
    refs = {str(it.nomination_id): it.nomination.nominee_name for it in ward_proposal.items.select_related("nomination")}
    assert {r["ref"]: r["name"] for r in held["rows"]} == refs
    for row in held["rows"]:
        # The proposing unit is the city's own record of the ward (matched by name, not created);
        # the nominee's unit, unknown to the city, is created under it.
        assert (row["state"], row["award"], row["unit"]) == (S.SUBMITTED, AWARD, "P-DOSON")
        assert (row["person_unit"], row["person_unit_parent"]) == ("UBND phường Bàng La", "P-DOSON")
        assert row["transitions"] == [["draft", "submitted"]]
    an = next(r for r in held["rows"] if r["name"] == "Nguyễn Văn An")
    assert an["attachments"] == ["Báo cáo thành tích.pdf"]
    assert an["history"] == [["chien-si-thi-dua-co-so", today.year - 1]]
    after = _json(city_portal("-m", "tests.interchange.city_portal", "counts"))
    assert after["Nomination"] - before["Nomination"] == 2 and after["InterchangePackage"] - before["InterchangePackage"] == 1

    # The same package a second time is refused, and the city's database is unchanged.
    again = city_portal("manage.py", "interchange", "import", str(sent), "--user", "tp_thamdinh")
    assert again.returncode != 0 and "Gói này đã được nhập lúc" in again.stderr
    assert _json(city_portal("-m", "tests.interchange.city_portal", "counts")) == after
    # A tampered package is refused by the city too, nothing written there.
    tampered = tmp_path / "sua.zip"
    tampered.write_bytes(_rezip(data, replace={"danh-sach.pdf": _one_byte_changed}))
    refused = city_portal("manage.py", "interchange", "import", str(tampered), "--user", "tp_thamdinh")
    assert refused.returncode != 0 and "Tệp “danh-sach.pdf” không khớp mã kiểm tra SHA-256" in refused.stderr
    assert _json(city_portal("-m", "tests.interchange.city_portal", "counts")) == after

    # The city decides (Ánh turned down by its council) and sends its decision package back.
    reply = tmp_path / "quyet-dinh.zip"
    decided = _json(city_portal("-m", "tests.interchange.city_portal", "decide", str(imported["package"]), str(reply), "Đặng Thị Ánh"))
    assert decided["states"] == {"Nguyễn Văn An": S.DECIDED, "Đặng Thị Ánh": S.NOT_APPROVED}
    received, nominations = package_import(raw=reply.read_bytes(), by=reviewer)
    assert received.proposal == ward_proposal and len(nominations) == 2

    # The result is in the ward's history: An's award from the city, her nomination decided.
    items = {it.nomination.nominee_name: it for it in ward_proposal.items.select_related("nomination")}
    an_item, anh_item = items["Nguyễn Văn An"], items["Đặng Thị Ánh"]
    assert (an_item.result, an_item.result_decision, an_item.result_date) == ("conferred", decided["decision"], today)
    assert anh_item.result == "refused"
    record = AwardRecord.objects.get(nomination=an_item.nomination)
    assert (record.source, record.decision_number, record.issuer_name) == (
        RecordSource.UPWARD,
        decided["decision"],
        "Ủy ban nhân dân thành phố Hải Phòng",
    )
    assert not AwardRecord.objects.filter(nomination=anh_item.nomination).exists()
    an_item.nomination.refresh_from_db()
    assert an_item.nomination.state == S.DECIDED
    last = an_item.nomination.transitions.order_by("-id").first()
    assert (last.from_state, last.to_state, last.by) == (S.PROPOSED_UPWARD, S.DECIDED, reviewer)
    assert decided["decision"] in last.comment
    ward_proposal.refresh_from_db()
    assert ward_proposal.state == "closed"
    # The decision package is kept as received; importing it again is refused.
    assert received.file.read() == reply.read_bytes()
    with pytest.raises(PackageError, match="Gói này đã được nhập"):
        package_import(raw=reply.read_bytes(), by=reviewer)
    assert dt.date.fromisoformat(decided["date"]) == today
