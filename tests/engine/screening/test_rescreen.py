"""Re-screening after a list update (P-6: repeat ① when a list changes; raise only what is new)."""

from __future__ import annotations

import random
import time

from screening_helpers import SimpleMatcher, SimpleQuery, simple_keys, synthetic_entities, synthetic_name

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.lists.screening import RosterIndex, diff_snapshots, full_screen_hits, rescreen
from rsec.engine.names.index import ScreeningIndex

THRESHOLD = 0.85


def _roster(n: int, seed: int = 1) -> list[tuple[str, SimpleQuery]]:
    rng = random.Random(seed)
    return [(f"r{i}", SimpleQuery(synthetic_name(rng))) for i in range(n)]


def _update(old: list[ListEntity], roster, n_changes: int, seed: int) -> list[ListEntity]:
    """A new snapshot with about ``n_changes`` entities added, removed or changed; many of the
    changes bring in (or take away) names of roster members, so hits appear, change and vanish."""
    rng = random.Random(seed)
    new = {e.id: e for e in old}
    ids = sorted(new)
    per = max(1, n_changes // 3)
    for i in range(per):  # added: a roster member's name, slightly altered sometimes
        _, q = rng.choice(roster)
        name = q.name if rng.random() < 0.5 else q.name + "a"
        new[f"add:{seed}:{i}"] = ListEntity(f"add:{seed}:{i}", "Person", [Name.of(name)], "syn")
    for eid in rng.sample(ids, per):  # removed
        del new[eid]
    remaining = [i for i in ids if i in new]
    for eid in rng.sample(remaining, per):  # changed: new alias, sometimes a roster member's name
        e = new[eid]
        alias = rng.choice(roster)[1].name if rng.random() < 0.5 else synthetic_name(rng)
        new[eid] = ListEntity(eid, e.schema, [*e.names, Name.of(alias, kind="alias")], e.list)
    return list(new.values())


def _old_list(roster) -> list[ListEntity]:
    old = synthetic_entities(4000, seed=9)
    rng = random.Random(4)
    for i, (_, q) in enumerate(rng.sample(roster, 40)):  # pre-existing hits, some of them later removed
        old.append(ListEntity(f"pre:{i}", "Person", [Name.of(q.name)], "syn"))
    return old


def test_rescreen_equals_full_rescreen_diffed():
    """Only new, changed and vanished hits are reported, and they are exactly what a full re-screen
    of the whole roster against both snapshots would show after diffing."""
    roster = _roster(3000)
    old = _old_list(roster)
    new = _update(old, roster, 90, seed=2)
    matcher = SimpleMatcher()
    roster_index = RosterIndex(roster, key_fn=simple_keys, matcher=matcher)
    result = rescreen(roster_index, old=old, new=new, threshold=THRESHOLD)

    full_old = full_screen_hits(ScreeningIndex.build(old, simple_keys, matcher), roster, THRESHOLD)
    full_new = full_screen_hits(ScreeningIndex.build(new, simple_keys, matcher), roster, THRESHOLD)
    expected_new = full_new.keys() - full_old.keys()
    expected_gone = full_old.keys() - full_new.keys()
    expected_changed = {k for k in full_new.keys() & full_old.keys() if full_new[k] != full_old[k]}

    got = result.keyed()
    assert got["new"] == expected_new
    assert got["gone"] == expected_gone
    assert got["changed"] == expected_changed
    assert expected_new and expected_gone  # the scenario really exercises both directions
    # Scores reported equal those of the full screen.
    for rh in result.new:
        assert rh.hit.score == full_new[(rh.query_id, rh.hit.list_entity_id)].score


def test_no_change_means_no_work():
    roster = _roster(500)
    old = _old_list(roster)
    result = rescreen(
        RosterIndex(roster, simple_keys, SimpleMatcher()), old=old, new=list(old), threshold=0.5
    )
    assert (result.new, result.changed, result.gone, result.pairs_scored) == ([], [], [], 0)


def test_rescreen_time_is_proportional_to_the_change():
    """10,000-person roster: a 10-entity change costs a small fraction of a 1,000-entity change and of
    a full re-screen (the roster index is built once, as it would be kept between list updates)."""
    roster = _roster(10_000, seed=3)
    old = synthetic_entities(5000, seed=8)
    roster_index = RosterIndex(roster, key_fn=simple_keys, matcher=SimpleMatcher())
    small = diff_snapshots(old, _update(old, roster, 10, seed=5))
    large = diff_snapshots(old, _update(old, roster, 1000, seed=6))
    assert 9 <= len(small.added) + len(small.removed) + len(small.changed) <= 12
    assert 990 <= len(large.added) + len(large.removed) + len(large.changed) <= 1002

    def timed(diff):
        best, result = float("inf"), None
        for _ in range(3):
            t = time.perf_counter()
            result = rescreen(roster_index, diff, threshold=THRESHOLD)
            best = min(best, time.perf_counter() - t)
        return best, result

    t_small, r_small = timed(small)
    t_large, r_large = timed(large)
    # Deterministic cost measure: exact comparisons made.
    assert r_large.pairs_scored > 20 * max(r_small.pairs_scored, 1)
    # Wall-clock: expected ~100x; asserted with a wide margin for a shared, noisy machine.
    assert t_large > 10 * t_small, (t_small, t_large)

    # A full re-screen of the roster against the new list is far slower than the small update.
    index = ScreeningIndex.build(old, simple_keys, SimpleMatcher())
    sample = roster[:1000]
    t = time.perf_counter()
    full_screen_hits(index, sample, THRESHOLD)
    t_full = (time.perf_counter() - t) * len(roster) / len(sample)
    assert t_full > 20 * t_small, (t_small, t_full)


def test_rescreen_with_cross_script_matcher_on_a_real_format():
    """P-6 with the real key function and matcher: a list update that adds a kanji alias and a new
    katakana-named party raises exactly those hits for Latin-script roster names; a removal clears its hit."""
    from pathlib import Path

    from rsec.engine.lists.readers import read_list
    from rsec.engine.names import Query

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "screening" / "watch_simple.csv"
    old = list(read_list(fixture, "csv"))
    by_id = {e.id.rsplit(":", 1)[-1]: e for e in old}
    new = [e for e in old if not e.id.endswith("p2")]  # removed: the Russian entry
    kenta = by_id["p3"]
    new[new.index(kenta)] = ListEntity(
        kenta.id, kenta.schema, [*kenta.names, Name.of("森川健太", kind="alias")], kenta.list,
        countries=kenta.countries, birth_dates=kenta.birth_dates,
    )  # fmt: skip
    new.append(ListEntity("csv:n1", "Person", [Name.of("サトウ・ミナミ")], "csv"))
    roster = RosterIndex(
        [
            ("alice", Query("Minami Sato", "Person")),
            ("bob", Query("Ivan Petrovsky-Dalin", "Person")),
            ("carol", Query("Kenji Moriwaki", "Person")),
            ("dave", Query("Ulla Brandtner", "Person")),
        ]
    )
    result = rescreen(roster, old=old, new=new)
    keyed = result.keyed()
    assert ("alice", "csv:n1") in keyed["new"]
    assert ("bob", by_id["p2"].id) in keyed["gone"]
    assert not any(qid in ("carol", "dave") for qid, _ in keyed["new"] | keyed["gone"])
    assert result.pairs_scored < 4 * len(roster)  # only the three changed entities were looked up


def test_roster_lookup_takes_the_full_screens_overlap_floor():
    """A roster member sharing one word of six with a listed name is not compared on re-screening, as a
    full screen would not compare it; one sharing every word is."""
    rng = random.Random(3)
    roster = _roster(300, seed=3)
    roster += [
        ("same", SimpleQuery("Kessler Morgan Hayward Quint")),
        ("one-word", SimpleQuery("Kessler Abbott Brill Corr Dunne Eads")),
    ]
    roster += [(f"f{i}", SimpleQuery(f"{synthetic_name(rng)} Abbott Brill")) for i in range(20)]
    entity = ListEntity("x1", "Person", [Name.of("Kessler Morgan Hayward Quint")], "syn")
    index = RosterIndex(roster, key_fn=simple_keys, matcher=SimpleMatcher())
    members = {index.ids[m] for m in index.members_for(entity)}
    unfloored = {index.ids[m] for m in index.members_for(entity, min_overlap=0.0)}
    assert "same" in members and "one-word" not in members
    assert "one-word" in unfloored  # the floor, not the key lookup, keeps it out
    # the list side: the same entity among others that carry the member's other words
    others = [
        ListEntity(f"o{i}", "Person", [Name.of(q.name)], "syn") for i, (_, q) in enumerate(roster[-20:])
    ]
    others.append(ListEntity("o-corr", "Person", [Name.of("Corr Dunne Eads Fenn")], "syn"))
    listed = ScreeningIndex.build([entity, *others], simple_keys, SimpleMatcher())
    assert 0 not in listed.candidate_entities(SimpleQuery("Kessler Abbott Brill Corr Dunne Eads"), cutoff=0.0)
    assert 0 in listed.candidate_entities(SimpleQuery("Kessler Morgan Hayward Quint"), cutoff=0.0)
