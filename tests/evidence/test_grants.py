"""Reading a 360Giving grants file: the real Trafford list and the bad files."""

from __future__ import annotations

import csv
import io

import pytest

from maturity.evidence import grants
from tests.evidence.helpers import TRAFFORD_GRANTS, name_key, needs


def read(data: bytes) -> list[grants.Recipient]:
    return grants.read_recipients(lambda: io.BytesIO(data), name="grants.csv")


@needs(TRAFFORD_GRANTS)
def test_the_trafford_grant_list_gives_one_entry_per_recipient():
    found = grants.read_recipients(lambda: TRAFFORD_GRANTS.open("rb"))
    rows = list(csv.DictReader(TRAFFORD_GRANTS.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 555
    assert {r.key for r in found} == {name_key(row["Recipient Org:Name"]) for row in rows}
    charities = {r.key: r.charity_number for r in found}
    assert charities[name_key("Cyril Flint Befrienders")] == "1146179"


def test_a_file_without_recipients_is_refused():
    with pytest.raises(grants.GrantsError) as caught:
        read(b"Identifier,Title\n360G-1,Grant\n")
    assert "not a 360Giving grants file" in caught.value.problems[0]
    with pytest.raises(grants.GrantsError):
        read(b"")
    with pytest.raises(grants.GrantsError) as caught:
        read(b"Identifier,Recipient Org:Name\n360G-1,\n")
    assert caught.value.problems == ["grants.csv, row 2: the recipient has no name."]
