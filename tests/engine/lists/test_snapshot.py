"""Snapshots of list editions and diffs between them (P-6 follow-up: re-screen when lists change)."""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import Name
from rsec.engine.lists.snapshot import diff, file_sha256, load_snapshot, publication_date, write_snapshot

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "lists"


def test_snapshot_metadata():
    snap = load_snapshot(FIX / "un_sc_cut_2026-02-27.xml")
    assert snap.list == "un_sc" and snap.format == "un_sc"
    assert snap.published == "2026-02-27"
    assert snap.entity_count == 6
    assert snap.count_by_schema() == {"Organization": 2, "Person": 4}
    import hashlib

    assert snap.sha256 == hashlib.sha256((FIX / "un_sc_cut_2026-02-27.xml").read_bytes()).hexdigest()
    assert load_snapshot(FIX / "un_sc_cut_2026-02-27.xml", published="2026-03-01").published == "2026-03-01"


def test_publication_date_from_name_or_content(tmp_path):
    assert publication_date(FIX / "mof_af_cut_2026-03-05.xlsx") == "2026-03-05"
    renamed = tmp_path / "un.xml"
    shutil.copy(FIX / "un_sc_cut_2026-02-27.xml", renamed)
    assert publication_date(renamed) == ""
    assert publication_date(renamed, "un_sc") == "2026-02-27"  # dateGenerated attribute
    assert publication_date(tmp_path / "list_20250929.csv") == "2025-09-29"


def test_ofac_hash_covers_all_three_files(tmp_path):
    folder = tmp_path / "sdn"
    shutil.copytree(FIX / "ofac_sdn", folder)
    before = file_sha256(folder, "ofac_sdn")
    with open(folder / "alt.csv", "a", encoding="utf-8") as fh:
        fh.write('36,999,"aka","AERO CARIBE",-0- \n')
    assert file_sha256(folder, "ofac_sdn") != before
    assert file_sha256(folder / "sdn.csv", "ofac_sdn") == file_sha256(folder, "ofac_sdn")


@pytest.mark.parametrize(
    "name",
    ["un_sc_cut_2026-02-27.xml", "mof_af_cut_2026-03-05.xlsx", "ofac_sdn", "aspi_cut.json", "us_csl_cut.csv"],
)
def test_ftm_round_trip(tmp_path, name):
    """A snapshot written as FtM line-JSON reads back to equal entities (names, scripts, kinds …)."""
    snap = load_snapshot(FIX / name)
    out = tmp_path / "snap.ftm.json"
    assert write_snapshot(snap, out) == snap.entity_count
    back = load_snapshot(out)
    assert back.format == "ftm" and back.list == snap.list
    assert back.entities == snap.entities
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"id", "schema", "properties", "datasets"}
    assert first["properties"]["name"] == [snap.entities[first["id"]].names[0].value]


def test_diff_added_removed_changed():
    old = load_snapshot(FIX / "un_sc_cut_2026-02-27.xml")
    new = copy.deepcopy(old)
    removed = new.entities.pop("un-sc:CDi.001")
    aziz = new.entities["un-sc:IQi.025"]
    aziz.names.append(Name.of("Tarek Aziz", kind="alias"))
    aziz.countries = ["iq", "jo"]
    new.entities["un-sc:XXi.999"] = dataclasses.replace(removed, id="un-sc:XXi.999")
    new.entities["un-sc:KPe.001"].source = "elsewhere#ENTITY[9]"  # the source alone is no change
    result = diff(old, new)
    assert [e.id for e in result.added] == ["un-sc:XXi.999"]
    assert [e.id for e in result.removed] == ["un-sc:CDi.001"]
    assert [(c.id, c.fields) for c in result.changed] == [("un-sc:IQi.025", ["names", "countries"])]
    assert result.summary()["changed_ids"] == {"un-sc:IQi.025": ["names", "countries"]}
    assert diff(old, old).unchanged


def test_diff_between_two_real_editions(tmp_path):
    """Two editions as files: a removed row and an edited alias show up by id."""
    import openpyxl

    wb = openpyxl.load_workbook(FIX / "meti_eul_cut_2025-09-29.xlsx")
    ws = wb.active
    ws.delete_rows(4)  # drop one party; the rows below are renumbered, ids must not change
    for row in ws.iter_rows(min_row=2):
        if row[2].value and str(row[2].value).startswith("Air Koryo"):
            row[3].value = "・Airkoryo\n・Air Koryo Co."
    newer = tmp_path / "meti_end_user_list_2026-01-01.xlsx"
    wb.save(newer)
    old = load_snapshot(FIX / "meti_eul_cut_2025-09-29.xlsx")
    new = load_snapshot(newer)
    result = diff(old, new)
    assert len(result.removed) == 1 and result.removed[0].caption.startswith("Al-Bairaq")
    assert result.added == []
    changed = {c.new.caption: c.fields for c in result.changed}
    assert changed == {"Air Koryo": ["names"]}  # renumbered rows are not changes
    assert new.published == "2026-01-01"


def test_duplicate_ids_are_refused(tmp_path):
    bad = tmp_path / "x.ftm.json"
    line = (FIX / "os_synthetic.ftm.json").read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(line + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="duplicate entity id"):
        load_snapshot(bad)
