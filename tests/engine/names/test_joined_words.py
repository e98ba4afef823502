"""Words written together or apart (Xiao Ping / Xiaoping): the matcher tries a joined word only where
it can match a word of the other name (P-3 screening: tolerance without spurious partial matches)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, MatcherConfig, Query
from rsec.engine.names.features import _joined, _merged, _pair_list, _worth_joining, align
from rsec.engine.names.readings import prepare

CFG = MatcherConfig()


def _tokens(name: str):
    return prepare(name, "Person").readings[0].tokens


def _score(q: str, c: str) -> float:
    return Matcher().compare(Query(q), ListEntity("x", "Person", [Name.of(c)], "t")).score


def test_split_and_joined_given_names_match_both_ways():
    assert _score("Deng Xiao Ping", "Deng Xiaoping") >= 0.9
    assert _score("Deng Xiaoping", "Deng Xiao Ping") >= 0.9
    assert _score("Anna Lise Berg", "Annalise Berg") >= 0.9


def test_joined_variant_only_where_the_joined_word_can_match():
    """Within one script, a joined word spelt like no word of the other name is not tried."""
    variants = _joined(_tokens("Deng Xiao Ping"), _tokens("Deng Xiaoping"), 0, CFG)
    assert "deng xiaoping" in [" ".join(t.alts[0] for t in v) for v in variants]
    assert _joined(_tokens("Kenta Veldt Maris"), _tokens("Kenta Orlov"), 0, CFG) == []
    # across scripts readings agree by sound in more ways: every variant is tried
    assert len(_joined(_tokens("Kenta Veldt Maris"), _tokens("Kenta Orlov"), 2, CFG)) == 2


def test_unmatched_extra_words_are_not_glued_to_lower_the_penalty():
    """Two extra words weigh as two extra words: gluing them into one unmatched word would hide one."""
    one_extra = _score("Kenta Orlovrusano Nakamura", "Kenta Nakamura")
    two_extra = _score("Kenta Orlov Rusano Nakamura", "Kenta Nakamura")
    assert two_extra < one_extra


def test_across_scripts_joined_words_still_match_and_unmatched_ones_stay_apart():
    """Across scripts every joined word that can align is tried (シャオピン ↔ Xiao Ping, ジョンウン ↔
    Jong Un); two words that align with nothing are not glued into one, which would let two extra words
    weigh as one."""
    assert _score("シャオピン", "Xiao Ping") >= 0.9
    assert _score("キム・ジョンウン", "Kim Jong Un") >= 0.9
    r = Matcher().compare(
        Query("カノ クレア"), ListEntity("x", "Person", [Name.of("Correa Cano Jhon Eidelber")], "t")
    )
    assert "unmatched: jhon, eidelber" in r.explanation
    tokens = _tokens("Correa Cano Jhon Eidelber")
    other = prepare("カノ クレア", "Person").readings[0].tokens
    glued = [v for v in _joined(tokens, other, 2, CFG, lambda m: False)]
    assert glued == []  # nothing aligns: no variant


# -- the bound that spares aligning joined-word variants that cannot matter ------------------------------

_WORDS = (
    "deng xiao ping xiaoping anna lise annalise berg maria elena rodriguez gonzalez carlos martinez mary "
    "abdul rahman abdulrahman al bin muhammad victor rumuli delorme kim jong un jongun tokyo university "
    "of science institute bank national trust ali hassan"
).split()


def _reading(name: str, schema: str):
    return prepare(name, schema).readings[0]


def _variants_below_their_bound(q: str, c: str, schema: str, theta: float) -> tuple[int, int]:
    """Check :func:`_worth_joining` against the true score of each joined variant of the longer name;
    returns (variants the bound let through, variants it ruled out)."""
    qr, cr = _reading(q, schema), _reading(c, schema)
    kind = "person" if schema == "Person" else "org"
    cross = 2 if (qr.coarse or cr.coarse) else 1 if (qr.translit or cr.translit) else 0
    jap, canon = qr.japanese or cr.japanese, qr.canonical or cr.canonical
    more_q = len(qr.tokens) > len(cr.tokens)
    longer, shorter = (qr.tokens, cr.tokens) if more_q else (cr.tokens, qr.tokens)
    pairs = _pair_list(qr.tokens, cr.tokens, cross, jap, CFG, canon)
    worth = _worth_joining(longer, shorter, pairs, more_q, theta, kind, cross, CFG)
    kept = ruled_out = 0
    for k, ok in enumerate(worth):
        variant = (*longer[:k], _merged(longer[k], longer[k + 1]), *longer[k + 2 :])
        q_side, c_side = (variant, shorter) if more_q else (shorter, variant)
        score = align(q_side, c_side, cross, jap, kind, CFG, canon)[0]
        if ok:
            kept += 1
        else:
            ruled_out += 1
            assert score <= theta + 1e-9, (q, c, k, theta, score)
    return kept, ruled_out


@st.composite
def _name_and_a_joined_form(draw):
    """A name and another with two adjacent words written as one, a word changed, dropped or added: the
    variants of the first come near the second, so the bound is tested where it decides."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=5))
    other = list(words)
    k = draw(st.integers(0, len(other) - 2))
    other[k : k + 2] = [other[k] + other[k + 1]]
    edit = draw(st.sampled_from(["none", "change", "drop", "add"]))
    at = draw(st.integers(0, len(other) - 1))
    if edit == "change":
        other[at] = draw(st.sampled_from(_WORDS))
    elif edit == "drop" and len(other) > 1:
        del other[at]
    elif edit == "add":
        other.insert(at, draw(st.sampled_from(_WORDS)))
    return " ".join(words), " ".join(other)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    q=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5),
    c=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5),
    schema=st.sampled_from(["Person", "Organization"]),
    theta=st.sampled_from([0.0, 0.3, 0.5, 0.64, 0.7, 0.9]),
)
def test_a_joined_variant_ruled_out_by_the_bound_never_scores_above_it(q, c, schema, theta):
    if len(q) != len(c):
        _variants_below_their_bound(" ".join(q), " ".join(c), schema, theta)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=_name_and_a_joined_form(),
    schema=st.sampled_from(["Person", "Organization"]),
    theta=st.sampled_from([0.3, 0.5, 0.64, 0.7, 0.8, 0.9]),
    swap=st.booleans(),
)
def test_the_bound_holds_where_a_joined_variant_comes_near(names, schema, theta, swap):
    q, c = names[::-1] if swap else names
    if len(q.split()) != len(c.split()):
        _variants_below_their_bound(q, c, schema, theta)


_KANA = ["カノ", "クレア", "シャオ", "ピン", "キム", "ジョン", "ウン", "トウキョウ"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    q=st.lists(st.sampled_from(_WORDS), min_size=2, max_size=5),
    c=st.lists(st.sampled_from(_KANA), min_size=1, max_size=3),
    theta=st.sampled_from([0.0, 0.3, 0.64, 0.9]),
)
def test_the_bound_holds_across_scripts(q, c, theta):
    """Latin words facing katakana ones (read by sound): the same guarantee."""
    if len(q) != len(c):
        _variants_below_their_bound(" ".join(q), " ".join(c), "Person", theta)


def test_the_bound_rules_out_variants_that_cannot_matter_and_keeps_the_one_that_does():
    # Xiao + Ping is Xiaoping: the variant that scores is kept at the threshold
    assert _worth_joining(
        _tokens("Deng Xiao Ping"), _tokens("Deng Xiaoping"), _pair_list(_tokens("Deng Xiao Ping"),
        _tokens("Deng Xiaoping"), 0, False, CFG), True, 0.64, "person", 0, CFG,
    )[1]  # fmt: skip
    # a name sharing one word: no joined pair of its other words can bring it near the threshold
    kept, ruled_out = _variants_below_their_bound(
        "Byiringiro Victor Rumuli", "Victor Delorme", "Person", 0.64
    )
    assert ruled_out == 2 and kept == 0


def _entity(name: str, **kw) -> ListEntity:
    return ListEntity(f"x:{name}", kw.pop("schema", "Person"), [Name.of(name)], "t", **kw)


def test_deciding_at_the_threshold_changes_no_score_at_or_above_it():
    """A screening run asks only whether each candidate reaches the threshold: below it, work that could
    not lift the score there is skipped; at or above it, the score and the name matched are compare()'s."""
    from rsec.engine.names import DEFAULT_THRESHOLD

    m = Matcher()
    cases = [
        ("Deng Xiao Ping", _entity("Deng Xiaoping")),
        ("Deng Xiaoping", _entity("Deng Xiao Ping")),
        ("Anna Lise Berg", _entity("Annalise Berg")),
        ("Byiringiro Victor Rumuli", _entity("Victor Delorme")),
        ("Carlos Martinez Alvarez", _entity("Mary Martinez")),
        ("シャオピン", _entity("Xiao Ping")),
        ("キム・ジョンウン", _entity("Kim Jong Un")),
        ("Abdul Rahman Hassan", _entity("Abdulrahman Hasan", birth_dates=["1970"])),
        ("Tokyo University of Science", _entity("University of Tokyo", schema="Organization")),
    ]
    reached = below = 0
    for name, entity in cases:
        for query in (Query(name), Query(name, birth_date="1970-01-01")):
            full = m.compare(query, entity)
            decided = m.compare_prepared(query, entity, m.prepare(entity), decide_at=DEFAULT_THRESHOLD)
            if full.score >= DEFAULT_THRESHOLD:
                reached += 1
                assert (decided.score, decided.matched_name) == (full.score, full.matched_name), name
                assert decided.explanation == full.explanation
            else:
                below += 1
                assert decided.score <= full.score < DEFAULT_THRESHOLD, name
    assert reached >= 8 and below >= 4
