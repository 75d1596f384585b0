"""The JSON report against its schema (checker/schema/report.schema.json), and the schema against the model."""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from importlib import resources

import pytest
from jsonschema import Draft202012Validator
from sample_report import empty_report, sample_report

from checker import SCHEMA_VERSION
from checker.models import (
    Attribution,
    AttributionKind,
    Certainty,
    Claim,
    Finding,
    FindingKind,
    FindingType,
    Polarity,
    Quantity,
    Role,
    Scope,
    Side,
    Subject,
    TimelineEntry,
    TimeMention,
)
from checker.report.json import article_to_dict, render_json
from checker.report.view import build_view


@pytest.fixture(scope="module")
def schema():
    text = resources.files("checker").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def validator(schema):
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def sample_json():
    return json.loads(render_json(sample_report()))


def errors(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("build", [sample_report, empty_report])
def test_report_validates_against_the_schema(validator, build):
    assert errors(validator, json.loads(render_json(build()))) == []


def test_schema_version_is_pinned(schema, sample_json):
    assert schema["properties"]["schema_version"] == {
        "const": SCHEMA_VERSION,
        "description": schema["properties"]["schema_version"]["description"],
    }
    assert sample_json["schema_version"] == SCHEMA_VERSION == "2.0"


@pytest.mark.parametrize(
    "name, enum",
    [
        ("certainty", Certainty),
        ("polarity", Polarity),
        ("kind", FindingKind),
        ("type", FindingType),
        ("role", Role),
        ("scope", Scope),
        ("attribution_kind", AttributionKind),
    ],
)
def test_schema_enums_match_the_model(schema, name, enum):
    assert schema["$defs"][name]["enum"] == [member.value for member in enum]


@pytest.mark.parametrize(
    "name, model, extra",
    [
        ("quantity", Quantity, set()),
        ("attribution", Attribution, set()),
        ("time", TimeMention, set()),
        ("subject", Subject, set()),
        ("side", Side, set()),
        ("finding", Finding, set()),
        ("timeline_entry", TimelineEntry, set()),
        ("claim", Claim, {"polarity", "certainty_cues", "denial", "source"}),
    ],
)
def test_schema_objects_list_every_model_field(schema, name, model, extra):
    """When models.py gains a field, render_json writes it and this names the schema entry to extend."""
    definition = schema["$defs"][name]
    expected = {f.name for f in fields(model)} | extra
    assert set(definition["properties"]) == expected
    assert set(definition["required"]) == expected
    assert definition["additionalProperties"] is False


def test_schema_article_lists_every_key_json_writes(schema):
    keys = set(article_to_dict(sample_report().articles[0]))
    assert (
        set(schema["$defs"]["article"]["properties"]) == keys == set(schema["$defs"]["article"]["required"])
    )


@pytest.mark.parametrize(
    "path, value, message",
    [
        (("articles", 3, "status"), "skipped", "does not match"),
        (("articles", 0, "status"), "OK", "does not match"),
        (("claims", 0, "certainty"), "sure", "is not one of"),
        (("claims", 0, "polarity"), "neutral", "is not one of"),
        (("findings", 0, "kind"), "contradiction", "is not one of"),
        (("findings", 0, "type"), "figure", "is not one of"),
        (("schema_version",), "1.0", "was expected"),
        (("findings", 0, "sides", 0, "certainty"), "sure", "is not one of"),
        (("findings", 0, "sides", 0, "claims"), [], "should be non-empty"),
        (("findings", 0, "sides", 0, "first"), "16/10/2024", "is not valid under any of the given schemas"),
        (("findings", 0, "sides", 0, "low"), "12", "is not of type"),
        (("findings", 0, "title"), 12, "is not of type"),
        (("claims", 0, "published"), "16/10/2024", "is not valid under any of the given schemas"),
        (("summary", "findings", "conflict/number"), 0, "less than the minimum"),
        (("claims", 0, "contrasts"), [["civilian"]], "is too short"),
    ],
)
def test_schema_rejects_what_json_never_writes(validator, sample_json, path, value, message):
    document = copy.deepcopy(sample_json)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    found = errors(validator, document)
    assert found and any(message in e for e in found), found


def test_schema_rejects_unknown_keys(validator, sample_json):
    document = copy.deepcopy(sample_json)
    document["claims"][0]["confidence"] = 0.9
    assert any("Additional properties" in e for e in errors(validator, document))


def test_json_holds_what_the_other_formats_show(sample_json):
    """Everything the table, Markdown and HTML show about a claim can be read back from the JSON."""
    report = sample_report()
    view = build_view(report)
    claims = {c["id"]: c for c in sample_json["claims"]}
    articles = {a["id"]: a for a in sample_json["articles"]}
    entries = {e["claim"]: e for t in sample_json["timelines"] for e in t["entries"]}
    for cid, shown in view.claims.items():
        c = claims[cid]
        assert c["text"] == articles[c["article"]]["text"][c["start"] : c["end"]]
        assert (c["outlet"] or articles[c["article"]]["outlet"]) == shown.outlet
        assert (c["published"] or articles[c["article"]]["published"]) == shown.published.isoformat()
        assert (c["source"] or "unattributed") == shown.source
        assert (c["certainty"], c["polarity"], c["denial"]) == (
            shown.certainty.value,
            shown.polarity.value,
            shown.denial,
        )
        assert c["role"] == shown.claim.role.value and c["echo_of"] == shown.echo_of
        if shown.figure is not None:
            assert entries[cid]["figure"] == shown.figure and entries[cid]["value"] == shown.value
    assert [a["status"] for a in sample_json["articles"]].count("ok") == 4
    skipped = next(a for a in sample_json["articles"] if a["status"] != "ok")
    assert skipped["status"].startswith("skipped: unsupported format .pdf") and skipped["path"].endswith(
        ".pdf"
    )
    assert {s["label"] for s in sample_json["subjects"]} == {s.subject.label for s in view.subjects}
    assert [f["explanation"] for f in sample_json["findings"]] == [f.explanation for f in report.findings]
    assert sample_json["summary"]["findings"]["conflict/number"] == 1


def test_findings_carry_sides_and_title(sample_json):
    findings = {f["id"]: f for f in sample_json["findings"]}
    toll = findings["f-toll-number"]
    assert toll["title"] == "Death toll, Ferrow, 2024-10-16"
    assert [side["value"] for side in toll["sides"]] == ["Twelve / 12", "Nineteen", "more than 20"]
    assert toll["sides"][2] == {
        "value": "more than 20",
        "claims": ["meridian-1017/5"],
        "holders": ["a local volunteer group"],
        "outlets": ["Daily Meridian"],
        "certainty": "possible",
        "low": 20,
        "high": None,  # open above
        "first": "2024-10-17",
        "last": "2024-10-17",
    }
    assert findings["f-toll-update"]["title"] == "Death toll" and findings["f-toll-update"]["sides"] == []
    # a pairwise conflict has no sides and no title: its two claims stand for its sides
    assert findings["f-cause-modality"]["sides"] == [] and findings["f-cause-modality"]["title"] is None
