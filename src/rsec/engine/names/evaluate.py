"""Accuracy evaluation of the name matcher on labelled pairs (評価).

``evaluate_pairs`` is what the benchmarks import; the loaders read the development sets' CSV formats
(``nomenklatura_cases.csv``, ``mof_katakana_english_pairs.csv``, ``watchman_cross_script_pairs.csv``).
Run ``python -m rsec.engine.names.evaluate DIR`` for a quick report on a directory of those files.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rsec.engine.lists.model import ListEntity, Name

from .config import DEFAULT_THRESHOLD
from .matcher import Matcher, Query


@dataclass(frozen=True)
class Pair:
    query: str
    candidate: str
    is_match: bool
    schema: str = "Person"
    group: str = ""


class EvaluationDataError(ValueError):
    """A labelled-pair file cannot be read; names the file and row."""

    def __init__(self, path: Path | str, row: int, message: str):
        super().__init__(f"{path}: row {row}: {message}")
        self.path, self.row = str(path), row


def evaluate_pairs(
    pairs: Iterable[Pair], matcher: Matcher | None = None, threshold: float = DEFAULT_THRESHOLD
) -> dict:
    """Precision, recall, F1 and false-alert rate (false positives / non-matching pairs) at ``threshold``."""
    matcher = matcher or Matcher()
    tp = fp = fn = tn = 0
    errors: list[tuple[Pair, float]] = []
    for i, p in enumerate(pairs):
        entity = ListEntity(id=f"eval-{i}", schema=p.schema, names=[Name.of(p.candidate)], list="eval")
        score = matcher.compare(Query(p.query, p.schema), entity).score
        alert = score >= threshold
        if p.is_match and alert:
            tp += 1
        elif p.is_match:
            fn += 1
            errors.append((p, score))
        elif alert:
            fp += 1
            errors.append((p, score))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "false_alert_rate": fp / (fp + tn) if fp + tn else 0.0,
        "errors": errors,
    }


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_nomenklatura_cases(path: Path | str) -> list[Pair]:
    out = []
    for n, row in enumerate(_rows(Path(path)), start=2):
        label = (row.get("is_match") or "").strip().lower()
        if label not in ("true", "false") or not row.get("name1") or not row.get("name2"):
            raise EvaluationDataError(
                path, n, f"expected name1, name2 and is_match true/false, got {label!r}"
            )
        out.append(
            Pair(
                row["name1"],
                row["name2"],
                label == "true",
                row.get("schema") or "Person",
                row.get("case_group", ""),
            )
        )
    return out


def load_mof_pairs(path: Path | str, negatives_per_query: int = 5, seed: int = 7) -> list[Pair]:
    """Katakana ↔ English pairs of the same party (positives) and, per katakana name, English names of
    ``negatives_per_query`` other parties of the same schema drawn at random (negatives)."""
    rows = []
    for n, row in enumerate(_rows(Path(path)), start=2):
        ja, en = (row.get("name_ja") or "").strip(), " ".join((row.get("name_en") or "").split())
        if not ja or not en:
            continue
        schema = row.get("schema_guess") or "Person"
        if schema not in ("Person", "Organization"):
            raise EvaluationDataError(path, n, f"unknown schema_guess {schema!r}")
        rows.append((ja, en, schema))
    rng = random.Random(seed)
    out = [Pair(ja, en, True, schema, "mof") for ja, en, schema in rows]
    by_schema: dict[str, list[str]] = {}
    for _ja, en, schema in rows:
        by_schema.setdefault(schema, []).append(en)
    for ja, en, schema in rows:
        pool = by_schema[schema]
        picked = set()
        while len(picked) < min(negatives_per_query, len(pool) - 1):
            other = rng.choice(pool)
            if other != en and _norm(other) != _norm(en):
                picked.add(other)
        out.extend(Pair(ja, other, False, schema, "mof-negative") for other in sorted(picked))
    return out


def load_watchman_pairs(path: Path | str) -> list[Pair]:
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) >= 2 and row[0].strip() and row[1].strip():
                out.append(Pair(row[0].strip(), row[1].strip(), True, "Person", "watchman"))
    return out


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def main(argv: list[str]) -> int:
    base = Path(argv[0]) if argv else Path("/work/shared/data/bench/names")
    matcher = Matcher()
    sets = {
        "nomenklatura_cases": load_nomenklatura_cases(base / "nomenklatura_cases.csv"),
        "mof_katakana_english": load_mof_pairs(base / "mof_katakana_english_pairs.csv"),
        "watchman_cross_script": load_watchman_pairs(base / "watchman_cross_script_pairs.csv"),
    }
    for name, pairs in sets.items():
        r = evaluate_pairs(pairs, matcher)
        print(
            f"{name}: n={r['pairs']} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} FA={r['false_alert_rate']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
