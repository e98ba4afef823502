"""``rsec affiliations match`` — the command's contract (P-3 due diligence on affiliation strings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rsec.cli import main

ROR_CUT = Path(__file__).parents[2] / "fixtures" / "evidence" / "ror" / "ror_v2_cut.json"


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    """The matcher index cache goes to a temporary folder, never to the user's cache."""
    monkeypatch.setenv("RSEC_CACHE_DIR", str(tmp_path / "cache"))


def run(*argv: str) -> int:
    return main(["affiliations", *argv])


def test_match_writes_one_object_per_row_in_order(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "id,affiliation\n"
        'a3,"Graduate School of Science, The University of Tokyo, Tokyo, Japan"\n'
        "b1,nothing to see here\n"
        'c2,"Kyoto University, Japan; 北京大学物理学院"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert run("match", "--ror", str(ROR_CUT), "--input", str(src), "--output", str(out)) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a3", "b1", "c2"]
    assert [set(r) for r in rows] == [{"id", "ror_ids", "explanation"}] * 3
    assert rows[0]["ror_ids"] == ["https://ror.org/057zh3y96"]
    assert rows[1]["ror_ids"] == []
    assert rows[2]["ror_ids"] == ["https://ror.org/02kpeqv85", "https://ror.org/02v51f717"]
    assert "Kyoto University" in rows[2]["explanation"]


def test_cache_is_accepted_as_registry(tmp_path):
    cache = tmp_path / "ror.cache.jsonl.gz"
    assert run("cache", "--ror", str(ROR_CUT), "--output", str(cache)) == 0
    src = tmp_path / "in.csv"
    src.write_text("id,affiliation\n1,Tsinghua University\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("match", "--ror", str(cache), "--input", str(src), "--output", str(out)) == 0
    assert json.loads(out.read_text())["ror_ids"] == ["https://ror.org/03cve4549"]


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        ("ident,text\n1,Kyoto University\n", "row 1: missing column(s) id, affiliation"),
        ('id,affiliation\n1,Kyoto University\n2,"Peking University",extra\n', "row 3: has 3 fields"),
        ("id,affiliation\n1,Kyoto University\n,Peking University\n", "row 3: field 'id': empty id"),
        ("id,affiliation\n1,Kyoto University\n1,Peking University\n", "row 3: field 'id': duplicate id"),
        ("", "file is empty"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(tmp_path, capsys, content, expect):
    """Bad input: a clear error naming file, row and field; the existing output is left untouched."""
    src = tmp_path / "bad.csv"
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    assert run("match", "--ror", str(ROR_CUT), "--input", str(src), "--output", str(out)) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and expect in err
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_bad_ror_dump_is_named(tmp_path, capsys):
    bad = tmp_path / "ror.json"
    bad.write_text('[{"id": "https://ror.org/02kpeqv85", "names": [], "status": "active"}]')
    src = tmp_path / "in.csv"
    src.write_text("id,affiliation\n1,Kyoto University\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("match", "--ror", str(bad), "--input", str(src), "--output", str(out)) == 2
    err = capsys.readouterr().err
    assert "ror.json: record 1: field 'names'" in err
    assert not out.exists()


def test_second_run_reads_the_index_cache(tmp_path, capsys):
    """The matcher index is built once per ROR file and read back on the next run, same output."""
    src = tmp_path / "in.csv"
    src.write_text("id,affiliation\n1,清華大学\n2,Kioto University\n", encoding="utf-8")
    outs = []
    for k in (1, 2):
        out = tmp_path / f"out{k}.jsonl"
        assert run("match", "--ror", str(ROR_CUT), "--input", str(src), "--output", str(out)) == 0
        outs.append(out.read_text(encoding="utf-8"))
    err = capsys.readouterr().err
    assert "index built" in err and "index read from cache" in err
    assert outs[0] == outs[1] and "03cve4549" in outs[0]
    assert any((tmp_path / "cache" / "affiliations").glob("*.index.json"))
