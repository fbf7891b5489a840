"""`maturity backup FILE` and `maturity restore FILE`: a backup, an emptied database, a restore,
and every row is there again; on SQLite and on PostgreSQL, whichever the suite runs on."""

from __future__ import annotations

import sqlite3

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from maturity.assessments import services
from maturity.organisations.models import Organisation
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump and psql read and write what is committed


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table but the cache's (a restore empties the cache), in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names(cursor)) - {"maturity_cache"}):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


@pytest.fixture
def data(nps):
    """Councils with people, an assessment with answers and an action, and a cached value."""
    camden, kent = make_organisation("Camden"), make_organisation("Kent", type="county", region="South East")
    lead = make_member(camden, "lead", "Lena Lead")
    make_member(kent, "contributor", "Connor Contributor")
    assessment = services.start_assessment(organisation=camden, framework=nps, title="Self-assessment 2026", user=lead)
    response = assessment.responses.select_related("area").first()
    services.save_response(
        response=response,
        answer={
            "current_level": 2,
            "target_level": 4,
            "target_year": 2028,
            "evidence": "Procurement strategy, page 4 – “agreed”",
            "evidence_links": "",
            "confidence": "medium",
        },
        based_on_version=response.version,
        user=lead,
    )
    services.add_action(
        assessment=assessment,
        area=response.area,
        user=lead,
        values={
            "title": "Brief the cabinet",
            "description": "",
            "owner_name": "Lena Lead",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    cache.set("throttle-count", 3, 600)


def test_a_backup_brings_back_every_row_after_the_database_is_emptied(data, tmp_path):
    before = every_row()
    assert sum(map(len, before.values())) > 100
    backup = tmp_path / "maturity.backup"
    call_command("backup", str(backup))
    call_command("flush", interactive=False)
    assert not Organisation.objects.exists()
    call_command("restore", str(backup), interactive=False)
    assert every_row() == before
    assert cache.get("throttle-count") is None  # kept pages and counts named rows of the database replaced


def test_a_backup_replaces_rows_written_after_it(data, tmp_path):
    backup = tmp_path / "maturity.backup"
    call_command("backup", str(backup))
    before = every_row()
    make_organisation("Added after the backup")
    Organisation.objects.filter(name="Camden").update(name="Renamed after the backup")
    call_command("restore", str(backup), interactive=False)
    assert every_row() == before


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(data, tmp_path):
    before = every_row()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup")
    with pytest.raises(CommandError, match="is not a backup made by `maturity backup`"):
        call_command("restore", str(notes), interactive=False)
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("restore", str(tmp_path / "missing.backup"), interactive=False)
    assert every_row() == before


def test_a_backup_of_the_other_database_is_refused(data, tmp_path):
    other = tmp_path / "other.backup"
    if connection.vendor == "postgresql":
        sqlite3.connect(other).execute("CREATE TABLE django_migrations (id integer)").connection.commit()
        message = "is a backup of a SQLite database: it cannot be restored into PostgreSQL"
    else:
        other.write_bytes(b"PGDMP\x01\x0f\x00" + b"\x00" * 100)
        message = "is a backup of a PostgreSQL database: it cannot be restored into SQLite"
    before = every_row()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(other), interactive=False)
    assert every_row() == before


def test_restore_asks_before_replacing_the_database(data, tmp_path, monkeypatch):
    backup = tmp_path / "maturity.backup"
    call_command("backup", str(backup))
    make_organisation("Added after the backup")
    before = every_row()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Cancelled: nothing was changed"):
        call_command("restore", str(backup))
    assert every_row() == before


def test_a_backup_is_never_left_half_written(data, tmp_path):
    with pytest.raises(CommandError, match="There is no folder"):
        call_command("backup", str(tmp_path / "no-such-folder" / "maturity.backup"))
    backup = tmp_path / "maturity.backup"
    call_command("backup", str(backup))
    assert [path.name for path in tmp_path.iterdir()] == ["maturity.backup"]
