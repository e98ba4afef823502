"""Country and date normalisation used by every list reader."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsec.engine.lists.countries import address_country, countries_in, country_code
from rsec.engine.lists.dates import parse_dates


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iran", "ir"),
        ("CHINA", "cn"),
        ("中国", "cn"),
        ("イラン", "ir"),
        ("Korea, North", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("北朝鮮\nNorth Korea", "kp"),
        ("Iran (Islamic Republic of)", "ir"),
        ("Democratic Republic of the Congo", "cd"),
        ("Congo", "cg"),
        ("コンゴ民主共和国", "cd"),
        ("南スーダン", "ss"),
        ("スーダン人（生まれ）", "sd"),
        ("エジプトEgypt", "eg"),
        ("United Kingdom of Great Britain and Northern Ireland", "gb"),
        ("Trinidad and Tobago", "tt"),
        ("Türkiye", "tr"),
        ("ru", "ru"),
    ],
)
def test_country_code(text, code):
    assert country_code(text) == code


def test_unknown_countries_stay_out():
    assert country_code("former Soviet Union") is None
    assert country_code("不明") is None
    assert countries_in("(a)中央アフリカ共和国、\n(b)南スーダン共和国") == (["cf", "ss"], [])
    assert countries_in("Atlantis; Iran") == (["ir"], ["Atlantis"])


def test_address_country():
    assert address_country("12 Neglinnaya Str., Moscow, 107016, Russian Federation") == "ru"
    assert address_country("北朝鮮平壌特別市普通江区域楽園洞") == "kp"
    assert address_country("Somewhere without a country") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1941年8月20日セルビア共和国ポジャレヴァッツ生", ["1941-08-20"]),
        ("1963年頃", ["1963"]),
        ("１９７４年３月２１日", ["1974-03-21"]),
        ("1965年4月14日又は1964年3月1日", ["1965-04-14", "1964-03-01"]),
        ("1984年から1986年までの間", ["1984", "1985", "1986"]),
        ("2002.3.1\n2008.6.25改訂", ["2002-03-01", "2008-06-25"]),
        ("DOB 10 Dec 1948", ["1948-12-10"]),
        ("Born on 10 July 1942", ["1942-07-10"]),
        ("circa 1960", ["1960"]),
        ("06/19/2003", ["2003-06-19"]),
        ("1950 to 1990", ["1950", "1990"]),  # long ranges: only the ends
        (22882, ["1962-08-24"]),  # Excel serial day number
        ("22882", ["1962-08-24"]),
        (1970, ["1970"]),
        (dt.datetime(1952, 10, 7), ["1952-10-07"]),
        ("不明", []),
        (None, []),
        ("2016年初期", ["2016"]),
    ],
)
def test_parse_dates(value, expected):
    assert parse_dates(value) == expected


ISO_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_parse_dates_only_returns_valid_iso(text):
    """Whatever a cell holds, dates come out as valid (possibly partial) ISO dates or not at all."""
    for value in parse_dates(text):
        assert re.match(ISO_PARTIAL, value), value
        parts = [int(p) for p in value.split("-")]
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_countries_are_iso_codes(text):
    codes, rest = countries_in(text)
    assert all(len(c) == 2 and c.isascii() and c.islower() for c in codes)
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Taro Yamada", "Latn"),
        ("BEIHANG UNIVERSITY (BUAA)", "Latn"),
        ("1234-56", "Zyyy"),
        ("", "Zyyy"),
        ("山田太郎", "Hani"),
        ("ヤマダ タロウ", "Kana"),
        ("山田 たろう", "Jpan"),
        ("Иван Петров", "Cyrl"),
        ("Müller", "Latn"),
        ("김정은", "Hang"),
    ],
)
def test_the_script_of_a_name(text, script):
    from rsec.engine.lists.model import detect_script

    assert detect_script(text) == script


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_text_is_latin_exactly_when_it_has_a_letter(text):
    from rsec.engine.lists.model import detect_script

    assert detect_script(text) == ("Latn" if any(ch.isalpha() for ch in text) else "Zyyy")
