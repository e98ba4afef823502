"""Japanese personal and organisation names: splitting and readings (読み).

- Splitting a full name written without a space (山田太郎) into family and given name uses the
  morphological dictionary UniDic (through fugashi), whose entries carry the tags 人名-姓 / 人名-名.
- Readings: a kanji name has several possible readings (矢田 = やた / やだ / やたべ …). UniDic gives the
  most frequent one; JMnedict (Jim Breen's name dictionary, through jamdict) adds the other readings
  recorded for family names and given names.

Both dictionaries load lazily on first use and every result is cached per string.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache

from .normalize import VARIATION_SELECTORS

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


#: variant forms of kanji (異体字) that family and given names keep in the family register and in
#: official documents, and that the dictionaries file under the standard form: 髙橋 is 高橋, 山﨑 is
#: 山崎, 𠮷田 is 吉田. Old forms (旧字体) that have a new one (澤 → 沢, 齋 → 斎) are folded through
#: OpenCC's table instead (:func:`standard_forms`).
NAME_VARIANTS = str.maketrans(
    {
        "髙": "高", "𠮷": "吉", "﨑": "崎", "嵜": "崎", "碕": "崎", "濵": "浜", "栁": "柳", "舩": "船",
        "槗": "橋", "𣘺": "橋", "靑": "青", "淸": "清", "埜": "野", "曻": "昇", "逹": "達", "柗": "松",
        "𩵋": "魚", "昻": "昂", "邉": "辺", "邊": "辺", "舘": "館", "莵": "菟", "敎": "教", "籔": "藪",
        "卄": "廿", "冝": "宜", "𡈽": "土", "﨔": "欅",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def standard_forms(text: str) -> str:
    """``text`` with the variant and old forms of its kanji replaced by the standard (常用・人名用) ones, as
    the dictionaries list names (髙橋 → 高橋, 增田 → 増田); variation selectors (葛󠄀, an ideographic
    variation sequence) dropped."""
    from .chinese import _converter

    return _converter("t2jp").convert(VARIATION_SELECTORS.sub("", text).translate(NAME_VARIANTS))


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


_NE_TYPES_SQL = """
    select distinct k.idseq, y.text from NEKanji k
    join NETranslation t on t.idseq = k.idseq
    join NETransType y on y.tid = t.ID
    where k.text = ?
"""
_NE_KANA_SQL = """
    select a.idseq, a.text from NEKana a
    where a.idseq in (select idseq from NEKanji where text = ?)
    order by a.idseq, a.ID
"""


@lru_cache(maxsize=32768)
def jmnedict_readings(part: str, role: str) -> tuple[str, ...]:
    """Hiragana readings JMnedict records for ``part`` as a family name (``role='family'``) or given name:
    the kana forms of every entry written ``part`` with such a name type, in the dictionary's order.
    Read from its tables directly (jamdict's lookup also searches JMdict and builds every sense: 7× slower)."""
    wanted = SURNAME_TYPES if role == "family" else GIVEN_TYPES
    db = _get_ne_db()
    if db is None:
        return ()  # the dictionary is optional: no JMnedict, only UniDic's reading
    with _lock:
        typed = {idseq for idseq, kind in db.execute(_NE_TYPES_SQL, (part,)) if kind in wanted}
        rows = db.execute(_NE_KANA_SQL, (part,)).fetchall() if typed else []
    return tuple(dict.fromkeys(text for idseq, text in rows if idseq in typed))


_POPULARITY_SQL = """
    select y.text, a.text, count(*) from NEKana a
    join NETranslation t on t.idseq = a.idseq
    join NETransType y on y.tid = t.ID
    where y.text in ('surname', 'given', 'masc', 'fem')
    group by y.text, a.text
"""
_popularity: dict[str, dict[str, int]] | None = None


def reading_popularity(role: str) -> dict[str, int]:
    """For each kana reading, how many JMnedict entries (kanji spellings) bear it as a family name
    (``role='family'``) or a given name: はにゅう is written 羽生, 埴生, 丹生 …, うもう hardly anything
    but 羽生. JMnedict lists an entry's readings in kana order, not by frequency; this is the ranking.
    Loaded once per process (about 0.5 s); empty without the dictionary."""
    global _popularity
    db = _get_ne_db() if _popularity is None else None
    with _lock:
        if _popularity is None:
            table: dict[str, dict[str, int]] = {"family": {}, "given": {}}
            for kind, text, count in db.execute(_POPULARITY_SQL) if db is not None else ():
                side = table["family" if kind == "surname" else "given"]
                side[text] = side.get(text, 0) + count
            _popularity = table
        return _popularity["family" if role == "family" else "given"]


_VOICED = str.maketrans(
    "かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ"
)
_HALF_VOICED = str.maketrans("はひふへほ", "ぱぴぷぺぽ")


_KANJIDIC_SQL = """
    select c.literal, r.value from character c
    join rm_group g on g.cid = c.ID
    join reading r on r.gid = g.ID
    where r.r_type in ('ja_on', 'ja_kun')
    union all
    select c.literal, n.value from character c join nanori n on n.cid = c.ID
"""
_kanjidic: dict[str, frozenset[str]] | None = None


def character_readings(ch: str) -> frozenset[str]:
    """KANJIDIC's readings of one kanji in hiragana: on, kun (stem and whole) and nanori (name readings).
    The table is read once per process (about 40,000 readings, a few hundredths of a second)."""
    global _kanjidic
    if _kanjidic is None:
        import jaconv

        db = _get_ne_db()
        table: dict[str, set[str]] = {}
        with _lock:
            rows = db.execute(_KANJIDIC_SQL).fetchall() if db is not None else []
        for literal, value in rows:
            v = jaconv.kata2hira(value).replace("-", "")
            table.setdefault(literal, set()).update(x for x in (v.split(".")[0], v.replace(".", "")) if x)
        _kanjidic = {k: frozenset(v) for k, v in table.items()}
    return _kanjidic.get(ch, frozenset())


def _reading_variants(r: str, first: bool) -> set[str]:
    out = {r}
    if not first:  # rendaku: 田 た → 長谷川 がわ, 羽田 はねだ
        out.update((r[0].translate(_VOICED) + r[1:], r[0].translate(_HALF_VOICED) + r[1:]))
    if len(r) >= 2 and r[-1] in "つくちき":  # 服部 はっとり
        out.add(r[:-1] + "っ")
    return out


def is_composed_reading(part: str, reading: str) -> bool:
    """Whether ``reading`` reads ``part`` character by character with KANJIDIC's readings (with rendaku and
    っ): はにゅう for 羽生 (は + にゅう) is, にわ is not (a reading of the whole, or of another spelling)."""
    memo: dict[tuple[int, int], bool] = {}

    def go(i: int, pos: int) -> bool:
        if i == len(part):
            return pos == len(reading)
        if (i, pos) not in memo:
            memo[i, pos] = any(
                reading.startswith(v, pos) and go(i + 1, pos + len(v))
                for r in character_readings(part[i])
                for v in _reading_variants(r, i == 0)
            )
        return memo[i, pos]

    return go(0, 0)


_prefixes: dict[str, frozenset[str]] = {}


def _name_prefixes(role: str) -> frozenset[str]:
    """Every beginning of a reading that at least two JMnedict names of the kind bear."""
    side = "family" if role == "family" else "given"
    found = _prefixes.get(side)
    if found is None:
        found = _prefixes[side] = frozenset(
            r[:k] for r, n in reading_popularity(side).items() if n >= 2 for k in range(1, len(r) + 1)
        )
    return found


def composed_readings(part: str, role: str, limit: int = 2) -> tuple[str, ...]:
    """Readings of a name part that JMnedict does not record as a whole (結弦), made character by character
    from KANJIDIC's readings and kept only when JMnedict bears them as names of that kind at least
    twice, the most borne first: 結 ゆ + 弦 つる → ゆづる."""
    if not 2 <= len(part) <= 3:
        return ()
    prefixes = _name_prefixes(role)
    partial = {""}
    for i, ch in enumerate(part):
        choices = {v for r in character_readings(ch) for v in _reading_variants(r, i == 0)}
        partial = {p + v for p in partial for v in choices if p + v in prefixes}
        if not partial:
            return ()
    popularity = reading_popularity(role)
    found = {r: popularity[r] for r in partial if popularity.get(r, 0) >= 2}
    return tuple(sorted(found, key=lambda r: (-found[r], r))[:limit])


@lru_cache(maxsize=32768)
def part_readings(part: str, role: str, limit: int = 4) -> tuple[str, ...]:
    """Kana readings of one name part, most likely first: UniDic's, then JMnedict's; JMnedict's ranked
    by whether they read the characters one by one, then by how many names bear them."""
    import jaconv

    if all(_is_kana(ch) for ch in part):
        return (jaconv.kata2hira(part),)
    first = "".join(m.kana for m in analyse(part))
    readings = []
    if first and all(m.kana for m in analyse(part)):
        readings.append(jaconv.kata2hira(first))
    named = jmnedict_readings(part, role) or composed_readings(part, role)
    if len(named) > 1:
        popularity = reading_popularity(role)
        named = tuple(sorted(named, key=lambda r: (not is_composed_reading(part, r), -popularity.get(r, 0))))
    readings.extend(named)
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


_COMMON = frozenset({"ichi1", "news1"})


@lru_cache(maxsize=8192)
def written_forms(reading: str) -> tuple[tuple[str, bool], ...]:
    """The kanji forms of the JMdict words read ``reading`` (hiragana), in the dictionary's order, each
    with whether JMdict marks that reading of it common (ichi1, news1): しりつ → (市立, True), (私立, True)."""
    try:
        jam = _get_jam()
        with _lock:
            result = jam.lookup(reading, lookup_chars=False, lookup_ne=False, strict_lookup=True)
    except Exception:  # the dictionary is optional
        return ()
    out = []
    for entry in result.entries:
        if entry.kanji_forms:
            common = any(k.text == reading and _COMMON & set(k.pri or ()) for k in entry.kana_forms)
            out.append((entry.kanji_forms[0].text, common))
    return tuple(out)


@lru_cache(maxsize=8192)
def kana_readings(word: str) -> tuple[str, ...]:
    """The readings (hiragana) JMdict gives a word written in kanji: 研究所 → けんきゅうじょ, けんきゅうしょ."""
    try:
        jam = _get_jam()
        with _lock:
            result = jam.lookup(word, lookup_chars=False, lookup_ne=False, strict_lookup=True)
    except Exception:
        return ()
    out: list[str] = []
    for entry in result.entries:
        if word in [k.text for k in entry.kanji_forms]:
            out += [k.text for k in entry.kana_forms if k.text not in out]
    return tuple(out)


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


# -- Japanese personal names written in kana ------------------------------------------------------------
#: kana that Japanese names do not use but renderings of foreign names do (long-vowel bar, small vowels, ヴ)
FOREIGN_KANA = frozenset("ーァィゥェォヮヴヵヶぁぃぅぇぉゎゔ")
_NAME_TYPES_SQL = """
    select distinct y.text from NEKana a
    join NEKanji k on k.idseq = a.idseq
    join NETranslation t on t.idseq = a.idseq
    join NETransType y on y.tid = t.ID
    where a.text = ?
"""
_ne_db: tuple[int, object] | None = None


def _get_ne_db():
    """JMnedict's tables, read directly (read-only) from the jamdict data package; None if absent. One
    connection per process: a forked screening worker must not use its parent's."""
    global _ne_db
    pid = os.getpid()
    with _lock:
        if _ne_db is None or _ne_db[0] != pid:
            try:
                import sqlite3
                from pathlib import Path

                import jamdict_data

                path = Path(jamdict_data.__file__).parent / "jamdict.db"
                if not path.is_file():
                    raise FileNotFoundError(path)
                con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            except Exception:  # the dictionary is optional
                con = None
            _ne_db = (pid, con)
        return _ne_db[1]


@lru_cache(maxsize=65536)
def name_reading_types(hiragana: str) -> frozenset[str]:
    """JMnedict's name types (surname, given, masc, fem …) for which ``hiragana`` is the reading of a name
    written in kanji. Readings of names recorded only in katakana (ジョン, スミス) do not count."""
    db = _get_ne_db()
    if db is None or not hiragana:
        return frozenset()
    with _lock:
        return frozenset(r[0] for r in db.execute(_NAME_TYPES_SQL, (hiragana,)))


def is_japanese_name_in_kana(family: str, given: str) -> bool:
    """Whether a personal name written in kana, family name first, reads as a Japanese name: both parts are
    JMnedict readings of names written in kanji (a family name, and a given name), in the kana Japanese
    names use (no long-vowel bar, small vowels or ヴ), two morae or more, not starting with p (パク, ペク
    and one-mora リ, ホ, ギュ write Korean names), and no part that UniDic knows as a foreign personal name
    (ムハンマド-Muhammad, ミン-外国). Such a name is the reading of a Japanese name (ヤマダ タロウ), not a
    rendering of a foreign one, so it is compared as exactly as a kanji reading, not by sound."""
    import jaconv

    if not family or not given or FOREIGN_KANA & set(family + given):
        return False
    if not all(_is_kana(ch) for ch in family + given):
        return False
    fam, giv = jaconv.kata2hira(family), jaconv.kata2hira(given)
    if _morae(fam) < 2 or _morae(giv) < 2 or fam[0] in "ぱぴぷぺぽ" or giv[0] in "ぱぴぷぺぽ":
        return False  # one-mora names (リ, ホ, ギュ) and words starting with p (パク) write Korean names
    if family in KOREAN_FAMILY_NAMES_KANA or _foreign_person_word(family) or _foreign_person_word(given):
        return False
    return "surname" in name_reading_types(fam) and bool(name_reading_types(giv) & {"given", "masc", "fem"})


def is_japanese_family_name_in_kana(family: str) -> bool:
    """Whether the first word of a name in kana reads as a Japanese family name of three morae or more,
    on the terms of :func:`is_japanese_name_in_kana` (a foreign given name may follow: ヤスクリ セイラ)."""
    import jaconv

    if not family or FOREIGN_KANA & set(family) or not all(_is_kana(ch) for ch in family):
        return False
    fam = jaconv.kata2hira(family)
    if _morae(fam) < 3 or fam[0] in "ぱぴぷぺぽ" or family in KOREAN_FAMILY_NAMES_KANA:
        return False
    return not _foreign_person_word(family) and "surname" in name_reading_types(fam)


#: Korean family names as Japanese sources write them in katakana (キム 김, ユン 윤 …): JMnedict also records
#: some as readings of kanji names, but a name starting with one is read as Korean (by sound), not as Japanese
KOREAN_FAMILY_NAMES_KANA = frozenset(
    "キム イ リ パク チェ チョン ジョン カン チョ ユン チャン イム リム ハン オ ソ シン クォン ファン アン ソン ユ "
    "ホン コ ムン ヤン ペ ペク ホ ノ ナム シム ミン チュ ピョン ウ ク ナ チ ジ リュ テ ト キ ヒョン ヨム ソク".split()
)


def _morae(hiragana: str) -> int:
    return sum(1 for ch in hiragana if ch not in "ゃゅょぁぃぅぇぉゎ")


@lru_cache(maxsize=65536)
def _foreign_person_word(word: str) -> bool:
    """Whether UniDic reads ``word`` as a foreign personal name: one 人名 entry, the whole word, whose lemma
    names its foreign origin (ムハンマド-Muhammad, ジョン-John, ミン-外国). A piece of a longer word does not
    count (ウエゾノ is read ウエ + ゾノ-外国, but is the surname 上園)."""
    kata = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in word)
    tagger = _get_tagger()
    with _lock:
        words = list(tagger(kata))
    for w in words:
        lemma = getattr(w.feature, "lemma", None) or ""
        origin = lemma.partition("-")[2]  # UniDic writes a foreign name's origin: ジョン-John, ミン-外国
        if w.surface != kata:
            continue
        if getattr(w.feature, "pos3", "") == "人名" and origin and (origin.isascii() or origin == "外国"):
            return True
    return False


_ROMAJI = __import__("re").compile(r"[a-z]{2,20}")
#: a word made only of Hepburn / Kunrei syllables (a quick refusal of Smith, Li, Hussein before any kana
#: conversion; what passes is still checked syllable by syllable)
_ROMAJI_SYLLABLES = __import__("re").compile(
    r"(?:(?:[kgsztdnhbpmr]y?|sh|ch|j|ts|f|y|w|v)?[aeiou]|n(?![aeiouy])|([kgsztdhbpmcfjr])(?=\1|h)|t(?=ch))+"
)


@lru_cache(maxsize=65536)
def _romaji_kana(word: str, syllabic_n: bool = False) -> tuple[str, ...]:
    """Hiragana spellings of a romanised Japanese word, with the long vowels passports leave out
    (Ota = おおた / おうた, Yuko = ゆうこ); () if it is not romanised Japanese. With ``syllabic_n``, also
    with a bare n before a vowel or y read as ん, as passports write it (Kanichi かんいち, Manyasu まんやす)."""
    import jaconv

    if not _ROMAJI_SYLLABLES.fullmatch(word):
        return ()
    spots = [i for i, ch in enumerate(word) if ch in "ou" and word[i + 1 : i + 2] not in ("o", "u")][:3]
    variants = [""]
    last = 0
    for i in spots:
        long = ("", "u", "o") if word[i] == "o" else ("", "u")
        variants = [v + word[last : i + 1] + x for v in variants for x in long]
        last = i + 1
    variants = [v + word[last:] for v in variants]
    for i in [i for i, ch in enumerate(word) if ch == "n" and word[i + 1 : i + 2] in tuple("aeiouy")][:2]:
        if syllabic_n:
            variants += [
                v[: v.index("n", i)] + "n'" + v[v.index("n", i) + 1 :] for v in variants if "n" in v[i:]
            ]
    out = []
    for v in variants:
        kana = jaconv.alphabet2kana(v)
        if kana and all("ぁ" <= ch <= "ゖ" for ch in kana):
            out.append(kana)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def is_japanese_name_in_latin(first: str, second: str) -> bool:
    """Whether a two-word personal name in Latin letters is a romanised Japanese name (Taro Yamada,
    YAMADA Taro): both words are romanised Japanese (Hepburn or Kunrei, long vowels written or not), one a
    JMnedict reading of a family name written in kanji and the other of a given name, neither a foreign
    name UniDic knows. Such a name is spelt by rule, so facing a foreign name in katakana it is compared by
    spelling, not by sound (Koreya Ichise is no アジーズ・カイロ)."""
    words = [w.lower() for w in (first, second)]
    if not all(_ROMAJI.fullmatch(w) for w in words):
        return False
    kanas = [_romaji_kana(w) for w in words]
    if not all(kanas) or any(k[0] in "ぱぴぷぺぽ" or _morae(k) < 2 for ks in kanas for k in ks[:1]):
        return False

    def role(ks: tuple[str, ...], wanted: set[str]) -> bool:
        return any(name_reading_types(k) & wanted for k in ks)

    if any(_foreign_person_word(ks[0]) for ks in kanas):
        return False
    given_types = {"given", "masc", "fem"}

    def reads(ks: list) -> bool:
        return (role(ks[0], given_types) and role(ks[1], {"surname"})) or (
            role(ks[0], {"surname"}) and role(ks[1], given_types)
        )

    if reads(kanas):
        return True
    # a passport's bare n before a vowel or y may be ん (Kanichi かんいち): tried only for a word beside one
    # that reads as a name, so that foreign names, most of what is screened, cost no more lookups
    for i in (0, 1):
        if _BARE_N.search(words[i]) and role(kanas[1 - i], given_types | {"surname"}):
            more = list(kanas)
            more[i] = _romaji_kana(words[i], syllabic_n=True)
            if reads(more):
                return True
    return False


_BARE_N = __import__("re").compile(r"n[aeiouy]")
