"""Small files that once stalled the service or crashed it (issue 12, sections 3 and 4), played as the
attacks were: each is refused with a message naming the file, where in it and the problem, and
changes nothing; a folder import goes on with its other files; an upload too large is refused
from its Content-Length before its body is read; another council's save goes through while an
import of notices runs on SQLite."""

from __future__ import annotations

import io
import json
import threading
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction

from maturity.evidence import csv_reading, files, ocds, services
from maturity.evidence.limits import LIMITS
from maturity.evidence.models import EvidenceImport, Notice, Procurement, SpendUpload
from tests.concurrency import in_thread, shared_database
from tests.evidence.test_views import job_page, upload, url
from tests.factories import make_organisation

RELEASE = {"ocid": "ocds-attack-1", "id": "1", "date": "2024-06-01T00:00:00Z", "buyer": {"name": "Nobody"}}
SPEND_HEADER = b"Paid Date,Amount,Supplier Name\n"


def zipped(name: str, chunks, count: int) -> bytes:
    """A zip archive of one member made of `count` copies of `chunks` (written as it goes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(name, "w", force_zip64=True) as member:
            for _ in range(count):
                member.write(chunks)
    return buffer.getvalue()


def refused(data: bytes, name: str) -> list[str]:
    with pytest.raises(ocds.OcdsError) as error:
        services.import_ocds(stream=io.BytesIO(data), name=name)
    return error.value.problems


def nothing_stored() -> None:
    assert not Procurement.objects.exists() and not Notice.objects.exists()
    assert not EvidenceImport.objects.filter(kind=EvidenceImport.Kind.OCDS).exists()


# --- what a file may unpack to ----------------------------------------------------------------


def test_a_zip_bomb_of_notices_is_refused_while_it_is_unpacked(client, camden, lead):
    """About 300 KB that unpacks to 300 MB (the header may say anything): refused at upload once
    more than the 200 MB limit has come out, and nothing is kept."""
    bomb = zipped("notices.json", b" " * (1 << 20), 300)
    assert len(bomb) < 1 << 20
    client.force_login(lead)
    response = upload(client, camden, bomb, "notices.zip", "upload-notices")
    assert response.status_code == 200
    assert "notices.zip (notices.json) is larger than 200 MB" in response.content.decode()
    assert not camden.jobs.exists()


def test_a_zip_bomb_given_to_the_command_line_is_refused_while_it_is_unpacked(tmp_path, db):
    path = tmp_path / "notices.zip"
    path.write_bytes(zipped("notices.jsonl", (json.dumps(RELEASE) + "\n").encode() * 1000, 20))
    meter_limits = files.Meter(None, None, limits=type(LIMITS)(unpacked_bytes=1 << 20))
    opener, shown = files.path_opener(path, services.OCDS_SUFFIXES)
    meter_limits.next(opener.size, shown)
    with opener() as stream, pytest.raises(files.FileProblem) as error:
        services._import_ocds(stream=stream, name=shown, organisation=None, user=None, meter=meter_limits)
    assert error.value.problems == [
        "notices.zip (notices.jsonl) unpacks to more than 1 MB, the limit for one file: split it (by year or quarter) "
        "and import each part."
    ]
    nothing_stored()


# --- a string, a line, blank lines, nesting ---------------------------------------------------


def test_a_long_string_is_refused_as_it_is_read_not_parsed_for_ever(db):
    data = b'{"releases": [{"ocid": "' + b"a" * (64 << 20) + b'", "id": "1"}]}'
    assert refused(data, "long.json") == [
        "long.json, line 1: a text value is longer than 1 MB, the limit for one value. "
        "This is not the OCDS data we can import."
    ]
    nothing_stored()


def test_a_long_string_of_escaped_quotes_is_refused_too(db):
    data = b'{"ocid": "' + b'\\"' * (8 << 20) + b'", "id": "1", "date": "2024-06-01T00:00:00Z"}'
    assert "a text value is longer than 1 MB" in refused(data, "quotes.json")[0]


def test_a_long_line_of_json_lines_is_refused(db):
    line = json.dumps([RELEASE] * 200_000).encode()  # short strings, but one line of 19 MB
    data = (json.dumps(RELEASE) + "\n").encode() + line + b"\n"
    assert refused(data, "wide.jsonl") == [
        "wide.jsonl, line 2 is longer than 16 MB, the limit for one line (one release). "
        "This is not the OCDS data we can import."
    ]


def test_blank_lines_by_the_megabyte_are_refused(db):
    data = (json.dumps(RELEASE) + "\n").encode() + b"\n" * (3 << 20) + (json.dumps(RELEASE) + "\n").encode()
    problems = refused(data, "blank.jsonl")
    assert problems == [
        "blank.jsonl, after line 1: more than 1 MB of blank space (or blank lines) in a row. "
        "This is not the OCDS data we can import."
    ]
    nothing_stored()


@pytest.mark.parametrize("opening, closing", [(b'{"a":', b"}"), (b"[", b"]")])
def test_notices_nested_100000_deep_are_refused_with_their_line(db, opening, closing):
    deep = opening * 100_000 + b"1" + closing * 100_000
    data = b'{"releases": [\n' + json.dumps(RELEASE).encode() + b",\n" + deep + b"\n]}"
    assert refused(data, "deep.json") == [
        "deep.json, line 3: the JSON is nested more than 64 levels deep, the limit (OCDS data nests about ten deep). "
        "This is not the OCDS data we can import."
    ]
    nothing_stored()


def test_a_folder_import_goes_on_past_a_file_nested_too_deep(tmp_path, db):
    (tmp_path / "a-deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (tmp_path / "b-good.jsonl").write_text(json.dumps(RELEASE) + "\n", encoding="utf-8")
    outcomes = dict(services.import_ocds_path(path=tmp_path))
    assert isinstance(outcomes["a-deep.json"], ocds.OcdsError)
    assert "a-deep.json, line 1: the JSON is nested more than 64 levels deep" in outcomes["a-deep.json"].problems[0]
    assert outcomes["b-good.jsonl"].stored == 1
    assert list(Procurement.objects.values_list("ocid", flat=True)) == ["ocds-attack-1"]


def test_too_deep_notices_uploaded_on_the_web_are_refused_on_the_job_page(client, camden, lead):
    client.force_login(lead)
    page = job_page(client, upload(client, camden, b"[" * 100_000 + b"]" * 100_000, "deep.json", "upload-notices"))
    assert "There is a problem" in page and "deep.json, line 1: the JSON is nested more than 64 levels deep" in page
    nothing_stored()


# --- spend files --------------------------------------------------------------------------------


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_a_spend_file_with_a_byte_of_no_encoding_is_refused_at_upload_naming_its_row(client, camden, lead, byte):
    data = SPEND_HEADER + b"01/05/2024,100,Caf\xe9 Ltd\n" + b"02/05/2024,200,Odd " + bytes([byte]) + b" Ltd\n"
    client.force_login(lead)
    response = upload(client, camden, data, "odd.csv")
    assert response.status_code == 200
    assert (
        f"odd.csv, row 3: the byte 0x{byte:02X} is not a character in UTF-8 or in Windows-1252"
        in response.content.decode()
    )
    assert not SpendUpload.objects.exists()


def test_a_spend_file_whose_bad_byte_is_past_the_header_is_refused_when_read(tmp_path, camden):
    """The header and first rows read as Windows-1252; row 5,000 has a byte that is neither."""
    rows = b"".join(b"01/05/2024,%d,Supplier %d\n" % (n, n) for n in range(2, 5000))
    path = tmp_path / "late.csv"
    path.write_bytes(SPEND_HEADER + b"01/05/2024,1,Caf\xe9\n" + rows + b"01/05/2024,9,Odd \x8f\n")
    with pytest.raises(csv_reading.SpendError) as error:
        services.import_spend_path(organisation=camden, path=path)
    assert error.value.problems[0].startswith("late.csv, row 5001: the byte 0x8F is not a character")
    assert not camden.spend_lines.exists()


def test_a_spend_line_without_end_is_refused(tmp_path, camden):
    path = tmp_path / "endless.csv"
    path.write_bytes(SPEND_HEADER + b"01/05/2024,1," + b"x" * (17 << 20))
    with pytest.raises(csv_reading.SpendError) as error:
        services.import_spend_path(organisation=camden, path=path)
    assert error.value.problems == [
        "endless.csv, row 2 is longer than 16 MB, the limit for one row: this is not a spend file we can read."
    ]


# --- uploads too large, refused before they are read -----------------------------------------


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise AssertionError("the body of a request too large was read")


@pytest.mark.parametrize("page, limit", [("upload-notices", 200), ("upload-spend", 200), ("upload-grants", 20)])
def test_an_upload_above_the_limit_is_refused_from_its_content_length(client, camden, lead, page, limit):
    client.force_login(lead)
    response = client.generic(
        "POST",
        url(page, camden),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str((limit + 2) << 20),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    page_text = response.content.decode()
    assert "The file is too large" in page_text and f"must be smaller than {limit} MB" in page_text
    assert not camden.jobs.exists()


def test_other_pages_take_no_large_body(client, lead, camden):
    client.force_login(lead)
    response = client.generic(
        "POST",
        f"/organisations/{camden.slug}/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(50 << 20),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


def test_an_upload_within_the_limit_is_read(client, camden, lead):
    client.force_login(lead)
    response = client.post(
        url("upload-notices", camden), {"file": SimpleUploadedFile("n.jsonl", json.dumps(RELEASE).encode())}
    )
    assert response.status_code == 302


# --- the write lock -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_another_councils_save_goes_through_while_notices_are_imported(tmp_path):
    """On SQLite, in WAL mode: while the import is part-way through reading its file, another
    organisation's save (a write transaction of its own, on a connection of its own) is stored,
    rather than waiting for the import and failing with "database is locked"."""
    other = make_organisation(name="Elsewhere")
    tender = {"title": "A long enough title " * 50}  # 3,000 notices of 1 KB: several reads of the file
    data = "".join(
        json.dumps({**RELEASE, "ocid": f"ocds-attack-{n}", "tender": tender}) + "\n" for n in range(3000)
    ).encode()
    saves: list[object] = []

    def save_elsewhere() -> None:
        try:
            with transaction.atomic():
                type(other).objects.filter(pk=other.pk).update(name="Elsewhere, saved while an import ran")
            saves.append("saved")
        except Exception as error:
            saves.append(error)
        finally:
            connections.close_all()

    def progress(done: int, total: int | None) -> None:
        if not saves and done < (total or 0):  # part-way through reading: save from elsewhere, and wait
            other_thread = threading.Thread(target=save_elsewhere)
            other_thread.start()
            other_thread.join(timeout=60)

    options = connection.settings_dict.setdefault("OPTIONS", {})
    waited = options.get("timeout")
    if connection.vendor == "sqlite":
        options["timeout"] = 2  # a save that waits for the import's lock fails soon
    try:
        with shared_database(tmp_path):
            result = in_thread(
                lambda: services.import_ocds(
                    stream=io.BytesIO(data), name="many.jsonl", progress=progress, batch_size=100
                )
            )
            stored = in_thread(lambda: (Procurement.objects.count(), type(other).objects.get(pk=other.pk).name))
    finally:
        if connection.vendor == "sqlite":
            options["timeout"] = waited
    assert saves == ["saved"]
    assert result.stored == 3000
    assert stored == (3000, "Elsewhere, saved while an import ran")
