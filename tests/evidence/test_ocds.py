"""Reading OCDS files: every shape, both versions, in flat memory; and the bad files."""

from __future__ import annotations

import datetime
import io
import json

import pytest

from maturity.evidence import ocds
from tests.evidence.helpers import OCDS_2016, OCDS_2017, OCDS_2025, all_releases, needs, ocds_files


def read(data: bytes | str, name: str = "f.json") -> list[ocds.Release]:
    if isinstance(data, str):
        data = data.encode()
    return list(ocds.read_releases(io.BytesIO(data), name=name))


def problems(data: bytes | str, name: str = "f.json") -> list[str]:
    with pytest.raises(ocds.OcdsError) as caught:
        read(data, name)
    return caught.value.problems


def release(ocid="ocds-x-1", rid="1", date="2024-05-01T10:00:00Z", **fields) -> dict:
    return {"ocid": ocid, "id": rid, "date": date, "tag": ["tender"], **fields}


@needs(OCDS_2016, OCDS_2017, OCDS_2025)
def test_every_real_file_reads_with_the_releases_plain_json_finds():
    expected = all_releases()
    found = []
    for path in ocds_files():
        with path.open("rb") as stream:
            found.extend(ocds.read_releases(stream, name=path.name))
    assert len(found) == len(expected) == 233
    assert sorted((r.ocid, r.id) for r in found) == sorted((r["ocid"], str(r["id"])) for r in expected)


@needs(OCDS_2016)
def test_a_release_package_of_ocds_1_0_gives_its_buyer_and_older_flags():
    path = next(OCDS_2016.glob("*nottscc*"))
    (found,) = ocds.read_releases(path.open("rb"))
    document = json.loads(path.read_text())["releases"][0]
    assert found.buyer_name == document["buyer"]["name"]
    assert found.tender["sme"] is document["tender"]["xClassifications"]["isSuitableForSme"]
    assert found.tender["vcse"] is document["tender"]["xClassifications"]["isSuitableForVco"]
    assert found.date == datetime.datetime(2014, 12, 17, 16, 45, 9, tzinfo=datetime.UTC)


@needs(OCDS_2025)
def test_a_1_1_award_gives_the_suppliers_size_and_vcse_status_from_the_parties():
    (found,) = ocds.read_releases(OCDS_2025.open("rb"))
    assert found.buyer_name == "North Yorkshire Council"
    assert found.tender["method"] == "direct"
    assert (found.tender["sme"], found.tender["vcse"]) == (True, False)
    (award,) = found.awards
    assert (award.amount, award.sme, award.vcse, award.date) == (75000.0, True, False, datetime.date(2024, 12, 31))


@needs(OCDS_2017)
def test_a_record_gives_its_embedded_releases():
    path = next((OCDS_2017 / "records").glob("*.json"))
    document = json.loads(path.read_text())
    found = list(ocds.read_releases(path.open("rb")))
    assert [r.id for r in found] == [r["id"] for r in document["releases"]]


def test_a_record_package_with_linked_releases_gives_the_compiled_release():
    package = {
        "records": [
            {
                "ocid": "ocds-x-1",
                "releases": [{"url": "http://x", "date": "2024-01-01T00:00:00Z"}],
                "compiledRelease": release(rid="compiled"),
            }
        ]
    }
    assert [r.id for r in read(json.dumps(package))] == ["compiled"]


def test_a_single_record_with_only_linked_releases_gives_the_compiled_release():
    record = {"ocid": "ocds-x-1", "releases": [{"url": "http://x"}], "compiledRelease": release(rid="compiled")}
    assert [r.id for r in read(json.dumps(record, indent=1))] == ["compiled"]


def test_json_lines_and_arrays_and_single_releases_are_read():
    lines = "\n".join(json.dumps(release(ocid=f"ocds-x-{n}")) for n in range(3)) + "\n"
    assert [r.ocid for r in read(lines, "f.jsonl")] == ["ocds-x-0", "ocds-x-1", "ocds-x-2"]
    assert len(read(json.dumps([release(), release(rid="2")], indent=2))) == 2
    assert len(read(json.dumps(release(), indent=2))) == 1
    assert len(read(b"\xef\xbb\xbf" + json.dumps({"releases": [release()]}, indent=2).encode())) == 1


def test_a_package_is_streamed_not_loaded_whole(monkeypatch):
    calls = []
    real = ocds.ijson.items
    monkeypatch.setattr(ocds.ijson, "items", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    package = json.dumps({"uri": "x", "releases": [release(rid=str(n)) for n in range(50)]}, indent=1)
    assert len(read(package)) == 50
    assert calls == ["releases.item"]


def test_the_supplier_size_is_unknown_unless_every_supplier_says():
    parties = [{"id": "a", "details": {"scale": "large"}}, {"id": "b"}]
    award = {"id": "1", "suppliers": [{"id": "a"}, {"id": "b"}], "value": {"amount": 10, "currency": "GBP"}}
    (found,) = read(json.dumps(release(parties=parties, awards=[award])))
    assert found.awards[0].sme is None
    parties[1]["details"] = {"scale": "micro", "vcse": True}
    (found,) = read(json.dumps(release(parties=parties, awards=[award])))
    assert (found.awards[0].sme, found.awards[0].vcse) == (True, True)


def test_amounts_in_another_currency_are_left_out():
    award = {"id": "1", "value": {"amount": 10, "currency": "EUR"}}
    (found,) = read(json.dumps(release(awards=[award])))
    assert found.awards[0].amount is None


def test_releases_of_one_procurement_merge_latest_first_field_by_field():
    older = ocds.summarise(
        release(
            rid="1",
            date="2024-01-01T00:00:00Z",
            tender={"title": "Old", "procurementMethod": "open", "numberOfTenderers": 3},
            awards=[{"id": "a", "status": "pending", "value": {"amount": 5}}],
        )
    )
    newer = ocds.summarise(
        release(rid="2", date="2024-02-01T00:00:00Z", tender={"title": "New"}, awards=[{"id": "a", "status": "active"}])
    )
    for order in ([older, newer], [newer, older]):
        state = None
        for each in order:
            state = ocds.merge(state, each)
        fields = ocds.procurement_fields(state)
        assert (fields["title"], fields["procurement_method"], fields["number_of_tenderers"]) == ("New", "open", 3)
        (award,) = ocds.award_fields(state)
        assert (award["status"], award["amount"], award["date"]) == ("active", 5, datetime.date(2024, 1, 1))


def test_cancelled_awards_are_not_counted():
    state = ocds.merge(None, ocds.summarise(release(awards=[{"id": "a", "status": "cancelled"}, {"id": "b"}])))
    assert [a["award_id"] for a in ocds.award_fields(state)] == ["b"]


# --- bad files ------------------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert problems(b"") == ["f.json is empty."]
    assert problems(b"  \n\n ") == ["f.json is empty."]


def test_malformed_json_is_refused_with_its_line():
    text = '{"releases": [\n' + json.dumps(release()) + ',\n{"ocid": "x" "id": 2}\n]}'
    (problem,) = problems(text)
    assert problem.startswith("f.json, line 3") and "malformed" in problem


def test_malformed_json_lines_are_refused_with_their_line():
    text = json.dumps(release()) + "\n" + json.dumps(release(rid="2")) + "\n{broken\n"
    (problem,) = problems(text, "f.jsonl")
    assert problem.startswith("f.jsonl, line 3, character 2")


def test_a_file_cut_short_is_refused():
    (problem,) = problems('{"releases": [\n' + json.dumps(release()))
    assert "ends too early" in problem


def test_the_wrong_encoding_is_refused():
    assert "not UTF-8" in problems(json.dumps({"releases": [release()]}).encode("utf-16"))[0]
    latin = ('{"releases": [\n' + json.dumps(release(tender={"title": "Caf\u00e9"}), ensure_ascii=False) + "]}").encode(
        "latin-1"
    )
    (problem,) = problems(latin)
    assert problem.startswith("f.json, line 2") and "not UTF-8" in problem


def test_json_that_is_not_ocds_is_refused():
    assert "not OCDS" in problems(json.dumps({"grants": [{"id": 1}]}, indent=1))[0]
    assert "not OCDS" in problems('{"grants": []}\n')[0]
    assert "is not JSON" in problems("Date,Amount\n2024-01-01,5\n", "spend.csv")[0]


def test_releases_missing_what_every_release_has_are_listed_by_position():
    package = {"releases": [release(), release(rid="2", date="yesterday"), {"ocid": "ocds-x-1", "date": "2024-01-01"}]}
    found = problems(json.dumps(package, indent=1))
    assert found == [
        "f.json, release 2: the release 2 of ocds-x-1 has no valid date ('yesterday')",
        "f.json, release 3: the release of ocds-x-1 has no id",
    ]


def test_a_package_without_releases_is_refused():
    assert "has no releases" in problems(json.dumps({"uri": "x", "releases": []}, indent=1))[0]
