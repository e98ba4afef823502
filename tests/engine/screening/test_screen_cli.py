"""The ``rsec screen`` / ``rsec screen-name`` contract, end to end on real list formats (P-3 (1), (2): lists
of persons and entities designated by Japan, the UN and partner countries)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from rsec.cli import main
from rsec.engine.names import DEFAULT_THRESHOLD

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "screening"
UN = FIX / "un_sc_cut.xml"
SIMPLE = FIX / "watch_simple.csv"
QUERIES = FIX / "queries.csv"
MATCH_KEYS = {"list_entity_id", "list", "score", "matched_name", "explanation"}


def _run(*argv: str) -> int:
    return main(list(argv))


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _screen(tmp_path: Path, *extra: str, lists=(str(UN), f"{SIMPLE}:csv"), queries=QUERIES) -> list[dict]:
    out = tmp_path / "results.jsonl"
    args = ["screen"]
    for spec in lists:
        args += ["--list", spec]
    assert _run(*args, "--input", str(queries), "--output", str(out), *extra) == 0
    return _read(out)


def _query_ids(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [row["id"] for row in csv.DictReader(fh)]


def test_results_follow_input_order_and_json_shape(tmp_path):
    """P-3: one object per query, in input order, with the documented keys; best first; threshold applied."""
    results = _screen(tmp_path)
    assert [r["id"] for r in results] == _query_ids(QUERIES)
    for r in results:
        assert set(r) == {"id", "matches"}
        scores = [m["score"] for m in r["matches"]]
        assert scores == sorted(scores, reverse=True)
        for m in r["matches"]:
            assert set(m) == MATCH_KEYS
            assert DEFAULT_THRESHOLD <= m["score"] <= 1.0
            assert isinstance(m["explanation"], str) and m["explanation"]
    by_id = {r["id"]: r["matches"] for r in results}
    assert by_id["q1"][0]["list_entity_id"].endswith("p1") and by_id["q1"][0]["list"] == "csv"
    assert by_id["q2"][0]["list_entity_id"] == "un-sc:CDi.002" and by_id["q2"][0]["list"] == "un_sc"
    assert any(m["list_entity_id"] == "un-sc:CDe.001" for m in by_id["q4"])
    assert by_id["q3"] == []


def test_threshold_and_limit_filter(tmp_path):
    low = {r["id"]: r["matches"] for r in _screen(tmp_path, "--threshold", "0.3", "--limit", "50")}
    high = {r["id"]: r["matches"] for r in _screen(tmp_path, "--threshold", "0.95", "--limit", "50")}
    one = {r["id"]: r["matches"] for r in _screen(tmp_path, "--threshold", "0.3", "--limit", "1")}
    assert sum(map(len, low.values())) > sum(map(len, high.values()))
    for qid in low:
        assert all(m["score"] >= 0.95 for m in high[qid])
        assert [m for m in low[qid] if m["score"] >= 0.95] == high[qid]
        assert one[qid] == low[qid][:1]


def test_format_suffix_and_auto_detection_agree(tmp_path):
    """FORMAT may be named (FILE:csv, FILE:un_sc) or left to detection; both give the same results."""
    named = _screen(tmp_path, lists=(f"{UN}:un_sc", f"{SIMPLE}:csv"))
    detected = _screen(tmp_path, lists=(str(UN), str(SIMPLE)))
    assert named == detected
    assert any(m["list"] == "csv" for r in detected for m in r["matches"])


def test_saved_index_gives_same_results(tmp_path):
    """``rsec screen-index`` + ``--index`` equals screening the lists directly."""
    assert (
        _run("screen-index", "--list", str(UN), "--list", str(SIMPLE), "--output", str(tmp_path / "idx")) == 0
    )
    out = tmp_path / "via_index.jsonl"
    args = ["screen", "--index", str(tmp_path / "idx"), "--input", str(QUERIES), "--output", str(out)]
    assert _run(*args) == 0
    assert _read(out) == _screen(tmp_path, lists=(str(UN), str(SIMPLE)))


def test_parallel_bulk_keeps_input_order(tmp_path):
    """Bulk screening on worker processes returns exactly what one process does, in input order."""
    rows = list(csv.DictReader(open(QUERIES, encoding="utf-8")))
    big = tmp_path / "big.csv"
    with open(big, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "name"])
        w.writeheader()
        for i in range(700):
            w.writerow({"id": f"b{i}", "name": rows[i % len(rows)]["name"] + ("" if i % 2 else f" {i}")})
    one = _screen(tmp_path, "--workers", "1", queries=big)
    two = _screen(tmp_path, "--workers", "2", queries=big)
    assert [r["id"] for r in two] == [f"b{i}" for i in range(700)]
    assert one == two


@pytest.mark.parametrize(
    "content, expected",
    [
        ("id,nom\n1,Kenji\n", "missing column(s) name"),
        ("id,name\n1,Kenji\n2,\n", "row 3, column 'name'"),
        ("id,name\n1,Kenji\n,Taro\n", "row 3, column 'id'"),
        ("id,name\n1,Kenji\n1,Taro\n", "duplicate id '1'"),
        ("id,name,schema\n1,Kenji,Vessel\n", "row 2, column 'schema'"),
        ("id,name,birth_date\n1,Kenji,someday\n", "row 2, column 'birth_date'"),
        ("id,name,country\n1,Kenji,Atlantis\n", "row 2, column 'country'"),
        ("", "empty file"),
    ],
)
def test_bad_queries_fail_clearly_without_output(tmp_path, capsys, content, expected):
    """Bad rows stop the run with the file and row named; no output file is written."""
    queries = tmp_path / "queries.csv"
    queries.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc = _run("screen", "--list", str(SIMPLE), "--input", str(queries), "--output", str(out))
    err = capsys.readouterr().err
    assert rc == 2
    assert str(queries) in err and expected in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["queries.csv"]


def test_bad_list_fails_and_keeps_previous_output(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    rc = _run("screen", "--list", f"{UN}:csv", "--input", str(QUERIES), "--output", str(out))
    assert rc == 2
    assert str(UN) in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "previous\n"
    rc = _run(
        "screen", "--list", str(tmp_path / "missing.xml"), "--input", str(QUERIES), "--output", str(out)
    )
    assert rc == 2 and "missing.xml" in capsys.readouterr().err


def test_screen_name_prints_table(capsys):
    rc = _run("screen-name", "FRANK KAKOLELE", "--schema", "Person", "--list", str(UN), "--limit", "3")
    out = capsys.readouterr().out
    assert rc == 0
    header = out.splitlines()[0]
    for column in ("score", "list", "entity id", "matched name", "explanation"):
        assert column in header
    assert "un-sc:CDi.002" in out
    assert _run("screen-name", "Zzyqx Wombleton", "--list", str(UN)) == 0
    assert "no matches" in capsys.readouterr().out


def test_no_list_is_an_error(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert _run("screen", "--input", str(QUERIES), "--output", str(out)) == 2
    assert "--list" in capsys.readouterr().err
    assert not out.exists()
