"""The one validated path from a framework file to data, and back."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from maturity.frameworks import loader
from maturity.frameworks.models import Area, Framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return loader.read(loader.bundled_path())


def test_the_bundled_framework_is_valid_with_three_themes_ten_key_areas_and_four_enablers(document):
    assert loader.validate(document) == []
    themes = [s for s in document["sections"] if s["kind"] == "theme"]
    enablers = [s for s in document["sections"] if s["kind"] == "enablers"]
    assert len(themes) == 3 and sum(len(s["areas"]) for s in themes) == 10
    assert len(enablers) == 1 and len(enablers[0]["areas"]) == 4
    assert [level["name"] for level in document["levels"]] == ["Minimum", "Developing", "Mature", "Leader", "Innovator"]


def test_loading_twice_changes_nothing(document):
    first = loader.load(document)
    area_ids = sorted(Area.objects.values_list("pk", flat=True))
    second = loader.load(loader.read(loader.bundled_path()))
    assert (first.outcome, second.outcome) == ("created", "unchanged")
    assert sorted(Area.objects.values_list("pk", flat=True)) == area_ids
    assert Framework.objects.count() == 1


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_export_loads_back_unchanged(document, fmt):
    framework = loader.load(document).framework
    exported = loader.dump(loader.export(framework), fmt)
    again = loader.parse(exported, as_json=fmt == "json")
    assert loader.load(again).outcome == "unchanged"
    assert loader.export(framework) == again


def test_the_json_export_has_the_published_shape(document):
    framework = loader.load(document).framework
    data = json.loads(loader.dump(loader.export(framework), "json"))
    assert {"key", "version", "title", "levels", "sections"} <= data.keys()
    assert data["levels"][0] == {"number": 1, "name": "Minimum"}
    section = data["sections"][0]
    assert {"key", "title", "kind", "areas"} <= section.keys()
    area = section["areas"][0]
    assert {"key", "title", "description", "what_it_is", "why_it_matters", "levels"} <= area.keys()
    assert [level["number"] for level in area["levels"]] == [1, 2, 3, 4, 5]
    assert all("descriptor" in level for level in area["levels"])


def broken(document, change):
    document = copy.deepcopy(document)
    change(document)
    return document


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d.pop("levels"), "'levels' is a required property"),
        (lambda d: d["sections"][0]["areas"][0]["levels"].pop(), "needs one descriptor for each level"),
        (
            lambda d: d["sections"][1]["areas"][0].update(key=d["sections"][0]["areas"][0]["key"]),
            "is used by another area",
        ),
        (lambda d: d["sections"][0].update(kind="chapter"), "Section 1 “Showing leadership”, kind"),
        (
            lambda d: d["sections"][0]["areas"][0].update(key="Not A Key"),
            "Section 1 “Showing leadership”, area 1 “Engaging councillors”, key",
        ),
        (lambda d: d["levels"][1].update(number=7), "numbers must run 1, 2, 3"),
        (
            lambda d: d["sections"][0]["areas"][0]["levels"][0].update(descriptor=[{"bullets": []}]),
            "Section 1 “Showing leadership”, area 1 “Engaging councillors”, level 1, descriptor",
        ),
    ],
)
def test_an_invalid_framework_is_refused_with_where_and_what(document, change, expected):
    problems = loader.validate(broken(document, change))
    assert any(expected in problem for problem in problems), problems
    with pytest.raises(loader.FrameworkError):
        loader.load(broken(document, change))
    assert not Framework.objects.exists()


def test_a_place_in_the_file_is_named_in_words_not_as_a_path(document):
    """Issue 15: upload errors read like `sections/0/areas/0/levels`; they name the section and area."""
    document = broken(document, lambda d: d["sections"][1]["areas"][0]["levels"].pop())
    [problem] = loader.validate(document)
    section, area = document["sections"][1], document["sections"][1]["areas"][0]
    assert problem.startswith(f"Section 2 “{section['title']}”, area 1 “{area['title']}”, levels: needs one descriptor")
    assert "sections/" not in problem
    assert loader.place(document) == "The file"


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("key: nps\nversion: '2018'\nlevels: [\n", encoding="utf-8")
    with pytest.raises(loader.FrameworkError) as error:
        loader.read(path)
    assert "not valid YAML" in str(error.value) and "line" in str(error.value)


def test_a_framework_with_assessments_cannot_change_content(document, camden, lead):
    from maturity.assessments.services import start_assessment

    framework = loader.load(document).framework
    start_assessment(organisation=camden, framework=framework, title="2026", user=lead)
    changed = broken(document, lambda d: d["sections"][0]["areas"][0].update(title="Renamed"))
    with pytest.raises(loader.FrameworkError, match="already has assessments"):
        loader.load(changed)
    assert Area.objects.get(key=document["sections"][0]["areas"][0]["key"]).title != "Renamed"


def test_the_command_line_validates_loads_and_exports(tmp_path, capsys):
    path = str(loader.bundled_path())
    call_command("framework", "validate", path)
    assert "is a valid framework: nps@2018, 4 sections, 14 areas, 5 levels" in capsys.readouterr().out
    call_command("framework", "load", path)
    call_command("framework", "load", path)
    out = capsys.readouterr().out
    assert "nps@2018: created (published)" in out and "nps@2018: unchanged (published)" in out
    call_command("framework", "export", "nps@2018", "--format", "json")
    exported = json.loads(capsys.readouterr().out)
    assert exported["key"] == "nps" and exported["version"] == "2018"
    call_command("framework", "export", "nps@2018", "--format", "yaml")
    assert yaml.safe_load(capsys.readouterr().out) == exported


def test_the_command_line_reports_an_invalid_file_and_an_unknown_framework(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"key": "x"}', encoding="utf-8")
    with pytest.raises(CommandError, match="'version' is a required property"):
        call_command("framework", "validate", str(bad))
    with pytest.raises(CommandError, match="No framework 'nps@1999'"):
        call_command("framework", "export", "nps@1999")


def test_the_loaded_framework_matches_the_strategy_word_for_word(document):
    from tests.frameworks.seed_fidelity import check_framework, seed_text

    seed = seed_text()
    if seed is None:
        pytest.skip("The strategy's text (../shared/seed) is not beside this checkout")
    framework = loader.load(document).framework
    assert check_framework(loader.export(framework), seed) == []
