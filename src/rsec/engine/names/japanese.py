"""Japanese personal and organisation names: splitting and readings (読み).

- Splitting a full name written without a space (山田太郎) into family and given name uses the
  morphological dictionary UniDic (through fugashi), whose entries carry the tags 人名-姓 / 人名-名.
- Readings: a kanji name has several possible readings (矢田 = やた / やだ / やたべ …). UniDic gives the
  most frequent one; JMnedict (Jim Breen's name dictionary, through jamdict) adds the other readings
  recorded for family names and given names.

Both dictionaries load lazily on first use and every result is cached per string.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

_lock = threading.Lock()
_tagger = None
_jam = None

SURNAME_TYPES = {"surname", "unclass", "place"}
GIVEN_TYPES = {"masc", "fem", "given", "unclass"}


def _get_tagger():
    global _tagger
    with _lock:
        if _tagger is None:
            import fugashi

            _tagger = fugashi.Tagger()
        return _tagger


def _get_jam():
    global _jam
    with _lock:
        if _jam is None:
            from jamdict import Jamdict

            _jam = Jamdict()
        return _jam


@dataclass(frozen=True)
class Morpheme:
    surface: str
    kana: str  # katakana reading, "" if unknown
    kind: str  # "family", "given", "place", "other"


@lru_cache(maxsize=32768)
def analyse(text: str) -> tuple[Morpheme, ...]:
    """Morphemes of ``text`` with UniDic readings and name tags."""
    tagger = _get_tagger()
    with _lock:
        words = list(tagger(text))
    out = []
    for w in words:
        f = w.feature
        kind = "other"
        if getattr(f, "pos2", "") == "固有名詞":
            if f.pos3 == "人名":
                kind = "family" if f.pos4 == "姓" else "given" if f.pos4 == "名" else "other"
            elif f.pos3 == "地名":
                kind = "place"
        kana = getattr(f, "kana", None) or ""
        if kana == "*":
            kana = ""
        out.append(Morpheme(w.surface, kana, kind))
    return tuple(out)


@lru_cache(maxsize=32768)
def split_person(text: str) -> tuple[str, str] | None:
    """Split a Japanese full name without a space into (family, given); None if it cannot tell.

    The family name is the leading run of morphemes tagged 人名-姓 (or a place name, since many
    family names are place names); the rest is the given name.
    """
    morphs = analyse(text)
    if len(morphs) < 2:
        return None
    i = 0
    while (
        i < len(morphs) - 1
        and morphs[i].kind in ("family", "place")
        and (i == 0 or morphs[i].kind == "family")
    ):
        i += 1
        if morphs[i - 1].kind == "family":
            break
    if i == 0:
        return None
    family = "".join(m.surface for m in morphs[:i])
    given = "".join(m.surface for m in morphs[i:])
    return family, given


@lru_cache(maxsize=32768)
def jmnedict_readings(part: str, role: str) -> tuple[str, ...]:
    """Hiragana readings JMnedict records for ``part`` as a family name (``role='family'``) or given name."""
    wanted = SURNAME_TYPES if role == "family" else GIVEN_TYPES
    try:
        jam = _get_jam()
        with _lock:
            result = jam.lookup(part, lookup_chars=False, strict_lookup=True)
    except Exception:  # the dictionary is optional: no JMnedict, only UniDic's reading
        return ()
    out: list[str] = []
    for entry in result.names:
        if part not in [k.text for k in entry.kanji_forms]:
            continue
        types = {t for s in entry.senses for t in s.name_type}
        if types & wanted:
            out.extend(k.text for k in entry.kana_forms)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=32768)
def part_readings(part: str, role: str, limit: int = 4) -> tuple[str, ...]:
    """Kana readings of one name part, most likely first: UniDic's, then JMnedict's."""
    import jaconv

    if all(_is_kana(ch) for ch in part):
        return (jaconv.kata2hira(part),)
    first = "".join(m.kana for m in analyse(part))
    readings = []
    if first and all(m.kana for m in analyse(part)):
        readings.append(jaconv.kata2hira(first))
    readings.extend(jmnedict_readings(part, role))
    return tuple(dict.fromkeys(readings))[:limit]


@lru_cache(maxsize=32768)
def text_reading(text: str) -> str:
    """One kana reading of running Japanese text (used for organisation names); "" if unknown."""
    import jaconv

    morphs = analyse(text)
    if not morphs or not all(m.kana for m in morphs):
        return ""
    return jaconv.kata2hira("".join(m.kana for m in morphs))


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


@lru_cache(maxsize=32768)
def glosses(word: str, limit: int = 4) -> tuple[str, ...]:
    """English glosses of a common Japanese word from JMdict's first sense (工場 → factory, plant …)."""
    try:
        jam = _get_jam()
        with _lock:
            result = jam.lookup(word, lookup_chars=False, lookup_ne=False, strict_lookup=True)
    except Exception:  # the dictionary is optional
        return ()
    for entry in result.entries:
        if word in [k.text for k in entry.kanji_forms] and entry.senses:
            return tuple(g.text for g in entry.senses[0].gloss)[:limit]
    return ()


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Whether ``word`` is an English gloss in JMdict: a dictionary word (metropolitan, women), not a
    romanised proper name (sangyo, kegong). Used to tell a translatable word left out from one that a
    reading may simply render differently."""
    if len(word) < 3 or not word.isalpha():
        return False
    try:
        jam = _get_jam()
        with _lock:
            return bool(jam.lookup(word, lookup_chars=False, lookup_ne=False).entries)
    except Exception:
        return False
