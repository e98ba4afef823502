"""`rsec frameworks list | show | validate | schema`."""

from __future__ import annotations

import json

from rsec.cli import main
from rsec.engine.frameworks import ENV_VAR, PACKAGE_DIR


def test_list_shows_every_library_in_japanese_then_english(capsys):
    assert main(["frameworks", "list"]) == 0
    out = capsys.readouterr().out
    assert "リスク軽減措置の一覧" in out and "meti_contract_clauses" in out
    assert main(["frameworks", "list", "--lang", "en"]) == 0
    assert "Catalogue of risk mitigation measures" in capsys.readouterr().out


def test_list_json_names_requirements_and_overrides(tmp_path, monkeypatch, capsys):
    text = (PACKAGE_DIR / "mitigation_measures.yaml").read_text(encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        text.replace('version: "1.0.0"', 'version: "1.0.1"', 1), encoding="utf-8"
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert main(["frameworks", "list", "--format", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["mitigation_measures"]["version"] == "1.0.1"
    assert rows["mitigation_measures"]["overrides"][0]["version"] == "1.0.0"
    assert "P-5" in rows["mitigation_measures"]["requirements"]


def test_show_in_english_and_as_json(capsys):
    """P-5 catalogue shown in English: titles and follow-up evidence, no Japanese-only fields."""
    assert main(["frameworks", "show", "mitigation_measures", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Attendance at training" in out and "Training records" in out and "研修受講" in out  # quote stays
    assert main(["frameworks", "show", "mitigation_measures"]) == 0
    assert "受講記録" in capsys.readouterr().out
    assert main(["frameworks", "show", "meti_contract_clauses", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items"][2]["parameters"]["state_share_min"]["value"] == 0.5


def test_show_unknown_id_fails(capsys):
    assert main(["frameworks", "show", "nope"]) == 1
    assert "no framework library" in capsys.readouterr().err


def test_validate_ok_and_failing_files(tmp_path, capsys):
    good = PACKAGE_DIR / "checklist_template.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace("  - id: ri.office\n", "  - id: ri.grant_information\n"),
        encoding="utf-8",
    )
    assert main(["frameworks", "validate", str(good)]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["frameworks", "validate", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"OK {good}" in captured.out
    assert f"{bad}: items[1].id: duplicate id 'ri.grant_information' (first at items[0].id)" in captured.err


def test_validate_all_and_schema(capsys):
    assert main(["frameworks", "validate", "--all"]) == 0
    assert capsys.readouterr().out.count("OK ") >= 6
    assert main(["frameworks", "schema", "checklist"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "urn:rsec:frameworks:checklist"
    assert main(["frameworks", "schema", "nope"]) == 1
