"""Stored readings: a screening index analyses each listed name once, at build, and screening then
gives exactly what analysing the names afresh gives (P-3 list screening, speed of bulk checks)."""

from __future__ import annotations

import json

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, Query
from rsec.engine.names.codec import CodecError, decode, encode, fingerprint
from rsec.engine.names.index import IndexFormatError, ScreeningIndex
from rsec.engine.names.readings import prepare

NAMES = [
    ("山田太郎", "Person"),
    ("ヤマダ・タロウ", "Person"),
    ("Taro YAMADA", "Person"),
    ("김정은", "Person"),
    ("Иван Петрович Сидоров", "Person"),
    ("北京航空航天大学", "Organization"),
    ("株式会社サンプル電機", "Company"),
    ("Deutsche Beispiel Bank AG", "Company"),
    ("محمد علي", "Person"),
]


def _entities() -> list[ListEntity]:
    return [
        ListEntity("s:1", "Person", [Name.of("山田太郎"), Name.of("YAMADA, Taro", kind="alias")], "s"),
        ListEntity("s:2", "Person", [Name.of("Иван Петрович Сидоров")], "s", birth_dates=["1971-02-03"]),
        ListEntity("s:3", "Organization", [Name.of("北京航空航天大学"), Name.of("BUAA", kind="alias")], "s"),
        ListEntity("s:4", "Company", [Name.of("株式会社サンプル電機")], "s", countries=["jp"]),
        ListEntity("s:5", "Person", [Name.of("김정은"), Name.of("Kim Jong Un", kind="alias")], "s"),
        ListEntity("s:6", "Person", [Name.of("Taro Yamamoto")], "s"),
    ]


QUERIES = [
    Query("Taro Yamada"),
    Query("ヤマダ タロウ"),
    Query("Ivan Sidorov", birth_date="1971-02-03"),
    Query("Beihang University", schema="Organization"),
    Query("Sample Denki Co., Ltd.", schema="Company", country="jp"),
    Query("Kim Jong-un"),
    Query("Tarou Yamamoto"),
    # the other kind of party: an institution screened as a person, a person as an organisation
    Query("Beihang University"),
    Query("Sample Denki"),
    Query("Ivan Petrovich Sidorov", schema="Organization"),
    Query("Kim Jong Un", schema="Company"),
]


@pytest.mark.parametrize("name,schema", NAMES)
def test_codec_round_trip_is_exact(name, schema):
    """Every field of a prepared name (readings, tokens, spellings, keys, legal forms) survives storage."""
    p = prepare(name, schema)
    back = decode(encode(p))
    assert back == p
    for r1, r2 in zip(back.readings + back.written, p.readings + p.written, strict=True):
        for t1, t2 in zip(r1.tokens, r2.tokens, strict=True):
            # fields left out of equality must survive too: the matcher reads them
            assert (t1.phons, t1.jfolds, t1.fines, t1.lengths, t1.light) == (
                t2.phons,
                t2.jfolds,
                t2.fines,
                t2.lengths,
                t2.light,
            )
            assert isinstance(t1.alts, tuple) and hash(t1) == hash(t2)


def test_codec_rejects_garbage():
    with pytest.raises(CodecError):
        decode(b'{"not": "a reading"}')


def _hits(index: ScreeningIndex) -> list[list[tuple]]:
    return [
        [(h.list_entity_id, h.score, h.matched_name, h.explanation) for h in index.search(q, threshold=0.5)]
        for q in QUERIES
    ]


def test_stored_readings_give_the_same_hits_as_fresh_analysis(tmp_path):
    """Same hits, scores, matched names and explanations with and without stored readings, before and
    after saving; with them, screening prepares no listed name."""
    fresh = ScreeningIndex.build(_entities(), matcher=Matcher(), store_readings=False)
    stored = ScreeningIndex.build(_entities(), matcher=Matcher())
    assert not fresh.has_readings and stored.has_readings
    expected = _hits(fresh)
    assert any(expected), "the queries must hit something for the comparison to mean anything"
    assert _hits(stored) == expected
    stored.save(tmp_path / "idx")
    loaded = ScreeningIndex.load(tmp_path / "idx", matcher=Matcher())
    assert loaded.has_readings
    calls = []
    matcher = loaded.matcher
    matcher.prepare = lambda entity: calls.append(entity.id)  # would be called without stored readings
    import rsec.engine.names.matcher as matcher_module

    real_prepare = matcher_module.prepare
    queried = {q.name for q in QUERIES}

    def watched(value, schema="Person"):
        if value not in queried:
            calls.append(value)  # a listed name analysed at query time
        return real_prepare(value, schema)

    matcher_module.prepare = watched
    try:
        assert _hits(loaded) == expected
    finally:
        matcher_module.prepare = real_prepare
    assert calls == []
    # narrow=False scores every name of each candidate, also from stored readings
    wide = [[h.list_entity_id for h in loaded.search(q, threshold=0.5, narrow=False)] for q in QUERIES]
    assert wide == [[h.list_entity_id for h in fresh.search(q, threshold=0.5, narrow=False)] for q in QUERIES]


def test_index_from_another_name_analysis_is_refused(tmp_path):
    """Keys and readings made by another version of the name analysis would silently miss names."""
    ScreeningIndex.build(_entities()).save(tmp_path / "idx")
    meta_path = tmp_path / "idx" / "meta.json"
    meta = json.loads(meta_path.read_text())
    assert meta["analysis"] == fingerprint() and meta["readings"] is True
    meta["analysis"] = "0" * 32
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(IndexFormatError, match="another version of the name analysis") as err:
        ScreeningIndex.load(tmp_path / "idx")
    assert "meta.json" in str(err.value)


def test_truncated_readings_file_is_refused(tmp_path):
    ScreeningIndex.build(_entities()).save(tmp_path / "idx")
    path = tmp_path / "idx" / "readings.jsonl"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(IndexFormatError, match="stored readings"):
        ScreeningIndex.load(tmp_path / "idx")


def test_queries_in_another_script_compare_more_candidates():
    """A kana or kanji query's keys are readings shared by many listed names: more candidates are scored
    exactly than for a Latin query, so the listed party is not cut off by key-overlap rank."""
    from rsec.engine.names.index import MAX_COMPARE, MAX_COMPARE_CROSS

    people = [
        ListEntity(f"p:{i}", "Person", [Name.of(f"Taro Yamada{s}")], "s") for i, s in enumerate("abcdefghij")
    ]
    index = ScreeningIndex.build(people, matcher=Matcher())
    wide = {"cutoff": 0.0, "min_overlap": 0.0}
    assert len(index.candidate_entities(Query("Taro Yamada"), **wide)) == MAX_COMPARE
    assert len(index.candidate_entities(Query("ヤマダ タロウ"), **wide)) == MAX_COMPARE_CROSS
    assert len(index.candidate_entities(Query("ヤマダ タロウ"), max_compare=None, **wide)) == len(people)
