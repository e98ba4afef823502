"""Word order in Latin person names: list format, repeated particles, swapped middle names
(P-3 list screening of persons). Names are invented."""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import DEFAULT_THRESHOLD, Matcher, Query
from rsec.engine.names.readings import prepare


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


def person_score(matcher: Matcher, query: str, candidate: str) -> float:
    entity = ListEntity(id=f"t:{candidate}", schema="Person", names=[Name.of(candidate)], list="t")
    return matcher.compare(Query(query, "Person"), entity).score


def test_list_format_family_comma_given_reads_in_written_out_order(matcher):
    """P-3: "AL OMARI BIN ZAYD, Karim Bin Tahir" is "Karim Bin Tahir Al Omari Bin Zayd"."""
    assert [t.text for t in prepare("AL BAKRI, Hadi Bin Nur", "Person").readings[0].tokens] == [
        "hadi", "bin", "nur", "al", "bakri",
    ]  # fmt: skip
    assert person_score(matcher, "AL BAKRI, Hadi Bin Nur", "Hadi Bin Nur Al Bakri") >= 0.95
    # a suffix after the comma is not a given name
    assert [t.text for t in prepare("Pedro Lavilla, Jr", "Person").readings[0].tokens][:2] == [
        "pedro", "lavilla",
    ]  # fmt: skip


def test_swapped_father_and_son_still_differ(matcher):
    """P-3: X BIN Y and Y BIN X are different people (the order of the parts carries the lineage)."""
    assert person_score(matcher, "HADI BIN NUR AL-BAKRI", "NUR BIN HADI AL-BAKRI") < DEFAULT_THRESHOLD


def test_swapped_middle_names_keep_the_match(matcher):
    """P-3: with the first and the last name in place, two middle names in the other order are the same
    person; with the outer names displaced too, the crossed order counts against the match."""
    assert person_score(matcher, "Maria Luisa Fernanda Ortega", "Maria Fernanda Luisa Ortega") >= 0.95
    assert person_score(matcher, "Maria Luisa Fernanda Ortega", "Luisa Ortega Maria Fernanda") < 0.95
