"""Score name pairs with OpenSanctions' nomenklatura matcher logic-v2, for ``benchmarks/screening.py``.

Runs inside a SEPARATE virtualenv that holds ``nomenklatura`` (created by the benchmark script); it imports
nothing from rsec. Input (stdin): one JSON object per line ``{"schema": S, "q": NAME, "c": NAME}``.
Output (stdout): one JSON object ``{"scores": [...], "seconds": S, "version": V}`` where ``seconds`` is the
time spent in ``LogicV2.compare`` alone (entity construction and a warm-up on the first pairs excluded), so throughput is comparable with
rsec's pairwise matcher.
"""

from __future__ import annotations

import json
import sys
import time
from importlib.metadata import version


def main() -> int:
    from followthemoney import model
    from nomenklatura.matching import LogicV2

    config = LogicV2.default_config()
    pairs = []
    for n, line in enumerate(sys.stdin):
        if not line.strip():
            continue
        row = json.loads(line)
        schema = row.get("schema") or "LegalEntity"
        if schema not in ("Person", "Organization", "Company", "LegalEntity"):
            schema = "LegalEntity"
        q = model.make_entity(schema)
        q.id = f"q{n}"
        q.add("name", row["q"])
        c = model.make_entity(schema)
        c.id = f"c{n}"
        c.add("name", row["c"])
        pairs.append((q, c))
    for q, c in pairs[:20]:  # warm up: ICU transliterators and caches load on first use
        LogicV2.compare(q, c, config)
    scores = []
    start = time.perf_counter()
    for q, c in pairs:
        scores.append(LogicV2.compare(q, c, config).score)
    seconds = time.perf_counter() - start
    json.dump({"scores": scores, "seconds": seconds, "version": version("nomenklatura")}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
