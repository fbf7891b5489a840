"""The limits on rows and on time (limits.py), each refused with the file and the limit; the others
are played as attacks in test_attacks.py. Small limits stand in for the real ones (ten million
rows, an hour), which a test could not reach."""

from __future__ import annotations

import io
import json

import pytest

from maturity.evidence import csv_reading, files, ocds, services
from maturity.evidence.limits import LIMITS, Limits, duration, megabytes

RELEASE = {"ocid": "ocds-limit-1", "id": "1", "date": "2024-06-01T00:00:00Z"}


def test_a_spend_file_with_more_rows_than_the_limit_is_refused():
    data = b"Paid Date,Amount,Supplier Name\n" + b"01/05/2024,100,Acme\n" * 6
    with pytest.raises(csv_reading.SpendError) as error:
        list(csv_reading.csv_rows(io.BytesIO(data), "utf-8-sig", "many.csv", limits=Limits(rows=5)))
    assert error.value.problems == [
        "many.csv has more than 5 rows, the limit for one file: split it (by year or quarter) and import each part."
    ]


def test_a_notices_file_with_more_releases_than_the_limit_is_refused():
    data = "".join(json.dumps({**RELEASE, "ocid": f"ocds-limit-{n}"}) + "\n" for n in range(3)).encode()
    with pytest.raises(ocds.OcdsError) as error:
        list(ocds.read_releases(io.BytesIO(data), name="many.jsonl", limits=Limits(rows=2)))
    assert error.value.problems == [
        "many.jsonl has more than 2 releases, the limit for one file: split it "
        "(by year or quarter) and import each part."
    ]


def test_a_file_whose_reading_takes_longer_than_the_limit_is_refused(db):
    meter = files.Meter(None, None, limits=Limits(seconds=0))
    meter.next(None, "slow.jsonl")
    data = (json.dumps(RELEASE) + "\n").encode()
    with pytest.raises(files.FileProblem) as error:
        services._import_ocds(stream=io.BytesIO(data), name="slow.jsonl", organisation=None, user=None, meter=meter)
    assert error.value.problems == [
        "slow.jsonl took longer than 0 seconds to read, the limit for one file: split it "
        "(by year or quarter) and import each part."
    ]


def test_the_limits_read_as_people_say_them():
    assert (megabytes(LIMITS.value_bytes), megabytes(LIMITS.line_bytes), duration(LIMITS.seconds)) == (
        "1 MB",
        "16 MB",
        "60 minutes",
    )
