"""``rsec lists`` end to end (P-3 list screening inputs, P-6 list updates)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rsec.cli import main

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "lists"


def test_info_text_and_json(capsys):
    assert main(["lists", "info", str(FIX / "mof_af_cut_2026-03-05.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "mof_af" in out and "2026-03-05" in out and "Person" in out
    assert main(["lists", "info", f"{FIX / 'simple_list.csv'}:csv", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["format"] == "csv" and info["entities"] == 3
    assert info["by_schema"] == {"Company": 1, "Organization": 1, "Person": 1}
    assert len(info["sha256"]) == 64


def test_export_then_diff(tmp_path, capsys):
    out = tmp_path / "un.ftm.json"
    assert main(["lists", "export", str(FIX / "un_sc_cut_2026-02-27.xml"), "--output", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and json.loads(lines[0])["datasets"] == ["un_sc"]
    capsys.readouterr()
    # an edited edition: one entity dropped from the FtM file, one renamed
    edited = tmp_path / "un_edited.ftm.json"
    rows = [json.loads(line) for line in lines]
    dropped = rows.pop(0)["id"]
    rows[0]["rsec"]["names"][0][0] = "RENAMED"
    edited.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["lists", "diff", str(out), str(edited), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["added"] == 0 and result["removed_ids"] == [dropped]
    assert result["changed_ids"] == {rows[0]["id"]: ["names"]}
    assert main(["lists", "diff", str(out), str(edited)]) == 0
    text = capsys.readouterr().out
    assert "added 0, removed 1, changed 1" in text and f"- {dropped}" in text


def test_export_of_a_bad_file_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "list.csv"
    bad.write_text("id,schema,name,aliases,country,birth_date\np1,Person,A B,,JP,1970\np2,Alien,C,,JP,\n")
    out = tmp_path / "out.ftm.json"
    assert main(["lists", "export", f"{bad}:csv", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "row 3" in err
    assert not out.exists() and not list(tmp_path.glob("out*"))


def test_ofac_folder_and_formats(tmp_path, capsys):
    folder = tmp_path / "ofac 2021"
    shutil.copytree(FIX / "ofac_sdn", folder)
    assert main(["lists", "info", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entities"] == 5
    assert main(["lists", "formats"]) == 0
    assert "mof_af" in capsys.readouterr().out
