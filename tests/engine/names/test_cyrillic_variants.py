"""Cyrillic names as lists write them (names are invented)."""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import DEFAULT_THRESHOLD, Matcher, Query


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


def score(matcher: Matcher, query: str, candidate: str) -> float:
    entity = ListEntity(id=f"t:{candidate}", schema="Person", names=[Name.of(candidate)], list="test")
    return matcher.compare(Query(query), entity).score


def test_given_name_and_patronymic_written_together(matcher):
    assert score(matcher, "КОЗЛОВ ПетрСергеевич", "KOZLOV Petr") >= DEFAULT_THRESHOLD
    assert score(matcher, "КОЗЛОВ ПетрСергеевич", "KOZLOV Pavel") < DEFAULT_THRESHOLD


def test_inner_capital_of_one_word_still_matches(matcher):
    assert score(matcher, "МакДональд Иван", "Ivan MakDonald") >= DEFAULT_THRESHOLD
