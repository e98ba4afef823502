"""Screening index: retrieval, exact scoring, persistence and the sublinearity bound (P-3 list screening)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from screening_helpers import SimpleMatcher, SimpleQuery, simple_keys, synthetic_entities, synthetic_name

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names.index import IndexFormatError, KeyPostings, ScreeningIndex, _query_hashes, key_hash


def _people() -> list[ListEntity]:
    return [
        ListEntity("t:1", "Person", [Name.of("Kalin Moreno Dast"), Name.of("K. M. Dast", kind="alias")], "t"),
        ListEntity("t:2", "Person", [Name.of("Kalin Moren")], "t", countries=["ru"]),
        ListEntity("t:3", "Organization", [Name.of("Dast Trading Company")], "u"),
        ListEntity("t:4", "Person", [Name.of("Ilse Varga")], "u", birth_dates=["1960"]),
    ]


def test_search_finds_alias_and_orders_best_first():
    """P-3 (1): names and aliases of listed parties are both searchable; hits best first, thresholded."""
    index = ScreeningIndex.build(_people(), key_fn=simple_keys, matcher=SimpleMatcher())
    wide = {"cutoff": 0.0, "min_overlap": 0.0}  # score every candidate sharing a key
    hits = index.search(SimpleQuery("Kalin Moren"), threshold=0.5, **wide)
    assert [h.list_entity_id for h in hits][:2] == ["t:2", "t:1"]
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
    assert all(h.score >= 0.5 for h in hits)
    alias_hits = index.search(SimpleQuery("K. M. Dast"), threshold=0.9)
    assert alias_hits and alias_hits[0].list_entity_id == "t:1"
    assert alias_hits[0].matched_name == "K. M. Dast"
    assert alias_hits[0].list == "t"
    # A high threshold filters out the partial match; limit caps the list.
    assert [h.list_entity_id for h in index.search(SimpleQuery("Kalin Moren"), threshold=0.99, **wide)] == [
        "t:2"
    ]
    assert len(index.search(SimpleQuery("Kalin Moren"), threshold=0.0, limit=1, **wide)) == 1
    # The default exact-scoring budget skips the weak partial candidate altogether.
    assert [h.list_entity_id for h in index.search(SimpleQuery("Kalin Moren"), threshold=0.5)] == ["t:2"]


def test_unknown_keys_give_no_hits_and_no_matcher_calls():
    matcher = SimpleMatcher()
    index = ScreeningIndex.build(_people(), key_fn=simple_keys, matcher=matcher)
    assert index.search(SimpleQuery("Zzyzx Qwerty"), threshold=0.0) == []
    assert matcher.calls == 0


def test_save_load_round_trip_equals_fresh_build(tmp_path):
    """A saved and re-loaded index answers exactly as the freshly built one."""
    entities = synthetic_entities(3000, seed=3) + _people()
    fresh = ScreeningIndex.build(entities, key_fn=simple_keys, matcher=SimpleMatcher())
    fresh.save(tmp_path / "idx")
    loaded = ScreeningIndex.load(tmp_path / "idx", key_fn=simple_keys, matcher=SimpleMatcher())
    assert loaded.n_entities == fresh.n_entities and loaded.n_names == fresh.n_names
    for name in ("hashes", "ptr", "post", "row_weight"):
        assert np.array_equal(getattr(fresh.postings, name), getattr(loaded.postings, name))
    assert list(loaded.entities()) == entities
    rng = random.Random(11)
    queries = [e.names[0].value for e in rng.sample(entities, 50)] + [synthetic_name(rng) for _ in range(50)]
    for q in queries:
        assert fresh.search(SimpleQuery(q), threshold=0.3) == loaded.search(SimpleQuery(q), threshold=0.3)


def test_load_resolves_key_function_by_name(tmp_path):
    """Without an explicit key function, load() imports the one recorded at build time."""
    ScreeningIndex.build(_people(), key_fn=simple_keys).save(tmp_path / "idx")
    loaded = ScreeningIndex.load(tmp_path / "idx", matcher=SimpleMatcher())
    assert loaded.key_fn("A b", "Person") == {"a", "b"}


def test_save_replaces_existing_index(tmp_path):
    ScreeningIndex.build(_people(), key_fn=simple_keys).save(tmp_path / "idx")
    ScreeningIndex.build(_people()[:2], key_fn=simple_keys).save(tmp_path / "idx")
    assert ScreeningIndex.load(tmp_path / "idx", key_fn=simple_keys).n_entities == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


def test_load_errors_name_the_file(tmp_path):
    with pytest.raises(IndexFormatError, match="meta.json"):
        ScreeningIndex.load(tmp_path)
    ScreeningIndex.build(_people(), key_fn=simple_keys).save(tmp_path / "idx")
    (tmp_path / "idx" / "post.npy").unlink()
    with pytest.raises(IndexFormatError, match="post.npy"):
        ScreeningIndex.load(tmp_path / "idx", key_fn=simple_keys)


def _zipf_rows(n: int, rng: random.Random) -> list[set[str]]:
    # Name parts with a skewed frequency, like real given and family names.
    given = [f"g{i}" for i in range(200)]
    family = [f"f{i}" for i in range(max(50, n // 20))]
    gw = [1 / (i + 1) for i in range(len(given))]
    return [{rng.choices(given, gw)[0], rng.choice(family)} for _ in range(n)]


def test_candidate_work_stays_bounded_as_index_grows():
    """Sublinearity smoke test: postings examined per query are bounded by the scan cap (not by the
    index size), while the true row stays the best candidate."""
    cap = 300
    examined = []
    for n in (2_000, 20_000, 200_000):
        rng = random.Random(5)
        rows = _zipf_rows(n, rng)
        postings = KeyPostings.build(rows)
        total_postings = 0
        worst = 0
        for target in rng.sample(range(n), 40):
            keys = rows[target]
            cand = postings.candidates(keys, limit=20, scan_cap=cap)
            assert target in set(cand.ids.tolist()), "the row itself must be among the candidates"
            assert cand.scores[0] == pytest.approx(1.0, abs=1e-5) or cand.scores[0] >= cand.scores[-1]
            worst = max(worst, cand.examined)
            total_postings += sum(int(np.diff(postings.ptr)[t]) for t in postings.lookup(keys))
        examined.append(worst)
        # The bound: the cap, plus one binary-search test per candidate for each common key.
        assert worst <= cap * (1 + 2)
    # Posting lists of the common given names grow ~100x from 2k to 200k rows; the work does not.
    assert examined[-1] <= max(examined[0], 1) * 4


def test_common_only_query_intersects_postings():
    """A query made only of very common keys still finds the row holding all of them."""
    rows = [{"common", "frequent"}] + [{"common", f"x{i}"} for i in range(5000)]
    rows += [{"frequent", f"y{i}"} for i in range(5000)]
    postings = KeyPostings.build(rows)
    cand = postings.candidates({"common", "frequent"}, limit=5, scan_cap=100)
    assert cand.ids[0] == 0
    assert cand.scores[0] == pytest.approx(1.0, abs=1e-5)


def test_rows_of_several_keys_are_merged_with_their_summed_weights():
    """The rows sharing any of a query's rare keys, each once and ascending, with the IDF of the keys it
    holds summed, against a plain count over sets."""
    rng = random.Random(11)
    vocab = [f"k{i}" for i in range(60)]
    rows = [set(rng.sample(vocab, rng.randint(1, 6))) for _ in range(3_000)]
    postings = KeyPostings.build(rows)
    for _ in range(50):
        query = rng.sample(vocab, rng.randint(1, 40))  # up to 40 keys: more than 5 bits of key place
        tids = postings.lookup(query)
        df = postings.ptr[tids + 1] - postings.ptr[tids]
        idf = postings.idf[tids]
        ids, overlap = postings._merge_postings(tids, idf, df)
        hashes = {int(postings.hashes[t]): float(w) for t, w in zip(tids, idf, strict=True)}
        expected = {}
        for r, keys in enumerate(rows):
            weights = [hashes[key_hash(k)] for k in keys if key_hash(k) in hashes]
            if weights:
                expected[r] = sum(weights)
        assert ids.tolist() == sorted(expected)
        assert overlap.tolist() == pytest.approx([expected[r] for r in sorted(expected)], rel=1e-12)


def test_ranking_in_c_loops_gives_the_numpy_ranking_exactly(monkeypatch):
    """The one-pass ranking (compiled: C loops) returns the very candidates, scores and order of the
    NumPy path, ties included (equal scores by row), for every limit, floor and scan cap; where a key
    is too common to scan it hands over to the NumPy path."""
    from rsec.engine.names import ranking

    rng = random.Random(17)
    vocab = [f"k{i}" for i in range(40)]
    # many rows share one key set exactly (equal scores), some keys are in most rows
    shapes = [set(rng.sample(vocab, rng.randint(1, 5))) for _ in range(60)]
    rows = [set(rng.choice(shapes)) | ({"k0"} if rng.random() < 0.7 else set()) for _ in range(4_000)]
    postings = KeyPostings.build(rows)
    checked = handed_over = 0
    for _ in range(300):
        query = rng.sample(vocab, rng.randint(1, 12))
        limit, floor, cap = (
            rng.choice([1, 5, 40, 500]),
            rng.choice([0.0, 0.2, 0.5]),
            rng.choice([500, 10_000]),
        )
        monkeypatch.setattr(ranking, "COMPILED", False)
        slow = postings.candidates(query, limit=limit, scan_cap=cap, min_score=floor)
        acc, touched = postings._scratch()
        found = ranking.rank_scanned(
            postings.hashes, postings.ptr, postings.post, postings.idf, postings.row_weight,
            acc, touched, _query_hashes(query), cap, floor, limit,
        )  # fmt: skip
        assert not acc.any(), "the scratch space is left all zero"
        if found is None:
            handed_over += 1
            assert slow.examined > cap or slow.skipped_common  # a key too common to scan
            continue
        monkeypatch.setattr(ranking, "COMPILED", True)
        fast = postings.candidates(query, limit=limit, scan_cap=cap, min_score=floor)
        for got in (fast, found):
            ids, scores, examined, keys = (
                (got.ids, got.scores, got.examined, got.keys) if got is fast else got
            )
            assert ids.tolist() == slow.ids.tolist() and ids.dtype == slow.ids.dtype
            assert scores.tolist() == slow.scores.tolist() and scores.dtype == slow.scores.dtype
            assert (examined, keys) == (slow.examined, slow.keys)
        pairs = list(zip(slow.scores.tolist(), slow.ids.tolist(), strict=True))
        assert pairs == sorted(pairs, key=lambda p: (-p[0], p[1]))  # best first, ties by row
        checked += 1
    assert checked > 150 and handed_over > 10
    # equal key sets tie: the lower row comes first
    tie = postings.candidates(sorted(rows[0]), limit=40, scan_cap=10_000)
    top = [r for r, s in zip(tie.ids.tolist(), tie.scores.tolist(), strict=True) if s == tie.scores[0]]
    assert top == sorted(top) and len(top) > 1
