"""Names mixing scripts (a Han name with a Latin word, as lists write them) are read without empty words,
so that comparing them never fails (P-3 screening must never stop on one odd listed name)."""

from __future__ import annotations

import pytest

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, Query
from rsec.engine.names.readings import prepare

MIXED = ["軍事愛国組織 Rusich", "山田 Taro", "김 Jong Un", "北京 Sample 大学", "Иван 太郎"]


@pytest.mark.parametrize("name", MIXED)
@pytest.mark.parametrize("schema", ["Person", "Organization"])
def test_every_word_of_every_reading_has_a_spelling(name, schema):
    p = prepare(name, schema)
    assert p.readings
    assert all(t.alts for r in p.readings + p.written for t in r.tokens)


@pytest.mark.parametrize("name", MIXED)
def test_mixed_script_names_compare_without_error(name):
    entity = ListEntity("m", "Organization", [Name.of(name)], "t")
    for q in ("Love Goransson", "Rusich", "Taro Yamada"):
        result = Matcher().compare(Query(q), entity)
        assert 0.0 <= result.score <= 1.0
