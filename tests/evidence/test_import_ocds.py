"""Importing procurement notices: the real Contracts Finder files, matched to the real register."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from maturity.evidence import ocds, services
from maturity.evidence.indicators import financial_year
from maturity.evidence.models import Award, BuyerMapping, EvidenceImport, Notice, Procurement
from maturity.evidence.selectors import ocds_years
from tests.evidence.helpers import OCDS_2016, OCDS_2017, OCDS_2025, SHARED_DATA, all_releases, needs

pytestmark = needs(OCDS_2016, OCDS_2017, OCDS_2025)


def import_all():
    for folder in sorted(SHARED_DATA.glob("ocds_*")):
        call_command("evidence", "import-ocds", str(folder), stdout=io.StringIO())


def import_as_one_file():
    """Every real release in one JSON Lines file: quicker than a folder of 233 files."""
    lines = "\n".join(json.dumps(r) for r in all_releases())
    services.import_ocds(stream=io.BytesIO(lines.encode()), name="all.jsonl")


def date_of(release: dict) -> datetime.datetime:
    return datetime.datetime.fromisoformat(release["date"].replace("Z", "+00:00"))


def test_every_release_is_stored_once_and_merged_by_ocid(register):
    import_all()
    releases = all_releases()
    assert Procurement.objects.count() == len({r["ocid"] for r in releases})
    assert Notice.objects.count() == len({(r["ocid"], str(r["id"]), date_of(r)) for r in releases})


def test_importing_again_changes_nothing(register):
    import_as_one_file()
    before = (
        Procurement.objects.count(),
        Notice.objects.count(),
        Award.objects.count(),
        EvidenceImport.objects.count(),
        list(Procurement.objects.order_by("ocid").values_list("ocid", "organisation_id", "merged")),
    )
    import_as_one_file()
    after = (
        Procurement.objects.count(),
        Notice.objects.count(),
        Award.objects.count(),
        EvidenceImport.objects.count(),
        list(Procurement.objects.order_by("ocid").values_list("ocid", "organisation_id", "merged")),
    )
    assert after == before


def test_buyers_are_matched_to_the_register_by_name(register):
    import_as_one_file()
    expected = {
        "Nottingham City Council": "NGM",
        "Doncaster MBC": "DNC",
        "London Borough of Redbridge": "RDB",
        "Stockport Metropolitan Borough Council": "SKP",
        "Bath and North East Somerset Council": "BAS",
        "North Yorkshire Council": "NYE",
    }
    for name, code in expected.items():
        buyers = set(Procurement.objects.filter(buyer_name=name).values_list("organisation__register_code", flat=True))
        assert buyers == {code}, name
    assert not Procurement.objects.filter(buyer_name="Met Office", organisation__isnull=False).exists()
    assert set(BuyerMapping.objects.filter(status="unmatched").values_list("name", flat=True)) >= {
        "Spend Network",
        "Met Office",
    }


def test_the_notice_indicators_match_plain_json(register):
    import_as_one_file()
    nottingham = register["NGM"]
    mine = [r for r in all_releases() if (r.get("buyer") or {}).get("name") == "Nottingham City Council"]
    notices = Counter(financial_year(date_of(r).date()) for r in mine)
    flagged = [r["tender"]["xClassifications"]["isSuitableForSme"] for r in mine]
    (year,) = ocds_years(nottingham)
    assert {year.year: year.figures["notices-published"].value} == dict(notices)
    suitable = year.figures["tenders-suitable-for-smes"]
    assert (suitable.count, suitable.numerator, suitable.enough) == (len(flagged), sum(flagged), len(flagged) >= 5)
    assert suitable.text == f"{100 * sum(flagged) / len(flagged):.1f}%"
    assert year.figures["open-procedures"].text == "Too little data"  # Contracts Finder 2014 gives no procedure


def test_awards_give_their_value_and_say_when_too_few_to_share(register):
    import_as_one_file()
    (year,) = ocds_years(register["NYE"])
    award = json.loads(OCDS_2025.read_text())["awards"][0]
    assert year.year == 2024
    assert year.figures["awards"].value == 1
    assert year.figures["award-value"].text == f"£{award['value']['amount']:,}"
    assert year.figures["awards-to-smes"].text == "Too little data"
    assert year.figures["awards-to-smes"].count == 1


def test_a_buyer_mapped_by_the_national_team_is_remembered(register, tmp_path):
    import_as_one_file()
    mapping = BuyerMapping.objects.get(key="name:spend network")
    nottinghamshire = register["NTT"]
    moved = services.map_buyer(mapping=mapping, organisation=nottinghamshire, user=None)
    assert moved == Procurement.objects.filter(buyer_name="Spend Network").count() > 0
    assert set(Procurement.objects.filter(buyer_name="Spend Network").values_list("organisation", flat=True)) == {
        nottinghamshire.pk
    }
    later = {
        "releases": [
            {"ocid": "ocds-new-1", "id": "1", "date": "2025-05-01T00:00:00Z", "buyer": {"name": "SPEND NETWORK"}}
        ]
    }
    services.import_ocds(stream=io.BytesIO(json.dumps(later).encode()), name="later.json")
    assert Procurement.objects.get(ocid="ocds-new-1").organisation == nottinghamshire
    services.map_buyer(mapping=BuyerMapping.objects.get(key="name:met office"), organisation=None, user=None)
    assert BuyerMapping.objects.get(key="name:met office").status == "ignored"


def test_a_buyer_identified_by_gss_or_register_code_is_matched_whatever_its_name(register):
    releases = [
        {
            "ocid": "ocds-id-1",
            "id": "1",
            "date": "2025-05-01T00:00:00Z",
            "buyer": {"name": "Procurement Team", "identifier": {"scheme": "GB-LAE", "id": "TRF"}},
        },
        {
            "ocid": "ocds-id-2",
            "id": "1",
            "date": "2025-05-01T00:00:00Z",
            "parties": [
                {
                    "id": "p",
                    "name": "Shared service",
                    "roles": ["buyer"],
                    "identifier": {"scheme": "GB-GSS", "id": "E08000009"},
                }
            ],
        },
    ]
    services.import_ocds(stream=io.BytesIO(json.dumps({"releases": releases}).encode()), name="ids.json")
    assert set(Procurement.objects.values_list("organisation__register_code", flat=True)) == {"TRF"}


def test_a_lead_keeps_only_their_own_organisations_notices(register):
    lines = "\n".join(
        json.dumps(r) for path in sorted(OCDS_2016.glob("*.json")) for r in json.loads(path.read_text())["releases"]
    )
    result = services.import_ocds(stream=io.BytesIO(lines.encode()), name="all.jsonl", organisation=register["NGM"])
    assert result.stored == 5
    assert set(Procurement.objects.values_list("organisation__register_code", flat=True)) == {"NGM"}
    assert sum(result.other_buyers.values()) + sum(result.unmatched.values()) == 200 - 5


def test_a_faulty_file_stores_nothing_even_after_a_first_batch(register):
    good = [
        {"ocid": f"ocds-b-{n}", "id": "1", "date": "2025-05-01T00:00:00Z", "buyer": {"name": "Trafford Council"}}
        for n in range(1500)
    ]
    package = json.dumps({"releases": [*good, {"ocid": "ocds-b-x", "id": "1"}]}, indent=1)
    with pytest.raises(ocds.OcdsError) as caught:
        services.import_ocds(stream=io.BytesIO(package.encode()), name="big.json", batch_size=1000)
    assert caught.value.problems == ["big.json, release 1501: the release 1 of ocds-b-x has no valid date (None)"]
    assert (
        Procurement.objects.count(),
        Notice.objects.count(),
        EvidenceImport.objects.count(),
        BuyerMapping.objects.count(),
    ) == (0, 0, 0, 0)


def test_the_command_reports_each_faulty_file_and_imports_the_others(register, tmp_path):
    (tmp_path / "good.json").write_text(json.dumps({"ocid": "ocds-c-1", "id": "1", "date": "2025-05-01T00:00:00Z"}))
    (tmp_path / "bad.json").write_text('{"releases": [\n{"ocid": 1,}\n]}')
    (tmp_path / "empty.jsonl").write_text("")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 files were not imported"):
        call_command("evidence", "import-ocds", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "bad.json, line 2" in err.getvalue() and "empty.jsonl is empty." in err.getvalue()
    assert list(Procurement.objects.values_list("ocid", flat=True)) == ["ocds-c-1"]


@pytest.mark.parametrize("shape", ["lines", "package"])
def test_the_import_records_the_sha256_of_the_whole_file(register, shape):
    """The digest is worked out as the file is read, and readers look at its start and go back:
    it must still be the digest of every byte, once, in order (here with trailing spaces that no
    reader needs)."""
    releases = all_releases()[:40]
    if shape == "lines":
        content = "\n".join(json.dumps(r) for r in releases).encode() + b"\n" * 3
    else:
        content = json.dumps({"uri": "x", "releases": releases}, indent=1).encode() + b" " * 5000
    result = services.import_ocds(stream=io.BytesIO(content), name=f"all.{shape}")
    assert result.evidence_import.sha256 == hashlib.sha256(content).hexdigest()


def test_small_batches_store_what_one_batch_stores(register):
    """Keys for new procurements are taken a few batches at a time: with batches of 7 releases,
    one to four to a procurement, they run out part way through a batch again and again, and every
    procurement and release must still be stored once."""
    sizes = [1 + (n * n) % 4 for n in range(120)]  # releases per procurement, unevenly
    ocids = [f"ocds-t-{n}" for n, size in enumerate(sizes) for _ in range(size)]
    releases = [
        {
            "ocid": ocid,
            "id": str(n),
            "date": f"2025-05-{1 + n % 28:02d}T00:00:00Z",
            "buyer": {"name": "Trafford Council"},
            "tender": {"title": f"Contract {ocid}"},
        }
        for n, ocid in enumerate(ocids)
    ]
    lines = "\n".join(json.dumps(r) for r in releases).encode()
    services.import_ocds(stream=io.BytesIO(lines), name="small.jsonl", batch_size=7)
    small = sorted(
        Procurement.objects.values_list("ocid", "title", "organisation__register_code", "notices__release_id")
    )
    Procurement.objects.all().delete()
    services.import_ocds(stream=io.BytesIO(lines), name="one.jsonl", batch_size=10_000)
    assert small == sorted(
        Procurement.objects.values_list("ocid", "title", "organisation__register_code", "notices__release_id")
    )
    assert len(small) == Notice.objects.count() == len(ocids) and Procurement.objects.count() == 120
