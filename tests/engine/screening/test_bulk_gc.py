"""Bulk screening tunes the garbage collector only while it runs (P-3 bulk checks of a roster)."""

from __future__ import annotations

import gc

from screening_helpers import SimpleMatcher, SimpleQuery, simple_keys, synthetic_entities

from rsec.engine.lists.screening import BULK_GC_MIN_QUERIES, bulk_gc, screen_queries
from rsec.engine.names.index import ScreeningIndex


def test_bulk_gc_is_restored_after_the_run_and_on_error():
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with bulk_gc(BULK_GC_MIN_QUERIES):
        assert gc.get_threshold() != before
        assert gc.get_freeze_count() >= frozen
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen
    try:
        with bulk_gc(BULK_GC_MIN_QUERIES):
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen
    with bulk_gc(BULK_GC_MIN_QUERIES - 1):  # a small run leaves the collector alone
        assert gc.get_threshold() == before


def test_bulk_screening_leaves_the_collector_as_it_found_it():
    index = ScreeningIndex.build(synthetic_entities(200, seed=3), key_fn=simple_keys, matcher=SimpleMatcher())
    before = gc.get_threshold()
    queries = [(str(i), SimpleQuery(f"name {i}")) for i in range(BULK_GC_MIN_QUERIES)]
    results = list(screen_queries(index, queries, workers=1))
    assert [qid for qid, _ in results] == [qid for qid, _ in queries]
    assert gc.get_threshold() == before


def test_survivors_of_a_bulk_run_join_the_oldest_generation_and_cycles_are_still_collected():
    import weakref

    class Node:
        pass

    with bulk_gc(BULK_GC_MIN_QUERIES):
        kept = [[i] for i in range(2000)]  # what a run keeps: its caches (lists are always tracked)
        cycle = Node()
        cycle.me = cycle  # garbage that only the cyclic collector frees
        dead = weakref.ref(cycle)
        del cycle
    # the survivors are not left in the young generations, to be scanned again by their next collections
    young = {id(o) for g in (0, 1) for o in gc.get_objects(generation=g)}
    assert not any(id(d) in young for d in kept)
    assert any(o is kept[0] for o in gc.get_objects(generation=2))
    assert dead() is not None  # the run did not stop to collect it …
    gc.collect()
    assert dead() is None  # … and the next full collection does
