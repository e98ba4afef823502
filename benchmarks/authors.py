"""Author disambiguation on the S2AND fixtures: B³ precision / recall / F1 vs a name-only baseline.

Reads ``bench/authors/`` (signatures → true clusters). Each signature becomes a
:class:`rsec.engine.evidence.authors.Signature` (name parts, affiliations, co-authors from the
paper's author list where a papers file exists) and is clustered by
:func:`~rsec.engine.evidence.authors.cluster_signatures`; the baseline groups identical
normalised full names (:func:`~rsec.engine.evidence.authors.cluster_name_only`).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._report import SHARED_DATA, table, write_section  # noqa: E402
from rsec.engine.evidence.authors import (  # noqa: E402
    PersonQuery,
    Signature,
    b3_scores,
    cluster_name_only,
    cluster_signatures,
    name_similarity,
    resolve_person,
)
from rsec.engine.evidence.model import Authorship, Work  # noqa: E402

BENCH = SHARED_DATA / "bench" / "authors"


def _load(name: str):
    with gzip.open(BENCH / name, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def load_set(prefix: str) -> tuple[list[Signature], list[list[str]]]:
    sigs_raw = _load(f"{prefix}_signatures.json.gz")
    clusters = _load(f"{prefix}_clusters.json.gz")
    papers = _load(f"{prefix}_papers.json.gz") if (BENCH / f"{prefix}_papers.json.gz").exists() else {}
    sigs: list[Signature] = []
    for sid, raw in sigs_raw.items():
        info = raw["author_info"]
        first = " ".join(x for x in (info.get("first"), info.get("middle")) if x)
        last = info.get("last") or ""
        paper = papers.get(str(raw["paper_id"]), {})
        coauthors = [
            a["author_name"] for a in paper.get("authors", []) if a.get("position") != info.get("position")
        ]
        sigs.append(
            Signature(
                id=sid,
                name=f"{first} {last}".strip(),
                first=first,
                last=last,
                affiliations=list(info.get("affiliations") or []),
                coauthors=coauthors,
                work_id=str(raw["paper_id"]),
                year=paper.get("year"),
            )
        )
    truth = [list(c["signature_ids"]) for c in clusters.values()]
    return sigs, truth


def resolution_scores(sigs: list[Signature], truth: list[list[str]]) -> list[list[object]]:
    """Person → author records as due diligence uses it: for every true cluster with an affiliation, the
    'declaration' is the first signature's name and affiliations; the candidates are all other signatures
    of the same name block. Precision / recall of the mentions accepted as that person (``match``), against
    a name-only rule (every candidate whose name passes the gate)."""
    from collections import defaultdict

    from rsec.engine.evidence.authors import DEFAULT_CONFIG, _block_key

    by_id = {s.id: s for s in sigs}
    block_of: dict[str, list[Signature]] = defaultdict(list)
    for s in sigs:
        block_of[_block_key(s)].append(s)
    works = {
        s.id: Work(
            id=s.id, year=s.year, authorships=[Authorship(name=s.name, raw_affiliations=list(s.affiliations))]
        )
        for s in sigs
    }
    tp = fp = fn = 0
    base_tp = base_fp = base_fn = 0
    queries = 0
    t0 = time.perf_counter()
    for cluster in truth:
        seed = next((by_id[i] for i in cluster if by_id[i].affiliations), None)
        if seed is None or len(cluster) < 2:
            continue
        queries += 1
        members = set(cluster) - {seed.id}
        cands = [s for s in block_of[_block_key(seed)] if s.id != seed.id]
        query = PersonQuery(names=[seed.name], institutions=list(seed.affiliations))
        got = {
            m.signature.work_id
            for m in resolve_person(query, [works[c.id] for c in cands])
            if m.decision == "match"
        }
        tp += len(got & members)
        fp += len(got - members)
        fn += len(members - got)
        base = {
            c.id for c in cands if (name_similarity(seed.name, c.name).score or 0) >= DEFAULT_CONFIG.name_gate
        }
        base_tp += len(base & members)
        base_fp += len(base - members)
        base_fn += len(members - base)
    seconds = time.perf_counter() - t0

    def prf(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    return [
        ["name passes the gate (baseline)", queries, *prf(base_tp, base_fp, base_fn)],
        ["resolve_person: name + affiliation (match)", queries, *prf(tp, fp, fn)],
        ["(time for both)", "", "", "", f"{seconds:.1f}s"],
    ]


def main() -> int:
    if not BENCH.exists():
        print(f"benchmark data not found: {BENCH}")
        return 1
    rows = []
    for prefix in ("qian", "dummy"):
        sigs, truth = load_set(prefix)
        t0 = time.perf_counter()
        base = cluster_name_only(sigs)
        t_base = time.perf_counter() - t0
        t0 = time.perf_counter()
        ours = cluster_signatures(sigs)
        t_ours = time.perf_counter() - t0
        for label, pred, t in (
            ("name-only baseline", base, t_base),
            ("name + affiliation + co-authors", ours, t_ours),
        ):
            p, r, f = b3_scores(pred, truth)
            rows.append(
                [prefix, len(sigs), len(truth), label, len(pred), p, r, f, f"{t:.2f}s", f"{t / t_base:.1f}×"]
            )
    qsigs, qtruth = load_set("qian")
    resolution = resolution_scores(qsigs, qtruth)
    # cross-script spot check: declared Japanese / Chinese forms against their Latin form
    pairs = [
        ("山田 太郎", "Taro Yamada"),
        ("やまだ たろう", "T. Yamada"),
        ("张伟", "Wei Zhang"),
        ("山田 太郎", "Jiro Yamada"),
    ]
    spot = [[a, b, name_similarity(a, b).score] for a, b in pairs]
    body = (
        "S2AND fixtures (`bench/authors/`): `qian` = 6,542 signatures in 1,188 true clusters, mostly Chinese "
        "names, affiliations on 76 % of signatures, no paper file (so no co-authors); `dummy` = 9 signatures "
        "with papers. B³ precision / recall / F1 over signatures. Baseline = one cluster per normalised full "
        "name. The one tunable chosen on this set (`bare_to_largest`) was chosen on this same "
        "development split, so the figure is optimistic. Timings on 2 cores shared with other jobs; the ratio is "
        "against the baseline in the same run.\n\n"
        + table(
            [
                "set",
                "signatures",
                "true clusters",
                "method",
                "clusters",
                "B³ P",
                "B³ R",
                "B³ F1",
                "time",
                "× baseline",
            ],
            rows,
        )
        + "\n\nPerson → author records on `qian` (how due diligence uses it): per true cluster, the first "
        "signature with an affiliation plays the declaration (name + affiliation); every other signature of its "
        "name block is a candidate. Mentions accepted as the person (`match`) vs. every mention whose name "
        "passes the gate. Recall is bounded because people move and 24 % of signatures carry no affiliation; "
        "those are left as `possible` for an officer, not accepted.\n\n"
        + table(["rule", "queries", "precision", "recall", "F1"], resolution)
        + "\n\nCross-script name feature (score 0–1, gate 0.80):\n\n"
        + table(["declared", "found", "score"], spot)
    )
    write_section("authors", "Author disambiguation (person → author records)", body, "benchmarks/authors.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
