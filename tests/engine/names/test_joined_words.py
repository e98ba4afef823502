"""Words written together or apart (Xiao Ping / Xiaoping): the matcher tries a joined word only where
it can match a word of the other name (P-3 screening: tolerance without spurious partial matches)."""

from __future__ import annotations

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, MatcherConfig, Query
from rsec.engine.names.features import _joined
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
