"""Kana → Latin (Hepburn) for names, including the extended katakana used for foreign names.

pykakasi romanises ordinary kana well but spells the extended katakana of foreign names
(シェ, ティ, ドゥ, ヴィ, ファ …) as separate syllables (``shie``, ``tei``, ``dou``), which breaks
matching against the Latin original (Milosevic, Dmitriy …). This module writes those combinations
the way the name is pronounced, and derives the common spelling variants of Japanese names
(long vowels ō/ou/oh/o, シ shi/si, ツ tsu/tu, ン before b/m/p).
"""

from __future__ import annotations

import re
from functools import lru_cache

import jaconv

_DIGRAPHS = {
    # extended katakana (foreign sounds)
    "イェ": "ye",
    "ウィ": "wi",
    "ウェ": "we",
    "ウォ": "wo",
    "ヴァ": "va",
    "ヴィ": "vi",
    "ヴェ": "ve",
    "ヴォ": "vo",
    "ヴュ": "vyu",
    "シェ": "she",
    "ジェ": "je",
    "チェ": "che",
    "ティ": "ti",
    "トゥ": "tu",
    "ディ": "di",
    "ドゥ": "du",
    "デュ": "dyu",
    "テュ": "tyu",
    "ツァ": "tsa",
    "ツィ": "tsi",
    "ツェ": "tse",
    "ツォ": "tso",
    "ファ": "fa",
    "フィ": "fi",
    "フェ": "fe",
    "フォ": "fo",
    "フュ": "fyu",
    "クァ": "kwa",
    "クィ": "kwi",
    "クェ": "kwe",
    "クォ": "kwo",
    "グァ": "gwa",
    "スィ": "si",
    "ズィ": "zi",
    "ホゥ": "hu",
    "キェ": "kye",
    "ギェ": "gye",
    "ニェ": "nye",
    "ヒェ": "hye",
    "ビェ": "bye",
    "ピェ": "pye",
    "ミェ": "mye",
    "リェ": "rye",
    "ヂャ": "ja",
    "ヂュ": "ju",
    "ヂョ": "jo",
    # yōon
    "キャ": "kya",
    "キュ": "kyu",
    "キョ": "kyo",
    "シャ": "sha",
    "シュ": "shu",
    "ショ": "sho",
    "チャ": "cha",
    "チュ": "chu",
    "チョ": "cho",
    "ニャ": "nya",
    "ニュ": "nyu",
    "ニョ": "nyo",
    "ヒャ": "hya",
    "ヒュ": "hyu",
    "ヒョ": "hyo",
    "ミャ": "mya",
    "ミュ": "myu",
    "ミョ": "myo",
    "リャ": "rya",
    "リュ": "ryu",
    "リョ": "ryo",
    "ギャ": "gya",
    "ギュ": "gyu",
    "ギョ": "gyo",
    "ジャ": "ja",
    "ジュ": "ju",
    "ジョ": "jo",
    "ビャ": "bya",
    "ビュ": "byu",
    "ビョ": "byo",
    "ピャ": "pya",
    "ピュ": "pyu",
    "ピョ": "pyo",
}
_MONO = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲ"
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォャュョヮ",
        "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
        "ma mi mu me mo ya yu yo ra ri ru re ro wa i e o ga gi gu ge go za ji zu ze zo da ji zu de do "
        "ba bi bu be bo pa pi pu pe po vu a i u e o ya yu yo wa".split(),
        strict=True,
    )
)


@lru_cache(maxsize=65536)
def kana_to_hepburn(text: str) -> str:
    """Romanise kana (hiragana or katakana) word-wise; long vowels are written doubled (``ou``, ``aa``).

    ッ doubles the next consonant (``tch`` before ch), ン is ``n``, ー repeats the previous vowel.
    Characters that are not kana are passed through.
    """
    kata = jaconv.hira2kata(text)
    out: list[str] = []
    i = 0
    geminate = False
    while i < len(kata):
        pair = kata[i : i + 2]
        ch = kata[i]
        if pair in _DIGRAPHS:
            syl = _DIGRAPHS[pair]
            i += 2
        elif ch in _MONO:
            syl = _MONO[ch]
            i += 1
        elif ch == "ッ":
            geminate = True
            i += 1
            continue
        elif ch == "ン":
            out.append("n")
            i += 1
            continue
        elif ch == "ー":
            prev = "".join(out)
            if prev and prev[-1] in "aeiou":
                out.append(prev[-1])
            i += 1
            continue
        else:
            out.append(ch)
            i += 1
            geminate = False
            continue
        if geminate:
            syl = ("t" + syl) if syl.startswith("ch") else (syl[0] + syl)
            geminate = False
        out.append(syl)
    return "".join(out)


#: long vowels and their passport spelling, replaced in this order (plain strings: str.replace)
_LONG = [("ou", "o"), ("oo", "o"), ("uu", "u"), ("aa", "a"), ("ii", "i"), ("ee", "e")]


@lru_cache(maxsize=65536)
def simple_hepburn(romaji: str) -> str:
    """Passport/common spelling of a Hepburn word: long vowels collapsed (``tarou`` → ``taro``).

    ``ei`` is kept (``kei``), as in most published spellings.
    """
    for pat, rep in _LONG:
        if pat in romaji:
            romaji = romaji.replace(pat, rep)
    return romaji


_KUNREI = [
    # hu first: the syllables made later (syu → shu, tyu → chu) contain hu, which must not be read again
    ("hu", "fu"),
    ("sya", "sha"),
    ("syu", "shu"),
    ("syo", "sho"),
    ("tya", "cha"),
    ("tyu", "chu"),
    ("tyo", "cho"),
    ("zya", "ja"),
    ("zyu", "ju"),
    ("zyo", "jo"),
    ("si", "shi"),
    ("ti", "chi"),
    ("tu", "tsu"),
    ("zi", "ji"),
    ("di", "ji"),
    ("du", "zu"),
]
_MACRON = str.maketrans(
    {"ā": "a", "ī": "i", "ū": "u", "ē": "e", "ō": "o", "â": "a", "î": "i", "û": "u", "ê": "e", "ô": "o"}
)


@lru_cache(maxsize=65536)
def japanese_fold(token: str) -> str:
    """Fold any romanisation of a Japanese word to one comparable spelling.

    Kunrei and Nihon-shiki (``si``, ``tu``, ``zi``, ``hu``) → Hepburn; ō/ô/ou/oo/oh (before a
    consonant or at the end) → o; ū/uu → u; ``m`` before b/m/p → ``n``.
    """
    t = token.translate(_MACRON)
    if "oh" in t:
        t = _OH.sub("o", t)
    if "sh" not in t and "ch" not in t and "ts" not in t:
        for a, b in _KUNREI:
            if a in t:
                t = t.replace(a, b)
    if "m" in t:
        t = _M_LABIAL.sub("n", t)
    return simple_hepburn(t)


_OH = re.compile(r"oh(?=[^aeiouy]|$)")
_M_LABIAL = re.compile(r"m(?=[bmp])")


_EPENTHETIC_U = re.compile(r"(?<=[bcdfghjkmprstvz])u(?=[bcdfghjklmprstvz]|$)")
_EPENTHETIC_O = re.compile(r"(?<=[td])o(?=[bcdfghjklmprstvz]|$)")


def loanword_spellings(full: str) -> list[str]:
    """Latin spellings of a katakana word from its Hepburn ``full``: simplified Hepburn, full Hepburn,
    without the vowels Japanese inserts (:func:`without_epenthesis`; "" when it inserts none), and with
    an initial u before a vowel read as w."""
    simple = simple_hepburn(full)
    out = [simple, full, without_epenthesis(simple)]
    if simple[:2] in ("ue", "ui", "uo"):
        # an initial ウエ, ウイ, ウオ writes we, wi, wo in older spellings (ウエスト west, ウイルソン Wilson)
        out += ["w" + x[1:] for x in (simple, out[2]) if x]
    return out


def without_epenthesis(romaji: str) -> str:
    """The spelling of a katakana loanword without the vowels Japanese inserts after a consonant
    cluster or a final consonant (``oruran`` → ``orlan``, ``toropofu`` → ``toropof``, ``soyuzu`` →
    ``soyuz``): u after most consonants, o after t/d. "" when nothing is inserted."""
    out = _EPENTHETIC_O.sub("", _EPENTHETIC_U.sub("", romaji))
    return out if out != romaji and len(out) >= 2 else ""
