"""Chinese, Japanese and Korean names written in Cyrillic letters by the Russian systems (Palladius,
Polivanov, Kontsevich), against their own romanisations. Names are invented."""

from __future__ import annotations

import pytest
from names_helpers import score

from rsec.engine.names import DEFAULT_THRESHOLD, cyrillic_asian
from rsec.engine.names.readings import prepare


def test_palladius_syllables_read_back_into_pinyin():
    assert cyrillic_asian.pinyin_spellings("цзиньпин") == ["jinping"]
    assert cyrillic_asian.pinyin_spellings("сяомин")[0] == "xiaoming"
    # Palladius writes xi си and si сы
    assert cyrillic_asian.pinyin_spellings("си") == ["xi"]
    assert cyrillic_asian.pinyin_spellings("сы") == ["si"]
    # informal е for э (Дэн / Ден) reads the same
    assert "deng" in cyrillic_asian.pinyin_spellings("ден")
    assert cyrillic_asian.pinyin_syllables("петров") is None


def test_polivanov_spelling_read_back_into_hepburn():
    assert cyrillic_asian.polivanov_romaji("кэнъити") == "kenichi"
    assert cyrillic_asian.polivanov_romaji("ямасита") == "yamashita"
    assert cyrillic_asian.polivanov_romaji("хоккайдо") == "hokkaido"  # っ and い
    assert cyrillic_asian.polivanov_romaji("симбаси") == "shinbashi"  # ん before a labial
    assert cyrillic_asian.polivanov_romaji("сергей") is None


def test_kontsevich_syllables_give_hangul():
    (options,) = cyrillic_asian.hangul_syllables("чжун")
    assert "중" in options and "준" in options
    assert [len(s) for s in [cyrillic_asian.hangul_syllables("сынхо")]] == [2]
    assert cyrillic_asian.hangul_syllables("москва") is None


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Чжан Сяомин", "Zhang Xiaoming"),
        ("ЧЖАН Сяомин", "ZHANG, Hsiao-ming"),  # Wade-Giles on the other side
        ("Ван Цзюньхуэй", "Wang Junhui"),
        ("Кэнъити Ямасита", "Kenichi Yamashita"),
        ("Ямасита Кэнъити", "Yamashita Ken'ichi"),
        ("Дзюнко Сато", "Junko Sato"),
        ("Ким Мин Чжун", "Kim Min-jun"),
        ("Пак Сын Хо", "Park Seung-ho"),
        ("Ли Со Ён", "Lee So-young"),
        ("Ри Чхоль Мин", "Lee Chul-min"),  # North Korean ㄹ family name, Southern spelling
    ],
)
def test_east_asian_names_in_cyrillic_meet_their_romanisation(matcher, cyrillic, latin):
    assert score(matcher, cyrillic, latin) >= DEFAULT_THRESHOLD
    assert score(matcher, latin, cyrillic) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Дзюнко Сато", "Junko Kato"),  # Polivanov spells kana one way: Сато is never kato
        ("Ким Мин Чжун", "Kim Min-ho"),  # a given-name syllable left over is another name
        ("Чжан Сяомин", "Zhang Xiaomei"),
        ("Кэнъити Ямасита", "Kenji Yamashita"),
    ],
)
def test_different_east_asian_names_stay_apart(matcher, cyrillic, latin):
    assert score(matcher, cyrillic, latin) < DEFAULT_THRESHOLD


def test_russian_names_get_no_east_asian_reading(matcher):
    for name in ("Иван Петров", "Сергей Иванович Кузнецов", "Ли Сергей", "Ким Петров"):
        methods = [r.method for r in prepare(name, "Person").readings]
        assert not any("Palladius" in m or "Polivanov" in m or "Kontsevich" in m for m in methods), name
    assert score(matcher, "Ли Сергей", "Li Si") < DEFAULT_THRESHOLD
    assert score(matcher, "Ким Петров", "Kim Jin") < DEFAULT_THRESHOLD
    assert score(matcher, "Иван Петров", "Ivan Petrov") >= DEFAULT_THRESHOLD


def test_explanation_names_the_system_and_the_syllable(matcher):
    from rsec.engine.lists.model import ListEntity, Name
    from rsec.engine.names import Query

    entity = ListEntity(id="t", schema="Person", names=[Name.of("Kim Min-jun")], list="test")
    text = matcher.compare(Query("Ким Мин Чжун", "Person"), entity).explanation
    assert "Kontsevich" in text and "мин→민" in text
    entity = ListEntity(id="t", schema="Person", names=[Name.of("Zhang Xiaoming")], list="test")
    assert "Palladius" in matcher.compare(Query("Чжан Сяомин", "Person"), entity).explanation
