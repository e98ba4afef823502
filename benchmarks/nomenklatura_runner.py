"""Score name pairs with OpenSanctions' nomenklatura matcher logic-v2, for ``benchmarks/screening.py``.

Runs inside a SEPARATE virtualenv that holds ``nomenklatura`` (created by the benchmark script); it imports
nothing from rsec. Input (stdin): one JSON object per line ``{"schema": S, "q": NAME, "c": NAME or [NAMES], "c_schema": S}``
(``c_schema`` defaults to ``schema``; a list gives the candidate entity several names).
Output (stdout): one JSON object ``{"scores": [...], "seconds": S, "version": V}`` where ``seconds`` is the
time spent in ``LogicV2.compare`` alone (entity construction and a warm-up on the first pairs excluded), so throughput is comparable with
rsec's pairwise matcher.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from importlib.metadata import version


def _schema(schema: str | None) -> str:
    return schema if schema in ("Person", "Organization", "Company", "LegalEntity") else "LegalEntity"


def main() -> int:
    from followthemoney import model
    from nomenklatura.matching import LogicV2

    config = LogicV2.default_config()
    pairs = []
    for n, line in enumerate(sys.stdin):
        if not line.strip():
            continue
        row = json.loads(line)
        schema = _schema(row.get("schema"))
        q = model.make_entity(schema)
        q.id = f"q{n}"
        q.add("name", row["q"])
        c = model.make_entity(_schema(row.get("c_schema") or schema))
        c.id = f"c{n}"
        for name in row["c"] if isinstance(row["c"], list) else [row["c"]]:
            c.add("name", name)
        pairs.append((q, c))
    for q, c in pairs[:20]:  # warm up: ICU transliterators and caches load on first use
        LogicV2.compare(q, c, config)
    # the same garbage-collector tuning rsec's bulk screening applies (rsec.engine.lists.screening.bulk_gc)
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    scores = []
    errors = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for q, c in pairs:
        try:
            scores.append(LogicV2.compare(q, c, config).score)
        except Exception:  # noqa: BLE001 - counted and reported, scored 0
            errors += 1
            scores.append(0.0)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    out = {
        "scores": scores,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "errors": errors,
        "version": version("nomenklatura"),
    }
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
