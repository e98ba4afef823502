"""A coarse consonant skeleton for comparing transliterations across scripts (音韻キー).

Transliteration loses exactly the distinctions this key drops: vowel quality and epenthetic vowels
(Slobodan ↔ スロボダン ``surobodan``), l/r, b/v/w/p, voicing (Korean ㄱ k/g, ㄷ t/d, ㅈ j/ch), the
sibilant family (sh, ch, zh, j, ts, x, q …), silent or aspirated h (Khan/Han, Hsu/Xu). The key
is only used between a transliterated reading and another name, never between two names written in
the same script, where spelling differences are meaningful (Scholz vs Schulze).
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import methodcaller

_DIGRAPHS = [
    ("shch", "s"),
    ("sch", "s"),
    ("tch", "s"),
    ("dzh", "s"),
    ("dj", "s"),
    ("zh", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ts", "s"),
    ("tz", "s"),
    ("ch", "s"),
    ("sh", "s"),
    ("ck", "k"),
    ("qu", "k"),
    ("hs", "s"),
    ("ng", "n"),
    ("dh", "d"),
]
# Consonant classes; vowels become a placeholder "a" (removed at the end). w joins b/v/p because
# Japanese writes Russian в as ワ (Ivanov ↔ イワノフ).
_CLASSES_KEEP_VOWELS = str.maketrans(
    {**dict(zip("bvwfgqcdzjlr", "ppppkkktssrr", strict=True)), "h": "", "y": "", **{v: "a" for v in "eiou"}}
)
_SOFT_C = re.compile(r"c(?![aoulrkt])")
_N_LABIAL = re.compile(r"n(?=[bmpvf])")
_REPEAT = re.compile(r"(.)\1+")
#: the replacement of a run of one letter by the letter: a C-level callable, as a template such as
#: r"\1" makes every substitution go through the regex module's Python code (3 times as slow)
_ONCE = methodcaller("group", 1)


@lru_cache(maxsize=131072)
def phonetic_key(token: str) -> str:
    """Consonant skeleton of one lower-case ASCII token (``milosevic`` → ``mrsps``).

    An all-vowel token (``i``, ``o``, ``yi``) becomes ``a`` rather than vanishing.
    """
    t = token
    if not t:
        return ""
    if t[0] == "x":
        t = "s" + t[1:]
    t = t.replace("x", "ks")
    if "c" in t:
        t = _SOFT_C.sub("s", t)
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    if "n" in t:
        t = _N_LABIAL.sub("m", t)
    initial_h = t.startswith("h") and not t.startswith(("hs", "hw"))
    # Vowels stay as placeholders while doubled consonants collapse, so that m-a-m stays two m's.
    t = _REPEAT.sub(_ONCE, t.translate(_CLASSES_KEEP_VOWELS))
    key = t.replace("a", "")
    if initial_h:
        key = "h" + key  # a word-initial h is pronounced (Hojin is not Jin)
    if not key:
        return "a"
    return key


_FINE_DIGRAPHS = [
    ("shch", "S"),
    ("sch", "S"),
    ("tch", "C"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ts", "s"),
    ("tz", "s"),
    ("ch", "C"),
    ("sh", "S"),
    ("ck", "k"),
    ("qu", "k"),
    ("ng", "n"),
    ("dh", "d"),
]
_FINE_CLASSES = str.maketrans(
    {"w": "v", "f": "v", "q": "k", "c": "k", "y": "", "e": "a", "i": "a", "o": "a", "u": "a"}
)


@lru_cache(maxsize=131072)
def fine_key(token: str) -> str:
    """A finer skeleton for alphabetic scripts (Cyrillic, Greek, Arabic via transliteration): only the
    differences between transliteration schemes merge (Yu/Iu, Kh/H, Ts/C, -iy/-y/-ii, v/w/f), voicing and
    l/r stay distinct (Vita ≠ Fuad, Klave ≠ Guliev)."""
    t = token
    if not t:
        return ""
    t = t.replace("x", "ks")
    if "c" in t:
        t = _SOFT_C.sub("s", t)
    for a, b in _FINE_DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    t = _REPEAT.sub(_ONCE, t.translate(_FINE_CLASSES))
    key = t.replace("a", "")
    return key or "a"


_Y_VOWEL = re.compile(r"(?<=[aeiou])y(?=[^aeiou]|$)")  # y after a vowel is one (Husayn, Zayd)
_FINAL_H = re.compile(r"(?<=[aeiou])h$")  # a final h after a vowel is silent (Fatimah, Abdallah)
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_CONSONANT_SPELLINGS = [("dj", "j"), ("q", "k"), ("ck", "k"), ("ph", "f")]


_VOWEL_SPLIT = re.compile(r"([aeiouy]+)")
#: vowel run → its two folds (e read as a, and as i; o as u; doubled letters once): runs are few and recur
_RUN_FOLDS: dict[str, tuple[str, str]] = {}


def _fold_run(run: str, e: str) -> str:
    run = run.replace("e", e).replace("o", "u")
    return _REPEAT.sub(_ONCE, run)


def _run_folds(run: str) -> tuple[str, str]:
    found = _RUN_FOLDS.get(run)
    if found is None:
        found = _RUN_FOLDS[run] = (_fold_run(run, "a"), _fold_run(run, "i"))
    return found


@lru_cache(maxsize=131072)
def vowel_folds(token: str) -> tuple[str, str]:
    """Spellings for Latin romanisations of a name that differ only in how its vowels and doubled
    consonants are written — the variation of Arabic, Persian and Turkic names, whose short vowels the
    original script leaves out (Osama/Usama, Laden/Ladin, Husayn/Hussein, Mohammed/Muhammad, Qasim/
    Kassem). o and u are one vowel; e stands for a (Ahmed) or for i (Laden), so there are two folds,
    and two spellings agree when either does; a and i stay apart (Haddad ≠ Hadid, Karimi ≠ Karami),
    and so do consonants (Hasan ≠ Husayn, Said ≠ Saud)."""
    t = token
    for a, b in _CONSONANT_SPELLINGS:
        if a in t:
            t = t.replace(a, b)
    t = _FINAL_H.sub("", _Y_VOWEL.sub("i", _REPEAT.sub(_ONCE, t)))
    parts = _VOWEL_SPLIT.split(t)  # consonants at even places, vowel runs at odd ones
    if len(parts) == 1:
        return t, t
    fa, fi = parts[:], parts[:]
    for k in range(1, len(parts), 2):
        fa[k], fi[k] = _run_folds(parts[k])
    return "".join(fa), "".join(fi)
