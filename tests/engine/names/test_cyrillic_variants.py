"""Cyrillic names as lists write them (names are invented)."""

from __future__ import annotations

from names_helpers import score

from rsec.engine.names import DEFAULT_THRESHOLD


def test_given_name_and_patronymic_written_together(matcher):
    assert score(matcher, "КОЗЛОВ ПетрСергеевич", "KOZLOV Petr") >= DEFAULT_THRESHOLD
    assert score(matcher, "КОЗЛОВ ПетрСергеевич", "KOZLOV Pavel") < DEFAULT_THRESHOLD


def test_inner_capital_of_one_word_still_matches(matcher):
    assert score(matcher, "МакДональд Иван", "Ivan MakDonald") >= DEFAULT_THRESHOLD
