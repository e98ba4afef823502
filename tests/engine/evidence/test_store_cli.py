"""`rsec evidence` command: load into a DuckDB file, query co-authors, refuse bad input without writing."""

from __future__ import annotations

import orjson

from rsec.cli import main
from rsec.engine.evidence.store import EvidenceStore


def test_load_then_coauthors_and_bad_file_changes_nothing(tmp_path, fixtures_dir, capsysbinary):
    db = tmp_path / "ev.duckdb"
    works = fixtures_dir / "evidence" / "openalex" / "works_current.jsonl.gz"
    assert (
        main(["evidence", "load", "openalex-works", str(works), "--db", str(db), "--retrieved", "2025-06-01"])
        == 0
    )
    assert b"loaded 4 records" in capsysbinary.readouterr().out
    with EvidenceStore(db) as store:
        author = store.con.execute("SELECT author_id FROM authorships WHERE seq = 1 LIMIT 1").fetchone()[0]
        before = store.counts()
    assert main(["evidence", "coauthors", "--db", str(db), "--author-id", author]) == 0
    rows = [orjson.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert rows and all(author != r["author_id"] for r in rows) and all("countries" in r for r in rows)

    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "https://openalex.org/W1", "authorships": []}\nnot json\n')
    assert main(["evidence", "load", "openalex-works", str(bad), "--db", str(db)]) == 2
    err = capsysbinary.readouterr().err
    assert b"bad.jsonl: line 2" in err and b"nothing loaded" in err
    with EvidenceStore(db) as store:
        assert store.counts() == before


def test_read_prints_records_with_provenance(fixtures_dir, capsysbinary):
    path = fixtures_dir / "evidence" / "crossref" / "work_10.1111_raq.12953.json"
    assert main(["evidence", "read", "crossref", str(path)]) == 0
    (rec,) = [orjson.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert (
        rec["record"] == "work"
        and rec["provenance"]["source"] == "crossref"
        and rec["funding"][0]["award_id"] == "FHF 901890"
    )
