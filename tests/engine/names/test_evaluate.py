"""Development evaluation: evaluate_pairs and the loaders, on the shipped MOF sample (P-3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rsec.engine.names import Matcher
from rsec.engine.names.evaluate import (
    EvaluationDataError,
    Pair,
    evaluate_pairs,
    load_mof_pairs,
    load_nomenklatura_cases,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "names" / "mof_katakana_english_sample.csv"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "bench" / "names"


def test_evaluate_pairs_counts():
    pairs = [
        Pair("Taro Yamada", "山田太郎", True),
        Pair("Taro Yamada", "Hanako Tanaka", False),
        Pair("Olaf Scholz", "Olaf Scholz", True),
        Pair("Barack Obama", "Michelle Obama", False),
    ]
    r = evaluate_pairs(pairs, Matcher())
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (2, 0, 0, 2)
    assert r["precision"] == r["recall"] == r["f1"] == 1.0 and r["false_alert_rate"] == 0.0


def test_mof_sample_katakana_english_recall_and_false_alerts():
    """Katakana ↔ English names of the same listed party are found; other parties' names are not alerts."""
    pairs = load_mof_pairs(FIXTURE, negatives_per_query=5)
    assert sum(p.is_match for p in pairs) == 80
    assert sum(not p.is_match for p in pairs) == 400
    r = evaluate_pairs(pairs, Matcher())
    assert r["recall"] >= 0.85
    assert r["false_alert_rate"] <= 0.02


def test_loader_errors_name_the_file_and_row(tmp_path):
    bad = tmp_path / "cases.csv"
    bad.write_text("case_group,schema,name1,name2,is_match\nx,Person,A,B,maybe\n", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match=r"cases\.csv: row 2"):
        load_nomenklatura_cases(bad)
    bad2 = tmp_path / "mof.csv"
    bad2.write_text("sheet,schema_guess,name_ja,name_en\ns,Vessel,ア,A\n", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match=r"mof\.csv: row 2: unknown schema_guess"):
        load_mof_pairs(bad2)


@pytest.mark.skipif(not (SHARED / "mof_katakana_english_pairs.csv").exists(), reason="shared data absent")
def test_full_development_sets_when_present():
    """Regression guard on the full development sets (figures in docs/decisions/0002-name-matching.md)."""
    m = Matcher()
    mof = evaluate_pairs(load_mof_pairs(SHARED / "mof_katakana_english_pairs.csv"), m)
    assert mof["recall"] >= 0.85 and mof["false_alert_rate"] <= 0.02
    nk = evaluate_pairs(load_nomenklatura_cases(SHARED / "nomenklatura_cases.csv"), m)
    assert nk["f1"] >= 0.78
