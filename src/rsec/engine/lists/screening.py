"""Bulk screening and re-screening (再スクリーニング) of a roster against watch lists.

* :func:`screen_queries` screens many queries against a :class:`~rsec.engine.names.index.ScreeningIndex`,
  optionally on several processes, and yields the results in input order.
* Re-screening after a list update (P-6: 「リストが変更された場合」 — repeat ① when a list changes) must raise
  only what is new, and must cost time in proportion to the *change*, not to the roster. So the roster is
  indexed once by its name keys (:class:`RosterIndex`); on an update only the added, removed and changed
  entities are looked up in it (each entity name is a small query against the roster), and the pairs found
  are scored exactly with the same matcher. :func:`rescreen` returns the hits that appeared, changed or
  disappeared — the same as screening the whole roster against both snapshots and diffing, for the
  roster's full hit sets (all hits at or above the threshold, no per-query limit).
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rsec.engine.lists.model import ListEntity
from rsec.engine.lists.snapshot import Snapshot, SnapshotDiff
from rsec.engine.lists.snapshot import diff as snapshot_diff
from rsec.engine.names import warm_up
from rsec.engine.names.index import (
    CANDIDATES,
    MIN_OVERLAP,
    SCAN_CAP,
    Hit,
    KeyFn,
    KeyPostings,
    ScreeningIndex,
    default_key_fn,
)

#: Bulk screening uses worker processes only above this many queries (start-up costs ~0.1 s).
PARALLEL_MIN_QUERIES = 2_000


def _default_threshold(threshold: float | None) -> float:
    if threshold is not None:
        return threshold
    from rsec.engine.names import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD


# -- bulk screening --------------------------------------------------------------------------------
_WORKER_INDEX: ScreeningIndex | None = None
_WORKER_ARGS: dict[str, Any] = {}


def _init_worker(index: ScreeningIndex | None, args: dict[str, Any]) -> None:
    global _WORKER_INDEX, _WORKER_ARGS
    if index is not None:
        _WORKER_INDEX = index
    _WORKER_ARGS = args


def _screen_chunk(chunk: list[tuple[str, Any]]) -> list[tuple[str, list[Hit]]]:
    assert _WORKER_INDEX is not None
    return [(qid, _WORKER_INDEX.search(q, **_WORKER_ARGS)) for qid, q in chunk]


def screen_queries(
    index: ScreeningIndex,
    queries: Iterable[tuple[str, Any]],
    limit: int | None = 10,
    threshold: float | None = None,
    workers: int | None = None,
    chunk_size: int = 256,
) -> Iterator[tuple[str, list[Hit]]]:
    """Screen ``(id, Query)`` pairs; yields ``(id, hits)`` in input order.

    ``workers`` None picks ``os.cpu_count()`` processes when there are at least
    :data:`PARALLEL_MIN_QUERIES` queries and the platform can fork (the index, memory-mapped or
    not, is shared with the workers copy-on-write); 1 means in-process.
    """
    args = {"limit": limit, "threshold": _default_threshold(threshold)}
    items = list(queries)
    if workers is None:
        workers = (os.cpu_count() or 1) if len(items) >= PARALLEL_MIN_QUERIES else 1
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or not can_fork or len(items) < 2 * chunk_size:
        with bulk_gc(len(items)):
            for qid, q in items:
                yield qid, index.search(q, **args)
        return
    # Warm the lazily created matcher and dictionaries in the parent so that workers inherit them.
    _ = index.matcher
    warm_up()
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    ctx = multiprocessing.get_context("fork")
    _init_worker(index, args)
    with bulk_gc(len(items)), ctx.Pool(workers, initializer=_init_worker, initargs=(None, args)) as pool:
        for result in pool.imap(_screen_chunk, chunks):
            yield from result


#: Bulk runs of at least this many queries tune the garbage collector (see :func:`bulk_gc`).
BULK_GC_MIN_QUERIES = 500
#: allocations between two young-generation collections during a bulk run (see :func:`bulk_gc`)
BULK_GC_THRESHOLD = 1_000_000


@contextmanager
def bulk_gc(n_queries: int) -> Iterator[None]:
    """Garbage collection tuned for a bulk run, restored afterwards.

    Screening allocates many small objects and keeps many in its caches (readings, token similarities),
    so the collector's default thresholds make it re-scan those caches over and over: about a quarter
    of the CPU time of a bulk run. Objects alive at the start (the index, dictionaries) are frozen out
    of collection (which also spares forked workers copying their pages), and young-generation
    collections wait for a million allocations (:data:`BULK_GC_THRESHOLD`): what survives them is the
    caches, which no collection frees, while the cycles a run leaves are a few hundred objects per
    thousand queries. Reference counting still frees almost everything at once; only cycles wait longer.
    Afterwards the run's survivors join the oldest generation, as the long-lived objects they are."""
    if n_queries < BULK_GC_MIN_QUERIES:
        yield
        return
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(BULK_GC_THRESHOLD, 20, 20)
    try:
        yield
    finally:
        # what survived the run is the caches (readings, similarities, prepared candidates), which live
        # as long as the process: they join the oldest generation with the objects frozen at the start,
        # instead of being scanned again by the young generations' next collections
        gc.freeze()
        gc.set_threshold(*old)
        gc.unfreeze()


# -- re-screening ----------------------------------------------------------------------------------
def _as_snapshot(value: Snapshot | Iterable[ListEntity]) -> Snapshot:
    if isinstance(value, Snapshot):
        return value
    return Snapshot(list="", source="", format="", published="", sha256="", entities={e.id: e for e in value})


def diff_snapshots(
    old: Snapshot | Iterable[ListEntity], new: Snapshot | Iterable[ListEntity]
) -> SnapshotDiff:
    """Added, removed and changed entities between two snapshots (or two collections of entities)."""
    return snapshot_diff(_as_snapshot(old), _as_snapshot(new))


@dataclass(frozen=True)
class RosterHit:
    """A hit of one roster member (by id) on one listed entity."""

    query_id: str
    hit: Hit


@dataclass
class RescreenResult:
    """Outcome of a re-screening: only what differs from the previous snapshot's hits."""

    new: list[RosterHit] = field(default_factory=list)  # pairs that did not hit before
    changed: list[tuple[RosterHit, RosterHit]] = field(default_factory=list)  # (old, new) score/text changed
    gone: list[RosterHit] = field(default_factory=list)  # pairs that no longer hit
    pairs_scored: int = 0  # exact comparisons made: the cost, proportional to the change

    def keyed(self) -> dict[str, set]:
        return {
            "new": {(r.query_id, r.hit.list_entity_id) for r in self.new},
            "changed": {(o.query_id, o.hit.list_entity_id) for o, _ in self.changed},
            "gone": {(r.query_id, r.hit.list_entity_id) for r in self.gone},
        }


class RosterIndex:
    """The roster (people and organisations under screening) indexed by their name keys.

    Built once per roster (or roster change) and reused for every list update.
    """

    def __init__(
        self,
        roster: Mapping[str, Any] | Sequence[tuple[str, Any]],
        key_fn: KeyFn | None = None,
        matcher: Any = None,
    ):
        items = list(roster.items()) if isinstance(roster, Mapping) else list(roster)
        self.ids = [qid for qid, _ in items]
        self.queries = [q for _, q in items]
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("roster ids must be unique")
        self.key_fn = key_fn or default_key_fn()
        self.postings = KeyPostings.build(
            [set(self.key_fn(q.name, getattr(q, "schema", None) or "Person")) for q in self.queries]
        )
        self._matcher = matcher

    @property
    def matcher(self) -> Any:
        if self._matcher is None:
            from rsec.engine.names import Matcher

            self._matcher = Matcher()
        return self._matcher

    def __len__(self) -> int:
        return len(self.ids)

    def members_for(
        self,
        entity: ListEntity,
        candidates: int = CANDIDATES,
        scan_cap: int = SCAN_CAP,
        min_overlap: float = MIN_OVERLAP,
    ) -> set[int]:
        """Roster members that share name keys with any name of ``entity`` (bounded work per name), with
        at least the key overlap a full screen asks of a candidate (``min_overlap``): a member that a full
        screen would not compare is not compared here either."""
        found: set[int] = set()
        for name in dict.fromkeys(entity.all_names()):
            keys = self.key_fn(name, entity.schema)
            cand = self.postings.candidates(keys, limit=candidates, scan_cap=scan_cap, min_score=min_overlap)
            found.update(np.asarray(cand.ids).tolist())
        return found

    def hits_for(
        self, entities: Iterable[ListEntity], threshold: float, candidates: int = CANDIDATES
    ) -> tuple[dict[tuple[str, str], RosterHit], int]:
        """All roster hits on ``entities`` at or above ``threshold``, keyed by (roster id, entity id)."""
        out: dict[tuple[str, str], RosterHit] = {}
        scored = 0
        matcher = self.matcher
        for entity in entities:
            for member in sorted(self.members_for(entity, candidates)):
                query = self.queries[member]
                result = matcher.compare(query, entity)
                scored += 1
                score = float(result.score)
                if score >= threshold and not math.isnan(score):
                    qid = self.ids[member]
                    hit = Hit(
                        list_entity_id=entity.id,
                        list=entity.list,
                        score=score,
                        matched_name=result.matched_name,
                        explanation=result.explanation,
                        schema=entity.schema,
                        caption=entity.caption,
                    )
                    out[(qid, entity.id)] = RosterHit(qid, hit)
        return out, scored


def rescreen(
    roster: RosterIndex,
    diff: SnapshotDiff | None = None,
    *,
    old: Snapshot | Iterable[ListEntity] | None = None,
    new: Snapshot | Iterable[ListEntity] | None = None,
    threshold: float | None = None,
    candidates: int = CANDIDATES,
) -> RescreenResult:
    """Hits that appeared, changed or disappeared between two list snapshots.

    Give either ``diff`` (:class:`~rsec.engine.lists.snapshot.SnapshotDiff`) or both ``old`` and ``new``
    (snapshots or collections of entities, then diffed by content hash). Work is proportional to the size
    of the diff: only the old versions of removed and changed entities and the new
    versions of added and changed ones are looked up in the roster index.
    """
    if diff is None:
        if old is None or new is None:
            raise ValueError("rescreen needs a diff or both snapshots")
        diff = diff_snapshots(old, new)
    thr = _default_threshold(threshold)
    before_entities = [*diff.removed, *(c.old for c in diff.changed)]
    after_entities = [*diff.added, *(c.new for c in diff.changed)]
    before, cost_before = roster.hits_for(before_entities, thr, candidates)
    after, cost_after = roster.hits_for(after_entities, thr, candidates)
    result = RescreenResult(pairs_scored=cost_before + cost_after)
    for key, rh in after.items():
        old_rh = before.get(key)
        if old_rh is None:
            result.new.append(rh)
        elif (old_rh.hit.score, old_rh.hit.matched_name, old_rh.hit.explanation) != (
            rh.hit.score,
            rh.hit.matched_name,
            rh.hit.explanation,
        ):
            result.changed.append((old_rh, rh))
    result.gone = [rh for key, rh in before.items() if key not in after]
    order = {qid: i for i, qid in enumerate(roster.ids)}

    def sort_key(rh: RosterHit) -> tuple:
        return (order[rh.query_id], -rh.hit.score, rh.hit.list_entity_id)

    result.new.sort(key=sort_key)
    result.gone.sort(key=sort_key)
    result.changed.sort(key=lambda pair: sort_key(pair[1]))
    return result


def full_screen_hits(
    index: ScreeningIndex,
    roster: Mapping[str, Any] | Sequence[tuple[str, Any]],
    threshold: float | None = None,
    candidates: int = CANDIDATES,
) -> dict[tuple[str, str], Hit]:
    """Every roster hit against a whole index (the baseline that :func:`rescreen` avoids)."""
    items = list(roster.items()) if isinstance(roster, Mapping) else list(roster)
    thr = _default_threshold(threshold)
    out: dict[tuple[str, str], Hit] = {}
    for qid, query in items:
        for hit in index.search(
            query, limit=None, threshold=thr, candidates=candidates, max_compare=None, cutoff=0.0
        ):
            out[(qid, hit.list_entity_id)] = hit
    return out
