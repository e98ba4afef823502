"""Indicator definitions as data and the PERSON.json declaration schema (P-3 ①, P-4: no judgement in code)."""

from __future__ import annotations

import json

import pytest
import yaml

from rsec.engine.indicators import (
    EVALUATORS,
    DeclarationError,
    IndicatorLibraryError,
    load_declaration,
    load_library,
)
from rsec.engine.indicators.declaration import Declaration
from rsec.engine.indicators.library import DEFAULT_PATH


def test_packaged_library_is_bilingual_and_every_indicator_has_an_evaluator():
    lib = load_library()
    assert len(lib.indicators) >= 8
    for ind in lib.indicators:
        assert ind.evaluator in EVALUATORS
        assert ind.title["ja"] and ind.title["en"] and ind.description["ja"] and ind.description["en"]
    names = [n for p in lib.data["talent_programmes"] for n in p["names"]]
    assert "千人计划" in names and "Thousand Talents Program" in names  # data, in several scripts


def _write_variant(tmp_path, mutate):
    doc = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    mutate(doc)
    p = tmp_path / "indicators.yaml"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return p


def test_unknown_evaluator_is_rejected_with_its_place(tmp_path):
    p = _write_variant(tmp_path, lambda d: d["items"][2].update(evaluator="no_such_thing"))
    with pytest.raises(IndicatorLibraryError) as exc:
        load_library(p)
    assert "items[2].evaluator" in str(exc.value) and "indicators.yaml" in str(exc.value)


def test_missing_data_list_is_rejected(tmp_path):
    p = _write_variant(tmp_path, lambda d: d["data"].pop("talent_programmes"))
    with pytest.raises(IndicatorLibraryError) as exc:
        load_library(p)
    assert "talent_programmes" in str(exc.value)


def test_parameters_come_from_the_yaml(tmp_path):
    """Changing the look-back in YAML changes what an evaluator sees — no constant in code."""

    def shorten(d):
        for item in d["items"]:
            if item["id"] == "undeclared_affiliation":
                item["parameters"]["lookback_years"] = 1

    lib = load_library(_write_variant(tmp_path, shorten))
    assert lib.get("undeclared_affiliation").parameters["lookback_years"] == 1


def test_declaration_fixture_is_valid(fixtures_dir):
    decl = load_declaration(fixtures_dir / "diligence" / "person.json")
    assert decl.all_names()[:2] == ["山田 太郎", "Taro Yamada"]
    assert decl.section("affiliations")[0].ref == "aff-1"
    assert decl.reference_date().isoformat() == "2025-03-31"


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["affiliations"][0].update(start="April 2012"), "affiliations[0].start"),
        (lambda d: d["ids"].update(orcid="1234"), "ids.orcid"),
        (lambda d: d["grants"][0].pop("funder"), "grants[0]"),
        (lambda d: d.update(unknown_section=[]), "(document)"),
    ],
)
def test_declaration_errors_name_file_and_path(fixtures_dir, tmp_path, mutate, where):
    data = json.loads((fixtures_dir / "diligence" / "person.json").read_text(encoding="utf-8"))
    mutate(data)
    p = tmp_path / "PERSON.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DeclarationError) as exc:
        load_declaration(p)
    assert "PERSON.json" in str(exc.value) and where in str(exc.value)


def test_declaration_invalid_json(tmp_path):
    p = tmp_path / "PERSON.json"
    p.write_text("{", encoding="utf-8")
    with pytest.raises(DeclarationError, match="PERSON.json.*invalid JSON"):
        load_declaration(p)


def test_items_without_id_get_positional_refs():
    d = Declaration.from_dict(
        {
            "schema_version": "1",
            "names": {"latin": "Taro Yamada"},
            "grants": [{"funder": "JSPS"}, {"funder": "JST", "id": "g-2"}],
        }
    )
    assert [g.ref for g in d.section("grants")] == ["grants[0]", "g-2"]


def test_schema_covers_every_declared_section():
    """The schema the case app exports to holds every section the indicators compare against."""
    from rsec.engine.indicators.declaration import SCHEMA_PATH, SECTIONS

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert set(SECTIONS) <= set(schema["properties"])
    assert set(schema["properties"]) >= {
        "names",
        "ids",
        "affiliations",
        "grants",
        "support",
        "talent_programmes",
        "patents",
    }
