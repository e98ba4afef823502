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
