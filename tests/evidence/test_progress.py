"""Every import reports its progress as (bytes read, size), a few times a second at most, from a
plain function call (no request): the contract the background jobs build on."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from maturity.evidence import files, services
from tests.evidence.helpers import OXFORD, TRAFFORD_GRANTS, needs, trafford_slice
from tests.factories import make_organisation


class Recorder:
    """A progress callback that keeps every call, with a clock that moves on only when told."""

    def __init__(self):
        self.calls: list[tuple[int, int | None]] = []

    def __call__(self, done: int, total: int | None) -> None:
        self.calls.append((done, total))


@pytest.fixture
def trafford(db):
    return make_organisation("Trafford", type="metropolitan-district", region="North West", gss_code="E08000009")


@pytest.fixture
def clock(monkeypatch):
    """Time that passes 0.01 s each time it is read: 25 readings make a quarter of a second."""
    now = [1000.0]

    def monotonic() -> float:
        now[0] += 0.01
        return now[0]

    monkeypatch.setattr(files.time, "monotonic", monotonic)
    return now


def releases(count: int) -> bytes:
    return "\n".join(
        json.dumps(
            {
                "ocid": f"ocds-p-{n}",
                "id": "1",
                "date": "2025-05-01T00:00:00Z",
                "buyer": {"name": "Trafford Council"},
                "tender": {"title": "x" * 2000},
            }
        )
        for n in range(count)
    ).encode()


def assert_reported_whole(calls: list[tuple[int, int | None]], size: int) -> None:
    done = [d for d, _ in calls]
    assert done == sorted(done), "progress never goes back"
    assert calls[-1] == (size, size), "the last call says the whole file was read"
    assert {total for _, total in calls} == {size}


def test_an_ocds_file_reports_bytes_read_of_its_size(trafford):
    content = releases(3000)  # about 6 MB, read a megabyte at a time
    recorder = Recorder()
    services.import_ocds(stream=io.BytesIO(content), name="p.jsonl", progress=recorder)
    assert_reported_whole(recorder.calls, len(content))
    assert len(recorder.calls) >= 2


def test_progress_is_reported_a_few_times_a_second_at_most(trafford, clock):
    content = releases(3000)
    recorder = Recorder()
    started = clock[0]
    services.import_ocds(stream=io.BytesIO(content), name="p.jsonl", progress=recorder, batch_size=100)
    elapsed = clock[0] - started
    # One call per quarter of a second, and the last one to say it is done.
    assert len(recorder.calls) <= elapsed / files.PROGRESS_INTERVAL + 2


def test_a_folder_reports_the_bytes_of_all_its_files_unpacked(trafford, tmp_path):
    plain = releases(500)
    (tmp_path / "a.jsonl").write_bytes(plain)
    with zipfile.ZipFile(tmp_path / "b.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("b.jsonl", releases(700).replace(b"ocds-p-", b"ocds-q-"))
    (tmp_path / "c.json").write_bytes(b"not json")  # a faulty file still counts as read
    recorder = Recorder()
    outcomes = services.import_ocds_path(path=tmp_path, progress=recorder)
    assert [isinstance(outcome, services.OcdsResult) for _, outcome in outcomes] == [True, True, False]
    assert_reported_whole(recorder.calls, len(plain) + len(releases(700)) + len(b"not json"))


@needs(OXFORD)
def test_a_spend_file_reports_progress_from_the_command_line_path_and_the_upload(trafford, tmp_path):
    path = OXFORD / "expenditure-over-500-oct-dec-2016.csv"
    recorder = Recorder()
    services.import_spend_path(organisation=trafford, path=path, progress=recorder)
    assert_reported_whole(recorder.calls, path.stat().st_size)

    content = trafford_slice(3000)
    upload = services.start_spend_upload(
        organisation=trafford, source=io.BytesIO(content), file_name="t.csv", user=None
    )
    recorder = Recorder()
    services.import_spend_upload(upload=upload, mapping=upload.mapping, progress=recorder)
    assert_reported_whole(recorder.calls, len(content))


@needs(TRAFFORD_GRANTS)
def test_a_grants_file_reports_progress(trafford):
    opener, name = files.path_opener(TRAFFORD_GRANTS, services.SPEND_SUFFIXES)
    recorder = Recorder()
    record = services.import_grants(organisation=trafford, opener=opener, file_name=name, progress=recorder)
    assert_reported_whole(recorder.calls, TRAFFORD_GRANTS.stat().st_size)
    assert record.sha256 == files.sha256_of(opener)
