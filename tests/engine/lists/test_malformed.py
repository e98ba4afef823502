"""Bad list files fail with ListFormatError naming the file and the row / sheet!row / element."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.readers import read_list
from rsec.engine.lists.un_sc import read_un_sc

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "lists"
UN = FIX / "un_sc_cut_2026-02-27.xml"


def fail(path: Path, fmt: str | None = None) -> ListFormatError:
    with pytest.raises(ListFormatError) as info:
        list(read_list(path, fmt))
    err = info.value
    assert err.path.startswith(str(path))  # the file itself, or the file inside a list folder
    assert err.path in str(err)
    return err


def test_truncated_xml_names_line_and_last_element(tmp_path):
    text = UN.read_text(encoding="utf-8")
    cut = tmp_path / "un.xml"
    cut.write_text(text[: int(len(text) * 0.6)], encoding="utf-8")
    err = fail(cut, "un_sc")
    assert err.location.startswith("line ")
    assert "INDIVIDUAL[" in err.location  # the last entry read completely
    assert "malformed XML" in str(err)


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x "boom">]>',
        '<!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://example.invalid/list.dtd">',
        '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]>',
    ],
)
def test_xml_with_dtd_or_entities_is_refused(tmp_path, prolog):
    text = UN.read_text(encoding="utf-8")
    decl_end = text.index("?>") + 2
    bad = tmp_path / "un_dtd.xml"
    bad.write_text(text[:decl_end] + "\n" + prolog + text[decl_end:], encoding="utf-8")
    err = fail(bad, "un_sc")
    assert "forbidden" in str(err)


def test_xml_above_size_limit_is_refused(tmp_path):
    with pytest.raises(ListFormatError, match="above the limit"):
        list(read_un_sc(UN, max_bytes=1000))


def test_any_list_above_size_limit_is_refused():
    for name in ("simple_list.csv", "ofac_sdn", "mof_af_cut_2026-03-05.xlsx"):
        with pytest.raises(ListFormatError, match="above the limit"):
            read_list(FIX / name, max_bytes=100)
    assert len(list(read_list(FIX / "simple_list.csv", max_bytes=10_000))) == 3


def test_xml_of_another_kind(tmp_path):
    bad = tmp_path / "other.xml"
    bad.write_text("<?xml version='1.0'?><sdnList><sdnEntry/></sdnList>", encoding="utf-8")
    fail(bad)  # detection refuses it
    err = fail(bad, "un_sc")
    assert err.location == "sdnList"


def test_un_entry_without_name(tmp_path):
    text = UN.read_text(encoding="utf-8").replace("<FIRST_NAME>TARIQ</FIRST_NAME>", "<FIRST_NAME/>")
    text = text.replace("<SECOND_NAME>AZIZ</SECOND_NAME>", "")
    bad = tmp_path / "un.xml"
    bad.write_text(text, encoding="utf-8")
    err = fail(bad, "un_sc")
    assert "DATAID=6908072" in err.location and "FIRST_NAME" in str(err)


def test_meti_with_wrong_header(tmp_path):
    bad = tmp_path / "meti.xlsx"
    wb = openpyxl.load_workbook(FIX / "meti_eul_cut_2025-09-29.xlsx")
    ws = wb.active
    ws["B1"] = "Land"
    ws["C1"] = "Firma"
    wb.save(bad)
    err = fail(bad, "meti_eul")
    assert err.location == f"{ws.title}!A1"
    assert "header row not found" in str(err)


def test_meti_unknown_country_names_row(tmp_path):
    bad = tmp_path / "meti.xlsx"
    wb = openpyxl.load_workbook(FIX / "meti_eul_cut_2025-09-29.xlsx")
    ws = wb.active
    ws["B4"] = "Atlantis"
    wb.save(bad)
    err = fail(bad, "meti_eul")
    assert err.location == f"{ws.title}!4"


def test_mof_sheet_without_header(tmp_path):
    bad = tmp_path / "mof.xlsx"
    wb = openpyxl.load_workbook(FIX / "mof_af_cut_2026-03-05.xlsx")
    ws = next(s for s in wb.worksheets if s.title.startswith("43."))
    for row in ws.iter_rows(min_row=1, max_row=3):
        for cell in row:
            if cell.value == "日本語表記":
                cell.value = "氏名"
    wb.save(bad)
    err = fail(bad, "mof_af")
    assert err.location == f"{ws.title}!A1"


def test_mof_row_with_data_but_no_name(tmp_path):
    bad = tmp_path / "mof.xlsx"
    wb = openpyxl.load_workbook(FIX / "mof_af_cut_2026-03-05.xlsx")
    ws = next(s for s in wb.worksheets if s.title.startswith("29."))
    ws["C4"] = None
    ws["D4"] = None
    wb.save(bad)
    err = fail(bad, "mof_af")
    assert err.location == f"{ws.title}!4"


def test_workbook_unpacking_too_large_is_refused():
    from rsec.engine.lists.xlsx import open_workbook

    with pytest.raises(ListFormatError, match="above the limit"):
        open_workbook(FIX / "meti_eul_cut_2025-09-29.xlsx", max_bytes=10_000)


def test_not_a_workbook(tmp_path):
    bad = tmp_path / "list.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    err = fail(bad, "mof_af")
    assert "xlsx" in str(err)


def test_simple_csv_bad_rows(tmp_path):
    bad = tmp_path / "list.csv"
    bad.write_text(
        "id,schema,name,aliases,country,birth_date\np1,Person,A B,,JP,1970\np2,Person,C D,,JP,1971,extra\n"
    )
    assert fail(bad, "csv").location == "row 3"
    bad.write_text("id,schema,name,aliases,country,birth_date\np1,Human,A B,,JP,1970\n")
    err = fail(bad, "csv")
    assert err.location == "row 2" and "schema" in str(err)
    bad.write_text("id,schema,name,aliases,country,birth_date\np1,Person,A B,,Atlantis,1970\n")
    assert "Atlantis" in str(fail(bad, "csv"))
    bad.write_text("id,schema,name,aliases,country,birth_date\np1,Person,A B,,JP,someday\n")
    assert "birth_date" in str(fail(bad, "csv"))
    bad.write_text("id,type,name\np1,Person,A B\n")
    assert fail(bad, "csv").location == "row 1"


def test_ofac_bad_row(tmp_path):
    folder = tmp_path / "sdn"
    shutil.copytree(FIX / "ofac_sdn", folder)
    with open(folder / "sdn.csv", "a", encoding="utf-8") as fh:
        fh.write('999,"SHORT ROW",-0- ,"CUBA"\n')
    err = fail(folder, "ofac_sdn")
    assert err.path.endswith("sdn.csv") and err.location == "row 6"
    (folder / "alt.csv").write_text('x,1,"aka","NAME",-0- \n')
    err = fail(folder, "ofac_sdn")
    assert err.path.endswith("alt.csv") and err.location == "row 1"


def test_bis_and_csl_missing_columns(tmp_path):
    bad = tmp_path / "dpl.txt"
    bad.write_text('"Name"\t"City"\n"X"\t"Y"\n')
    assert "Street_Address" in str(fail(bad, "bis_dpl"))
    bad = tmp_path / "csl.csv"
    bad.write_text("source,name\nX,Y\n")
    assert fail(bad, "us_csl").location == "row 1"


def test_ftm_bad_line(tmp_path):
    bad = tmp_path / "x.ftm.json"
    good = (FIX / "os_synthetic.ftm.json").read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(good + "\n{not json\n", encoding="utf-8")
    assert fail(bad, "ftm").location == "line 2"
    bad.write_text(good + '\n{"caption": "no id"}\n', encoding="utf-8")
    assert fail(bad, "ftm").location == "line 2"


def test_unknown_format_and_missing_file(tmp_path):
    assert "unknown list format" in str(fail(FIX / "simple_list.csv", "nonsense"))
    fail(tmp_path / "missing.csv")
    odd = tmp_path / "notes.txt"
    odd.write_text("just some text\n")
    assert "FILE:FORMAT" in str(fail(odd))
