"""Readings (読み): every plausible Latin rendering of a name, token by token, with how it was obtained.

A :class:`PreparedName` holds one or more :class:`Reading` s; a reading is a sequence of
:class:`Token` s, and each token carries its alternative spellings (``alts``) with, for each, a note of
where it came from (the kana reading of a kanji, the hangul syllables …). The matcher compares
readings token by token, taking the best alternative, so "every reading" costs one pass, not a product.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import jaconv

from rsec.engine.lists.model import detect_script

from . import arabic, chinese, cyrillic_asian, japanese, kana, korean, nicknames, orgs, slavic
from .normalize import (
    TITLES_LATIN,
    ascii_fold,
    drop_titles,
    expand_alternatives,
    fold,
    strip_titles_cjk,
    tokenize,
)
from .phonetic import fine_key, phonetic_key

MAX_ALTS = 8
# Name particles that say little about identity (bin, al, van, de …): weighted like generic words.
PARTICLES = frozenset(
    "al el bin ibn bint ben abu abd ould van von der den de del della di da du le la dos das mac".split()
)
MAX_READINGS = 10
#: the method of the reading of a name written out in kana, read back into its words (see _written_out)
WRITTEN_OUT = "kanji reading of a name written out in kana + CJK terms"
SCRIPT_GROUPS = {"Hani": "Han", "Jpan": "Han", "Hira": "Kana", "Kana": "Kana", "Zyyy": "Latn"}
PERSON_SCHEMAS = {"Person"}
ORG_SCHEMAS = {"Organization", "Company", "LegalEntity", "PublicBody"}


@dataclass(frozen=True)
class Token:
    alts: tuple[str, ...]  # spellings, lower-case ASCII; the first is the one shown
    notes: tuple[str, ...] = ()  # per spelling: source form, e.g. "矢田→やだ"
    role: str = ""  # family | given | ""
    generic: bool = False  # a generic organisation word (university, institute …)
    phons: tuple[str, ...] = field(default=(), compare=False)
    jfolds: tuple[str, ...] = field(default=(), compare=False)
    fines: tuple[str, ...] = field(default=(), compare=False)  # fine phonetic keys (alphabetic scripts)
    #: per spelling: its length clipped to 2..10, the unit in which tokens weigh
    lengths: tuple[int, ...] = field(default=(), compare=False)
    #: a word that says little (generic organisation word or name particle such as bin, al, van)
    light: bool = field(default=False, compare=False)

    @property
    def text(self) -> str:
        return self.alts[0]

    def note(self, i: int) -> str:
        return self.notes[i] if i < len(self.notes) else ""


def make_token(
    alts,
    notes=(),
    role: str = "",
    generic: bool = False,
    max_alts: int = MAX_ALTS,
    spelt: frozenset[str] = frozenset(),
) -> Token:
    """A token of the spellings ``alts``; those in ``spelt`` are compared by spelling only (they get no
    sound keys: a Japanese reading of a kanji word is spelt by rule, so 東光 toko does not sound like TAK)."""
    alts, notes = tuple(alts), tuple(notes)
    key = (alts, notes, max_alts, spelt)
    found = _TOKEN_PARTS.get(key)
    if found is None:
        if len(_TOKEN_PARTS) > 200_000:
            _TOKEN_PARTS.clear()
        found = _TOKEN_PARTS[key] = _token_parts(alts, notes, max_alts, spelt)
    keys, kept_notes, phons, jfolds, fines, lengths, particle = found
    # a new Token each time: a name that repeats a word holds two distinct tokens (the matcher tells
    # the places of its words apart by identity); its __dict__ filled directly, as the codec does (the
    # frozen dataclass's __init__ sets each field through object.__setattr__)
    t = _new(Token)
    t.__dict__.update(
        alts=keys,
        notes=kept_notes,
        role=role,
        generic=generic,
        phons=phons,
        jfolds=jfolds,
        fines=fines,
        lengths=lengths,
        light=generic or particle,
    )
    return t


_new = object.__new__


#: what a token's spellings determine (its keys, folds and weights), memoised: the same words recur in
#: name after name, and each costs several key computations
_TOKEN_PARTS: dict[tuple, tuple] = {}


def _token_parts(alts: tuple, notes: tuple, max_alts: int, spelt: frozenset[str] = frozenset()) -> tuple:
    alts = [a for a in alts if a]
    seen: dict[str, str] = {}
    notes = list(notes) + [""] * (len(alts) - len(notes))
    for a, n in zip(alts, notes, strict=False):
        if a not in seen:
            seen[a] = n
    keys = tuple(list(seen)[:max_alts])
    sounded = [a for a in keys if a not in spelt] if spelt else keys
    return (
        keys,
        tuple(seen[k] for k in keys),
        tuple(dict.fromkeys(phonetic_key(a) for a in sounded)),
        tuple(dict.fromkeys(kana.japanese_fold(a) for a in keys)),
        tuple(dict.fromkeys(fine_key(a) for a in sounded)),
        tuple(min(max(len(a), 2), 10) for a in keys),
        bool(keys) and keys[0] in PARTICLES,
    )


@dataclass(frozen=True)
class Reading:
    tokens: tuple[Token, ...]
    method: str  # how the Latin form was obtained: "as written", "katakana → Hepburn", "pinyin" …
    translit: bool = False  # derived by transliteration: compare phonetically too
    japanese: bool = False  # derived from Japanese: fold the other side's romanisation (ō, ou, si/shi …)
    detail: str = ""  # e.g. "矢田 太郎 → やだ たろう"
    #: a Japanese personal name written in Latin letters (Taro Yamada): facing a reading compared by sound
    #: (a foreign name in katakana, pinyin), it is compared by spelling, as a kanji reading is
    japanese_name: bool = False

    @property
    def coarse(self) -> bool:
        """Readings through kana, hangul or Chinese syllables lose voicing and l/r: the coarse phonetic key
        applies. Alphabetic transliterations (Cyrillic, Arabic …) keep them: the fine key applies."""
        return self.translit and not self.method.startswith(
            ("Cyrillic", "transliteration", "kanji reading", JAPANESE_NAME_IN_KANA)
        )

    @property
    def abjad(self) -> bool:
        """A reading of a script that leaves short vowels out (Arabic): its consonants are all there is to
        compare, so two consonant skeletons must agree exactly (أمیر amir ≠ Omari's near neighbours)."""
        return self.method.startswith("transliteration (Arabic")

    @property
    def systematic(self) -> bool:
        """Romanisations made by rule with their variants listed (hangul RR/MR, pinyin/Wade-Giles, Cyrillic
        schemes): a spelling difference beyond those variants is a real one (Jae-in ≠ Jae-hyun)."""
        return self.method.startswith(("hangul", "pinyin", "hanja", "Cyrillic", "Cantonese"))

    @property
    def canonical(self) -> bool:
        """Our own Hepburn spelling of dictionary readings: any difference left after folding is real."""
        return self.method.startswith(("kanji reading", JAPANESE_NAME_IN_KANA, JAPANESE_NAME_IN_CYRILLIC))

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


@dataclass(frozen=True)
class PreparedName:
    original: str
    script: str
    kind: str  # person | org
    readings: tuple[Reading, ...]
    legal_forms: frozenset[str] = frozenset()
    #: the name as written, tokenised in its own script (Han folded to simplified); compared instead of
    #: the readings when both names are written in the same non-Latin script
    written: tuple[Reading, ...] = ()

    @property
    def script_group(self) -> str:
        return SCRIPT_GROUPS.get(self.script, self.script)


def schema_kind(schema: str) -> str:
    return "person" if schema in PERSON_SCHEMAS else "org" if schema in ORG_SCHEMAS else "other"


@lru_cache(maxsize=200000)
def prepare(value: str, schema: str = "Person") -> PreparedName:
    """All readings of one name; cached, so each distinct name is analysed once per process."""
    kind = schema_kind(schema)
    if kind == "person" and _organisation_shaped(fold(value)):
        kind = "org"  # lists file groups under persons too (… Liberation Front, … Workers' Party)
    readings: list[Reading] = []
    forms: frozenset[str] = frozenset()
    script = detect_script(fold(value))
    variants = expand_alternatives(value, qualifiers=kind == "org")
    variants += [s for v in variants if (s := _spaced_initials(v, kind)) != v]
    if script == "Cyrl":
        variants = [_CYRILLIC_GLUED.sub(" ", v) for v in variants]
    for variant in variants:
        text = fold(orgs.unglue_legal_form(variant) if kind == "org" else variant)
        vscript = detect_script(text)
        if kind == "org":
            found, f = _org_readings(text, vscript)
            forms |= f
        else:
            found = _person_readings(text, vscript)
        readings.extend(r for r in map(_without_empty_tokens, found) if r.tokens)
    readings = _merge_parallel(list(dict.fromkeys(readings)))[:MAX_READINGS]
    written = []
    if SCRIPT_GROUPS.get(script, script) != "Latn":
        for variant in expand_alternatives(value):
            w = _written(fold(variant), detect_script(fold(variant)), kind)
            if w.tokens:
                written.append(w)
    if not readings:
        toks = tokenize(ascii_fold(value)) or [value]
        readings = [Reading(tuple(make_token([t]) for t in toks), "as written")]
    return PreparedName(value, script, kind, tuple(readings), forms, tuple(written))


def _without_empty_tokens(r: Reading) -> Reading:
    """``r`` without words that have no Latin spelling (a Latin word has no pinyin: 軍事組織 Rusich)."""
    if all(t.alts for t in r.tokens):
        return r
    return Reading(tuple(t for t in r.tokens if t.alts), r.method, r.translit, r.japanese, r.detail)


#: two Cyrillic words written together, told by a capital after a small letter (ИвановИван →
#: Иванов Иван; lists lose the space between given name and patronymic). Cyrillic names have no
#: inner capitals, unlike Latin ones (McDonald, DeLuca)
_CYRILLIC_GLUED = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ])")
_DOTTED = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.){2,4})(?![^\W\d_])")
_CONSONANTS = re.compile(r"(?<![^\W\d_])([B-DF-HJ-NP-TV-XZ]{2,3})(?![^\W\d_])")


def _spaced_initials(text: str, kind: str) -> str:
    """Initials written together as separate letters, so that each can meet a word: U.S. → U S (United
    States; in an organisation name two letters only), and in a person's name a short run of consonants, JC → J C (Jean-Claude). Legal forms
    (S.A., N.V.), titles and suffixes stay as they are."""

    def dotted(m: re.Match) -> str:
        letters = m.group(1).replace(".", "")
        if letters.lower() in orgs.LEGAL_FORMS_LATIN or (kind != "person" and len(letters) > 2):
            return m.group(0)  # S.A.; and N.A.B.C. Company is more often a name of letters than initials
        return " ".join(letters)

    def run(m: re.Match) -> str:
        w = m.group(1).lower()
        keep = w in TITLES_LATIN or w in _NAME_SUFFIXES or w in orgs.LEGAL_FORMS_LATIN
        return m.group(0) if keep else " ".join(m.group(1))

    if not text.isascii() and not ascii_fold(text).isascii():
        return text
    text = _DOTTED.sub(dotted, text)
    # capitals in a name not written all in capitals (JC Juncker, not NG KWOK)
    return _CONSONANTS.sub(run, text) if kind == "person" and not text.isupper() else text


#: words that name a kind of body, as a name filed under persons may carry them (not words that are
#: also surnames, such as Plant, or abbreviations, such as Co)
_BODY_WORDS = frozenset(
    """group front movement committee organization organisation association foundation brigade army
    party council union league network battalion regiment corps company corporation institute
    university ministry agency society""".split()
)
_CJK_BODY_TERMS = tuple(
    t for t, e in orgs.CJK_TERMS.items() if len(t) >= 2 and set(e.split()) & (_BODY_WORDS | {"bureau"})
)


@lru_cache(maxsize=65536)
def _organisation_shaped(text: str) -> bool:
    """Whether a name filed as a person reads as a body: a word for a kind of body (group, front,
    committee, 運動, 委員会, グループ) beside other words."""
    words = tokenize(ascii_fold(text))
    if len(words) >= 2 and any(w in _BODY_WORDS for w in words):
        return True
    return any(t in text and len(text) > len(t) + 1 for t in _CJK_BODY_TERMS)


def _merge_parallel(readings: list[Reading]) -> list[Reading]:
    """Fold readings that differ only word by word (``Yury Chaika`` / ``Yuri Chayka``) into one reading
    whose tokens carry both spellings: one alignment instead of one per variant."""
    out: list[Reading] = []
    for r in readings:
        for k, o in enumerate(out):
            if (o.method, o.translit, o.japanese, len(o.tokens)) == (
                r.method,
                r.translit,
                r.japanese,
                len(r.tokens),
            ) and all(
                a.role == b.role and a.generic == b.generic for a, b in zip(o.tokens, r.tokens, strict=True)
            ):
                if (
                    sum(a.alts != b.alts for a, b in zip(o.tokens, r.tokens, strict=True)) <= 1
                    or r.method == "as written"
                ):
                    tokens = tuple(
                        a
                        if a.alts == b.alts
                        else make_token(a.alts + b.alts, a.notes + b.notes, a.role, a.generic)
                        for a, b in zip(o.tokens, r.tokens, strict=True)
                    )
                    out[k] = Reading(tokens, o.method, o.translit, o.japanese, o.detail)
                    break
        else:
            out.append(r)
    return out


def _written(text: str, script: str, kind: str) -> Reading:
    """The name in its own script: words, with a Han or hangul person name split into family and given."""
    if kind == "org":
        text, _ = _strip_cjk_forms(text)
        text, _ = _strip_cyrillic_forms(text)
    words = [w for w in re.split(r"[\s・=＝･,.\-\"“”«»]+", text) if w]
    if script in ("Hani", "Jpan"):
        words = [chinese.to_simplified(strip_titles_cjk(w)) for w in words]
        if kind == "person" and len(words) == 1:
            split = japanese.split_person(words[0]) if script == "Jpan" else None
            words = list(split or chinese.split_person(words[0]))
    elif script == "Hang" and kind == "person" and len(words) == 1:
        words = list(korean.split_person(strip_titles_cjk(words[0])))
    elif script in ("Kana", "Hira"):
        words = [kana.kana_to_hepburn(strip_titles_cjk(w)) for w in words]
    return Reading(tuple(make_token([w], [w]) for w in words if w), "as written")


# ---------------------------------------------------------------- persons


_LEET = str.maketrans("0134579", "oieastg")


def _deleet(token: str) -> str:
    """Digits standing for letters in a name (Ig0r Sech1n → igor sechin); "" for plain words and numbers."""
    if token.isalpha() or token.isdigit() or not any(ch.isalpha() for ch in token):
        return ""
    return token.translate(_LEET)


def _baltic_stem(token: str) -> str:
    """A foreign name in Latvian or Lithuanian spelling takes a nominative ending (Sergejs, Lavrovs,
    Ivanovas); the stem is the name as other languages write it. "" when the word has no such ending."""
    if len(token) >= 6 and token.endswith(("as", "is", "us")) and token[-3] not in "aeiouy":
        return token[:-2]
    if len(token) >= 5 and token[-1] == "s" and token[-2] in "jvr":
        return token[:-1]
    return ""


_NAME_SUFFIXES = frozenset("jr sr junior senior ii iii iv".split())
#: one empty set for "no spelling compared by spelling only": a token's parts are memoised by it, and a new
#: empty set per call made key computation a fifth slower
_NOTHING_SPELT: frozenset[str] = frozenset()


def _latin_tokens(text: str) -> list[str]:
    if text.count(",") == 1:
        # list format "FAMILY, Given": read in the order written out (AL BEN ALI, Isa → Isa AL BEN ALI),
        # unless what follows the comma is only a title or suffix (Lavilla, Jr)
        family, given = (tokenize(ascii_fold(part)) for part in text.split(","))
        if family and given and not all(t in TITLES_LATIN or t in _NAME_SUFFIXES for t in given):
            return drop_titles(given + family)
    return drop_titles(tokenize(ascii_fold(text)))


def _person_readings(text: str, script: str) -> list[Reading]:
    if script == "Latn" or (script == "Zyyy" and ascii_fold(text).isascii()):
        words = _latin_tokens(text)
        tokens = []
        for i, t in enumerate(words):
            # a nickname before the family name also stands for its full names (Ted → Theodore, Edward)
            full = nicknames.full_names(t) if i < len(words) - 1 and t not in PARTICLES else ()
            # a generational suffix (Jr, Sr, III) is an abbreviation, compared by spelling: it sounds
            # like no name (SHAKRO JR. is no セイラ)
            spelt = frozenset([t]) if t in _NAME_SUFFIXES else _NOTHING_SPELT
            tokens.append(
                make_token(
                    [t, _deleet(t), *full, _baltic_stem(t)],
                    [t, t, *(f"{t}={f}" for f in full), t],
                    spelt=spelt,
                )
            )
        jname = len(words) == 2 and japanese.is_japanese_name_in_latin(*words)
        return [Reading(tuple(tokens), "as written", japanese_name=jname), *_wade_giles_person(text)]
    if script in ("Hira", "Kana"):
        return [_kana_person(strip_titles_cjk(text))]
    if script == "Jpan":
        text = strip_titles_cjk(text)
        if all(japanese._is_kana(ch) or not ch.isalpha() for ch in text):
            return [_kana_person(text)]  # モハンマド・エスラーミー博士 once the title is gone
        found = _japanese_person(text)
        # not a splittable personal name (lists file groups under persons too): read it word by word
        return found or _cjk_org(text)[0][:1]
    if script == "Hani":
        text = strip_titles_cjk(text)
        if _japanese_shaped(text):  # no Chinese or Korean reading for 山八 美菜恵 (shan ba mei cai hui)
            return _japanese_person(text) or [_chinese_person(text)]
        return [
            *_japanese_person(text),
            _chinese_person(text),
            *_cantonese_person(text),
            *_hanja_person(text),
        ]
    if script == "Hang":
        return [_korean_person(strip_titles_cjk(text))]
    if script == "Cyrl":
        return [_cyrillic(text), *_east_asian_in_cyrillic(text)]
    if script == "Arab":
        return _arabic(text)
    return [_anyascii(text)]


_WG_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _wade_giles_person(text: str) -> list[Reading]:
    """Pinyin reading of a Chinese name written in Wade-Giles (Hsi Chin-ping → Xi Jinping, Mao Tse-tung →
    Mao Zedong). Only when the name says it is Wade-Giles: a hyphenated given name whose syllables are all
    Wade-Giles syllables, or every word a Wade-Giles syllable with one that pinyin does not have (hsi,
    tse, chih). A word that does not parse (a family name spelt Lee) is kept as written."""
    plain = ascii_fold(text).replace("'", "").replace("`", "").replace("’", "")
    if plain.count(",") == 1:
        family, given = plain.split(",")
        plain = f"{given} {family}"
    words = re.split(r"[\s,]+", plain.strip())
    if not 2 <= len(words) <= 4 or not all(_WG_WORD.fullmatch(w) for w in words):
        return []
    parsed = [[chinese.pinyin_from_wade_giles(s) for s in w.split("-")] for w in words]
    hyphenated = any(len(p) > 1 and all(p) for p in parsed)
    every = all(all(p) for p in parsed)
    wade_only = any(
        not chinese.is_pinyin_syllable(s)
        for w, p in zip(words, parsed, strict=True)
        if all(p)
        for s in w.split("-")
    )
    if not (hyphenated or (every and wade_only)):
        return []
    tokens = []
    for w, p in zip(words, parsed, strict=True):
        if not all(p):
            tokens.append(make_token(tokenize(w.replace("-", "")), [w]))
            continue
        alts = [""]
        for options in p:
            alts = [a + o for a in alts for o in options][:MAX_ALTS]
        tokens.append(make_token(alts, [w] * len(alts)))
    return [Reading(tuple(tokens), "pinyin from Wade-Giles", detail=" ".join(words))]


#: generational suffixes in katakana, as Latin names write them
_KANA_NAME_SUFFIXES = {"ジュニア": ("jr", "junior"), "シニア": ("sr", "senior")}


def _kana_person(text: str) -> Reading:
    parts = [p for p in re.split(r"[\s・=＝･]+", text) if p]
    if len(parts) == 2 and japanese.is_japanese_name_in_kana(*parts):
        return _japanese_name_in_kana(*parts)
    # a Japanese family name first, a given name of another language after it (ヤスクリ セイラ): the
    # family name is the reading of a Japanese name, compared by spelling, not by sound
    spelt_family = len(parts) == 2 and japanese.is_japanese_family_name_in_kana(parts[0])
    tokens = []
    for i, part in enumerate(parts):
        full = kana.kana_to_hepburn(part)
        alts = kana.loanword_spellings(full)
        if part[:1] in "ウう" and len(full) > 2 and full[1] not in "aeiou":
            # word-initial ウ before a consonant writes V/W of a cluster (ウラジーミル = Vladimir)
            alts.append("v" + kana.simple_hepburn(full)[1:])
        spelt = frozenset(a for a in alts if a) if spelt_family and i == 0 else _NOTHING_SPELT
        if part in _KANA_NAME_SUFFIXES:  # ジュニア: Jr, as the Latin name writes it
            alts = [*_KANA_NAME_SUFFIXES[part], *alts]
            spelt = frozenset(_KANA_NAME_SUFFIXES[part])
        tokens.append(make_token(alts, [part] * len(alts), spelt=spelt))
    return Reading(tuple(tokens), "kana → Hepburn", translit=True, japanese=True, detail=" ".join(parts))


def _japanese_name_in_kana(family: str, given: str) -> Reading:
    """A Japanese name in kana (ヤマダ タロウ): its Hepburn spellings, compared as exactly as a kanji reading."""
    import jaconv

    fam, giv = jaconv.kata2hira(family), jaconv.kata2hira(given)
    fa, fn = _kana_variants((fam,))
    ga, gn = _kana_variants((giv,))
    tokens = (make_token(fa, [family] * len(fa), "family"), make_token(ga, [given] * len(ga), "given"))
    return Reading(tokens, JAPANESE_NAME_IN_KANA, translit=True, japanese=True, detail=f"{family} {given}")


#: method of the reading of a Japanese name written in kana: a canonical Hepburn spelling like a kanji reading
JAPANESE_NAME_IN_KANA = "kana reading of a Japanese name (JMnedict)"
#: method of the reading of a Japanese name written in Cyrillic by Polivanov's rules, which spell kana one
#: way each: a canonical Hepburn spelling like a kana reading (Сато is sato, never kato)
JAPANESE_NAME_IN_CYRILLIC = "Polivanov reading of a Japanese name (JMnedict)"


def _kana_variants(readings: tuple[str, ...]) -> tuple[list[str], list[str]]:
    alts, notes = [], []
    for r in readings:
        full = kana.kana_to_hepburn(r)
        for a in (kana.simple_hepburn(full), full):
            alts.append(a)
            notes.append(r)
    return alts, notes


def _family_and_given(text: str) -> tuple[str, str] | None:
    """A personal name in Chinese characters as (family, given): as spaced, or split by the surname
    dictionary when written without a space; None when it cannot be split."""
    parts = text.split()
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1:
        return japanese.split_person(text)
    return None


def _japanese_person(text: str) -> list[Reading]:
    """The Japanese reading of a personal name in kanji; one written with variant or old forms of its
    characters (髙橋一郎, 增田) is read as its standard form, which the dictionaries list."""
    found = _japanese_person_as_written(text)
    if found:
        return found
    standard = japanese.standard_forms(text)
    if standard == text:
        return []
    return [
        replace(r, detail=f"{text} = {standard}: {r.detail}") for r in _japanese_person_as_written(standard)
    ]


def _japanese_person_as_written(text: str) -> list[Reading]:
    split = _family_and_given(text)
    if split is None:
        return []
    family, given = split
    fam = japanese.part_readings(family, "family", limit=8)
    giv = japanese.part_readings(given, "given", limit=10)  # 一: いち … はじめ; 尚子: ひさこ … なおこ
    if not fam or not giv:
        return []
    fa, fn = _kana_variants(fam)
    ga, gn = _kana_variants(giv)
    tokens = (
        make_token(fa, [f"{family}→{n}" for n in fn], "family", max_alts=20),
        make_token(ga, [f"{given}→{n}" for n in gn], "given", max_alts=20),
    )
    detail = f"{family} {given} → {fam[0]} {giv[0]}"
    return [Reading(tokens, "kanji reading (UniDic, JMnedict)", translit=True, japanese=True, detail=detail)]


def _japanese_shaped(text: str) -> bool:
    """Whether a personal name in Chinese characters can only be Japanese: a family name of two or more
    characters that is no Chinese (or Korean) compound family name (佐藤, 長谷川 — 欧阳 and 诸葛 are
    Chinese), or a given name of three or more (美菜恵). Chinese and Korean names have a one-character
    family name, a compound one, and one or two given-name characters. A name that starts with a frequent
    Chinese family name and has three characters at most (林 健太, 王 小明) is left to all readings."""
    split = _family_and_given(text)
    if split is None:
        return False
    family, given = split
    if len(given) >= 3:
        return True
    if len(family) < 2 or chinese.to_simplified(family) in chinese.COMPOUND_SURNAMES:
        return False
    compact = family + given
    return not (len(compact) <= 3 and chinese.to_simplified(compact[0]) in chinese.SURNAME_SPELLINGS)


def _chinese_person(text: str) -> Reading:
    parts = text.split()
    simp = chinese.to_simplified("".join(parts))
    family, given = (
        (chinese.to_simplified(parts[0]), chinese.to_simplified(parts[1]))
        if len(parts) == 2
        else chinese.split_person(simp)
    )
    tokens = [make_token(chinese.surname_spellings(family), [family] * 12, "family")]
    if given:
        tokens.append(make_token(chinese.given_spellings(given), [given] * 2, "given"))
    detail = f"{family} {given} → {' '.join(chinese.syllables(family + given))}"
    return Reading(tuple(tokens), "pinyin", translit=True, detail=detail)


#: spellings kept per Cantonese syllable when the given name's syllables are written together
_CANTONESE_PER_SYLLABLE = 4


def _cantonese_person(text: str) -> list[Reading]:
    """Cantonese reading of a Chinese personal name, in the Hong Kong Government romanisation (董建华 →
    Tung Kin-wah, 曾荫权 → Tsang Yam-kuen)."""
    parts = text.split()
    simp = chinese.to_simplified("".join(parts))
    family, given = (parts[0], parts[1]) if len(parts) == 2 else chinese.split_person(simp)
    if not given or len(family) + len(given) > 4:
        return []
    fam = chinese.cantonese_syllables(family) if len(family) == 1 else None
    giv = chinese.cantonese_syllables(given)
    if not fam or not giv:
        return []
    joined = ["".join(c) for c in itertools.product(*(syl[:_CANTONESE_PER_SYLLABLE] for syl in giv))]
    # the family name also as Mandarin, Wade-Giles and Taiwanese spellings write it: a Cantonese given name
    # often follows them (Chiang Kai-shek, Soong Ching-ling)
    surnames = list(dict.fromkeys([*fam[0], *chinese.surname_spellings(chinese.to_simplified(family))]))
    # compared by spelling only: the romanisation is the identity card's, its variants are listed, and
    # Cantonese syllables are too short for sound keys to tell apart (wong ~ wen, ngai ~ ing)
    tokens = (
        make_token(surnames, [family] * len(surnames), "family", max_alts=16, spelt=frozenset(surnames)),
        make_token(joined, [given] * len(joined), "given", max_alts=64, spelt=frozenset(joined)),
    )
    detail = f"{family} {given} → {fam[0][0]} {'-'.join(syl[0] for syl in giv)}"
    return [Reading(tokens, "Cantonese (Hong Kong Government romanisation)", translit=True, detail=detail)]


def _hanja_person(text: str) -> list[Reading]:
    """Korean reading of a name written in hanja (金正恩 → 김정은 → Kim Jong-un)."""
    compact = text.replace(" ", "")
    if not 2 <= len(compact) <= 3:  # Korean names in hanja: one-character family name, 1–2 given
        return []
    try:
        import hanja
    except ImportError:
        return []
    family = korean.HANJA_SURNAME_READINGS.get(compact[0]) or hanja.translate(compact[0], "substitution")
    given = hanja.translate(compact[1:], "substitution")
    if not all(korean._is_hangul_syllable(c) for c in family + given):
        return []
    r = _korean_person(family + given)
    return [
        Reading(
            r.tokens, "hanja → hangul → romanisation", translit=True, detail=f"{compact} → {family}{given}"
        )
    ]


def _korean_person(text: str) -> Reading:
    words = text.split()
    tokens = []
    if len(words) == 1:
        family, given = korean.split_person(words[0])
        tokens.append(make_token(korean.surname_spellings(family), [family] * 12, "family"))
        # Korean given names are written syllable by syllable (Jong-un, Jong Un): one token each, so that
        # 정은 and 여정 (Jong-un, Yo-jong) do not pass for each other
        for syl in given:
            tokens.append(make_token(korean.given_spellings(syl), [syl] * 2, "given"))
    else:
        for i, w in enumerate(words):
            alts = korean.surname_spellings(w) if i == 0 and len(w) == 1 else korean.given_spellings(w)
            tokens.append(make_token(alts, [w] * len(alts), "family" if i == 0 else "given"))
    return Reading(
        tuple(tokens), "hangul → Revised Romanisation / McCune-Reischauer", translit=True, detail=text
    )


_IULIIA = None

#: letters only Ukrainian writes (Russian has none of them): a name holding one is read by the Ukrainian
#: national romanisation too (Микола → Mykola, Юрій → Yurii, Київ → Kyiv)
_UKRAINIAN_LETTERS = frozenset("іїєґ")
#: Ukrainian spelling → the Russian spelling of the same sounds, for the Russian schemes and stems
#: (університет → университет, Юрій → Юрий); the apostrophe of об'єднання goes
_RUSSIANISED = str.maketrans({"і": "и", "ї": "йи", "є": "е", "ґ": "г", "'": "", "’": "", "ʼ": ""})


def is_ukrainian(text: str) -> bool:
    return any(ch in _UKRAINIAN_LETTERS for ch in text.lower())


def russianised(word: str) -> str:
    """A Ukrainian word respelt with Russian letters (і → и, є → е, ї → йи, ґ → г)."""
    return word.translate(_RUSSIANISED)


#: marks that Russian romanisations write inside a word (BGN/PCGN's middle dot, hard and soft signs),
#: dropped; and the Cyrillic ё that iuliia's BGN/PCGN leaves as it is, written as that scheme's ë
_SIGN_MARKS = str.maketrans({"ё": "ë", **dict.fromkeys("·”’ʺʹ\"'")})


def cyrillic_spellings(word: str, ukrainian: bool = False) -> list[str]:
    """Latin spellings of one lower-case Cyrillic word: the Russian schemes (BGN/PCGN, ICAO, Wikipedia,
    scientific) and anyascii; for a Ukrainian name first the Ukrainian national romanisation (KMU 2010,
    through ``translitua``), then the Russian schemes of its Russian respelling."""
    global _IULIIA
    import iuliia
    from anyascii import anyascii

    if _IULIIA is None:
        _IULIIA = [iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.WIKIPEDIA, iuliia.SCIENTIFIC]
    out = []
    if ukrainian:
        import translitua

        out.append(tokenize(ascii_fold(translitua.translit(word, translitua.UkrainianKMU)))[:1])
        ru = russianised(word)
    else:
        ru = word
    # BGN/PCGN separates some letters with a middle dot (дэ → d·e) and writes the hard and soft signs
    # as quotes (объект → ob”yekt, Ильин → Il’in): none of them is a word boundary
    out += [tokenize(ascii_fold(s.translate(ru).translate(_SIGN_MARKS)))[:1] for s in _IULIIA]
    out.append(tokenize(anyascii(word).lower())[:1])
    # the German and French press's spellings (Schukow, Joukov): compared exactly, after the others
    out += [[_press_spelling(ru, "de")], [_press_spelling(ru, "fr")]]
    return list(dict.fromkeys(a[0] for a in out if a and a[0] and a[0].isascii()))


_VOWELS_CYR = "аеёиоуыэюяьъ"
#: Russian letters that German (Duden) and French spellings write alike; е after a vowel, ё after ж ч ш
#: щ, and the endings -ий, -ый are set by position (:func:`_press_spelling`)
_PRESS_COMMON = {
    "а": "a", "б": "b", "г": "g", "д": "d", "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "ъ": "", "ы": "y", "ь": "", "э": "e", "е": "e",
}  # fmt: skip
#: per language: its own letters, е at the start or after a vowel, ё after a hushing consonant, -ий, -ый
_PRESS = {
    "de": (
        str.maketrans(_PRESS_COMMON | {"в": "w", "ж": "sch", "з": "s", "у": "u", "х": "ch", "ц": "z", "ч": "tsch",
                                       "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "ё": "jo", "й": "j"}),
        "je", "o", "i", "y",
    ),
    "fr": (
        str.maketrans(_PRESS_COMMON | {"в": "v", "ж": "j", "з": "z", "у": "ou", "х": "kh", "ц": "ts", "ч": "tch",
                                       "ш": "ch", "щ": "chtch", "ю": "iou", "я": "ia", "ё": "io", "й": "i"}),
        "ie", "e", "i", "i",
    ),
}  # fmt: skip


def _press_spelling(word: str, lang: str) -> str:
    """The German (Duden: Жуков Schukow, Щедрин Schtschedrin, Горбачёв Gorbatschow) or French (Joukov,
    Khrouchtchev, Gorbatchev) spelling of a Russian word; "" for a word with other letters."""
    if not word or any(ch not in _RUSSIAN_LETTERS for ch in word):
        return ""
    table, initial_e, hushed_yo, end_iy, end_yy = _PRESS[lang]
    w = re.sub(r"(?:ий|ый)$", lambda m: end_iy if m.group() == "ий" else end_yy, word)
    w = re.sub(rf"(?:^|(?<=[{_VOWELS_CYR}]))е", initial_e, w)
    return _AFTER_HUSHING_Ё.sub(hushed_yo, w).translate(table)


_RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_AFTER_HUSHING_Ё = re.compile("(?<=[жчшщ])ё")


def _cyrillic(text: str) -> Reading:
    ukrainian = is_ukrainian(text)
    tokens = []
    for word in tokenize(text):
        flat = cyrillic_spellings(word, ukrainian)
        notes = [word] * len(flat)
        for other, other_uk in slavic.other_forms(word):  # Микола is Николай: NIKOLAI, MYKOLA
            more = [s for s in cyrillic_spellings(other, other_uk)[:2] if s not in flat]
            flat += more
            notes += [f"{word} = {other}"] * len(more)
        for english in slavic.english_forms(word):  # Евгений Eugene: an exact alternative only
            if english not in flat:
                flat.append(english)
                notes.append(f"{word} = {english}")
        if flat:
            tokens.append(make_token(flat, notes, max_alts=MAX_ALTS + 2))
    method = (
        "Cyrillic → Latin (Ukrainian KMU 2010, BGN/PCGN, ICAO, Wikipedia, ISO-like)"
        if ukrainian
        else ("Cyrillic → Latin (BGN/PCGN, ICAO, Wikipedia, ISO-like)")
    )
    return Reading(tuple(tokens), method, translit=True, detail=text)


@lru_cache(maxsize=65536)
def _east_asian_in_cyrillic(text: str) -> tuple[Reading, ...]:
    """Readings of a Chinese, Japanese or Korean name written in Cyrillic letters by the Russian systems
    (Palladius, Polivanov, Kontsevich; see ``cyrillic_asian``): Си Цзиньпин → Xi Jinping, Синдзо Абэ →
    Shinzo Abe, Ким Чен Ын → Kim Jong Un. Each only when the name has that language's shape: a Chinese
    one-syllable family name first and a given name of one or two syllables; two words that make a
    Japanese family and given name by JMnedict; a Korean family name first and one or two given-name
    syllables. A Russian name (Иван Петров) has none of these shapes."""
    words = [russianised(w) for w in tokenize(text)]
    if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return ()
    out = []
    pinyin = [cyrillic_asian.pinyin_syllables(w) for w in words]
    if len(words) <= 3 and all(pinyin) and len(pinyin[0]) == 1 and sum(len(p) for p in pinyin[1:]) <= 2:
        family = list(dict.fromkeys(s for py in pinyin[0][0] for s in (py, chinese.wade_giles(py))))
        tokens = [make_token(family, [words[0]] * len(family), "family")]
        for w in words[1:]:
            alts = cyrillic_asian.pinyin_spellings(w)
            alts += [wg for a in alts[:2] if (wg := "".join(chinese.wade_giles(s) for s in _split(a, w)))]
            alts = list(dict.fromkeys(alts))
            tokens.append(make_token(alts, [w] * len(alts), "given"))
        out.append(Reading(tuple(tokens), "pinyin from Cyrillic (Palladius)", translit=True, detail=text))
    if len(words) == 2:
        romaji = [cyrillic_asian.polivanov_romaji(w) for w in words]
        if all(romaji) and japanese.is_japanese_name_in_latin(*romaji):
            tokens = tuple(make_token([r], [w]) for r, w in zip(romaji, words, strict=True))
            out.append(
                Reading(
                    tokens,
                    JAPANESE_NAME_IN_CYRILLIC,
                    japanese=True,
                    japanese_name=True,
                    detail=text,
                )
            )
    if words[0] in cyrillic_asian.KOREAN_FAMILY_NAMES:
        syllables = [cyrillic_asian.hangul_syllables(w) for w in words]
        if all(syllables) and len(syllables[0]) == 1 and 1 <= sum(len(s) for s in syllables[1:]) <= 2:
            out.append(_korean_in_cyrillic(text, words, syllables))
    return tuple(out)


def _split(joined: str, word: str) -> list[str]:
    """The pinyin syllables of ``joined`` (a spelling of the Cyrillic ``word``), in order."""
    options = cyrillic_asian.pinyin_syllables(word) or ()
    out, rest = [], joined
    for opts in options:
        s = next((o for o in opts if rest.startswith(o)), "")
        if not s:
            return []
        out.append(s)
        rest = rest[len(s) :]
    return out if not rest else []


#: candidate hangul syllables kept per Cyrillic syllable (Чен: 정, 전, 젠 …), likeliest first
_HANGUL_CANDIDATES = 8
#: the initial sound law: a family name read with ㄹ is written with ㅇ or ㄴ in the South (리 이, 류 유, 로 노)
_INITIAL_LAW = {"리": "이", "류": "유", "림": "임", "로": "노", "라": "나", "량": "양", "려": "여"}


def _korean_in_cyrillic(text: str, words: list[str], syllables: list) -> Reading:
    (family_options,) = syllables[0]
    family_options = [h for c in family_options for h in (_INITIAL_LAW.get(c), c) if h][
        : _HANGUL_CANDIDATES * 2
    ]
    fam = list(dict.fromkeys(s for h in family_options for s in korean.surname_spellings(h)))
    tokens = [make_token(fam, [words[0]] * len(fam), "family", max_alts=32)]
    for w, word_syllables in zip(words[1:], syllables[1:], strict=True):
        for options in word_syllables:
            # each spelling noted with the syllable it spells (мин→민): the token is one hangul syllable
            # of a given name, so a word left over facing it is a conflict (see features._hangul_syllable)
            spelt = {}
            for h in options[:_HANGUL_CANDIDATES]:
                for s in korean.given_spellings(h):
                    spelt.setdefault(s, f"{w}→{h}")
            tokens.append(make_token(list(spelt), list(spelt.values()), "given", max_alts=32))
    method = "hangul from Cyrillic (Kontsevich) → Revised / McCune-Reischauer"
    return Reading(tuple(tokens), method, translit=True, detail=text)


def _arabic(text: str) -> list[Reading]:
    """Arabic-script person name: each word with its spellings (w/u, article, ta marbuta …, ``arabic``);
    a second reading writes two-word names as one (عبد الله Abdullah, نور الدين Nooruddin)."""
    words = arabic.name_words(text)
    out = []
    for ws in (words, arabic.compounds(words)):
        tokens = tuple(make_token(alts, [w] * len(alts)) for w, alts in ws if alts)
        out.append(Reading(tokens, "transliteration (Arabic script)", translit=True, detail=text))
    return list(dict.fromkeys(out))


def _anyascii(text: str) -> Reading:
    from anyascii import anyascii

    tokens = [make_token([t], [w]) for w in tokenize(text) for t in tokenize(anyascii(w).lower())[:1]]
    return Reading(tuple(tokens), "transliteration (anyascii)", translit=True, detail=text)


# ---------------------------------------------------------------- organisations

_LEGAL_PHRASES: dict[str, str] = {}


def _legal_phrases() -> list[tuple[str, str]]:
    """Latin legal-form phrases, longest first, with the form each stands for; Russian ones in every
    romanisation (Aktsionernoe / Aktsionernoye Obshchestvo)."""
    if not _LEGAL_PHRASES:
        found = {p: p for p in orgs.LEGAL_PHRASES_LATIN} | orgs.romanised_legal_phrases()
        _LEGAL_PHRASES.update(sorted(found.items(), key=lambda kv: -len(kv[0])))
    return list(_LEGAL_PHRASES.items())


_RU_ADJECTIVE = re.compile(r"^([a-z]{4,})sk(?:ii|iy|ij|y|i|oe|oye|aya|aja|ogo|ikh)$")


_QUALIFIER = re.compile(r"\(([^()]*)\)")


def _org_latin_tokens(text: str, spelt_only: bool = False) -> tuple[list[Token], set[str]]:
    text = re.sub(r"['’](s)\b", "", text)  # possessive: Women's → women, People's → people
    # a parenthesised word qualifies the name (Deutsche Bank (Schweiz) AG): it weighs like a generic word
    qualifiers = {w for inner in _QUALIFIER.findall(text) for w in tokenize(ascii_fold(inner))}
    written = tokenize(ascii_fold(text))
    words = orgs.numbers_to_digits(written)
    # a number word kept beside its digits, for a reading that spells it out (ファースト → first)
    spelt = (
        {d: w for d, w in zip(words, written, strict=False) if d != w} if len(words) == len(written) else {}
    )
    joined = " " + " ".join(words) + " "
    forms: set[str] = set()
    for phrase, form in _legal_phrases():
        if f" {phrase} " in joined and joined.strip() != phrase:
            forms.add(form)
            joined = joined.replace(f" {phrase} ", " ")
    words = joined.split()
    words, tail_form = _damaged_legal_phrase(words)
    if tail_form:
        forms.add(tail_form)
    kept = []
    for i, w in enumerate(words):
        form = orgs.LEGAL_FORMS_LATIN.get(w) or orgs.misspelt_legal_form(w)
        if form and len(words) > 1 and (i == 0 or i == len(words) - 1 or i >= len(words) - 3):
            forms.add(form)
            continue
        kept.append(w)
    if not kept:
        kept = words
    tokens = []
    for w in kept:
        if w in orgs.STOPWORDS and len(kept) > 1:
            continue
        w2 = orgs.SYNONYMS.get(w, w)
        alts = [w2] if w2 == w else [w2, w]
        if w in spelt:
            alts.append(spelt[w])
        # a Russian organisation word left in romanisation (Zavod, Konstruktorskoe) also means its translation
        eng = orgs.romanised_term(w)
        eng = orgs.SYNONYMS.get(eng, eng)
        generic = w2 in orgs.GENERIC_WORDS or eng in orgs.GENERIC_WORDS or w in qualifiers
        if eng and eng not in alts:
            alts.append(eng)
        # a Russian place adjective (Ryazanskii, Amursky Zavod) is often rendered as the place (リャザン)
        m = _RU_ADJECTIVE.match(w)
        if m and not eng:
            alts.append(m.group(1))
        # a demonym is often rendered as the country (Syrian → シリア, Libyan → リビア)
        if len(w) >= 6 and w.endswith(("ian", "yan")):
            alts.append(w[:-1])
        role = "qualifier" if w in qualifiers else ""
        spelt_alts = frozenset(alts) if spelt_only else _NOTHING_SPELT
        tokens.append(make_token(alts, [w], role=role, generic=generic, spelt=spelt_alts))
    return tokens, forms


def _damaged_legal_phrase(words: list[str]) -> tuple[list[str], str]:
    """A legal-form phrase ending the name, cut short by a field limit (… JOINT STOCK COMPAN) or with
    one letter wrong (JOYNT STOCK COMPANY): removed like the phrase itself."""
    from rapidfuzz.distance import OSA as _OSA

    for phrase, form in _legal_phrases():
        n = phrase.count(" ") + 1
        if n < 2 or len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        cut = phrase.startswith(tail) and len(phrase) - len(tail) <= 3 and len(words[-1]) >= 3
        if cut or (len(phrase) >= 10 and _OSA.distance(tail, phrase, score_cutoff=1) <= 1):
            return words[:-n], form
    return words, ""


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff66-\uff9f]")


def _org_readings(text: str, script: str) -> tuple[list[Reading], frozenset[str]]:
    if script in ("Latn", "Zyyy") and _CJK_CHAR.search(text):
        script = "Jpan"  # mostly Latin with a CJK word (IRISL・ベネルックス・NV): read the CJK part
    if script == "Latn" or (script == "Zyyy" and ascii_fold(text).isascii()):
        tokens, forms = _org_latin_tokens(text)
        return [Reading(tuple(tokens), "as written")], frozenset(forms)
    if script == "Cyrl":
        readings, forms = _cyrillic_org(text)
        trimmed = _without_parent_academy(text)
        if trimmed:
            # also the institute without the academy it belongs to, as its English name often has it
            more, more_forms = _cyrillic_org(trimmed)
            left_out = text[len(trimmed) :].strip()
            readings += [
                replace(r, detail=f"{left_out} (the academy it belongs to) left out; {r.detail}")
                for r in more
            ]
            forms |= more_forms
        return readings, forms
    if script in ("Hani", "Jpan", "Kana", "Hira", "Hang"):
        return _cjk_org(text)
    r = _anyascii(text)
    return [r], frozenset()


#: words of the academy an institute belongs to, written after its name in the genitive (Институт
#: вычислительного моделирования Сибирского отделения Российской академии наук; … НАН України)
_ACADEMY_WORDS = frozenset(
    """сибирского уральского дальневосточного отделения российской национальной академии наук ран нан
    со уро дво рамн раса украины беларуси республики казахстан узбекистан академії національної наук
    україни нанбеларуси""".split()
)
_ACADEMY_HEADS = frozenset({"академии", "академії", "ран", "нан", "рамн"})


def _without_parent_academy(text: str) -> str:
    """``text`` without the academy named after the institute (two words or more of it left), "" when
    it names none."""
    words = text.split()
    keys = [w.strip('",.«»()“”').lower() for w in words]
    for k in range(2, len(words)):
        rest = keys[k:]
        if all(w in _ACADEMY_WORDS for w in rest) and any(w in _ACADEMY_HEADS for w in rest):
            return " ".join(words[:k])
    return ""


def _cyrillic_org(text: str) -> tuple[list[Reading], frozenset[str]]:
    """The reading of an organisation's name in Cyrillic: its words translated where the vocabulary has
    them, read aloud otherwise; and its legal forms."""
    text, phrase_forms = _strip_cyrillic_forms(text)
    words = tokenize(text)
    if len(words) > 1:  # beside other words (НИИ полимеров), not a name of its own (Ран)
        words = [x for w in words for x in orgs.CYRILLIC_ABBREVIATIONS.get(w, (w,))]
        words = _without_conjunctions(words)
    forms = {w for w in words if w in orgs.LEGAL_FORMS_CYRILLIC and len(words) > 1}
    rest = " ".join(w for w in words if w not in forms)
    r = _cyrillic(rest)
    ukrainian = is_ukrainian(rest)
    translated = []
    for t in r.tokens:
        word = t.note(0)
        eng = orgs.cyrillic_term(word, ukrainian)
        eng = orgs.SYNONYMS.get(eng, eng)
        alts, notes = list(t.alts), list(t.notes)
        bases = None if eng else orgs.place_adjective_bases(word)
        if bases is not None:
            # the place an adjective names (Сахалинский → Sakhalin), beside the adjective itself
            stem, *others = (cyrillic_spellings(b, ukrainian)[:1] for b in bases)
            alts[1:1] = stem
            notes[1:1] = [f"{word} → {bases[0]}"] * len(stem)
            for base, spelt in zip(bases[1:], others, strict=True):
                alts += spelt
                notes += [f"{word} → {base}"] * len(spelt)
        english = eng.split("|") if eng else []  # аграрный: agrarian or agricultural
        # the other English forms of the word, after its spellings (the first two alternatives are
        # the ones compared by sound and spelling), compared exactly: химический, chemical
        other_forms = [w for w in _inflections(english) + _adjective_forms(english) if w not in english]
        first = (english + alts)[:1]
        translated.append(
            make_token(
                english + alts + other_forms,
                [word] * len(english) + notes + [word] * len(other_forms),
                generic=bool(first) and first[0] in orgs.GENERIC_WORDS,
                max_alts=MAX_ALTS + 4 + len(other_forms),
                spelt=frozenset(other_forms),  # no sound keys: they are compared exactly
            )
        )
    return [Reading(tuple(translated), r.method, True, False, r.detail)], frozenset(forms | phrase_forms)


#: "and" in Russian, Ukrainian and Belarusian names: no word of the name's content, as "and" is not
_CYRILLIC_AND = frozenset({"и", "й", "і", "та", "ды"})


def _without_conjunctions(words: list[str]) -> list[str]:
    """``words`` without the conjunctions joining two words (институт туризма и гостеприимства); a
    letter beside initials stays (им. И. П. Павлова: И is an initial)."""
    return [
        w
        for k, w in enumerate(words)
        if w not in _CYRILLIC_AND
        or k == 0
        or k == len(words) - 1
        or len(words[k - 1]) < 3
        or len(words[k + 1]) < 3
        or words[k - 1] in ("имени", "імені")
    ]


def _adjective_forms(words: list[str]) -> list[str]:
    """English adjectives of translated nouns, as a Russian adjective is rendered (географический:
    geography → geographical; физический: physics → physical; химический: chemistry → chemical)."""
    out = []
    for w in words:
        if len(w) < 5 or not w.isalpha():
            continue
        if w.endswith("istry"):
            out.append(w[:-5] + "ical")
        elif w.endswith(("logy", "graphy", "sophy", "nomy", "metry", "urgy")):
            out += [w[:-1] + "ical", w[:-1] + "ic"]
        elif w.endswith("ics"):
            out += [w[:-1] + "al", w[:-1]]
    return out


def _strip_cyrillic_forms(text: str) -> tuple[str, set[str]]:
    """Remove Cyrillic legal-form phrases (общество с ограниченной ответственностью …) and abbreviations."""
    forms = set()
    for phrase in orgs.LEGAL_PHRASES_CYRILLIC:
        if phrase in text and text.replace(phrase, "").strip(' "“”«»,.'):
            text = text.replace(phrase, " ")
            forms.add(phrase)
    words = text.split()
    kept = [w for w in words if w.strip('"“”«»,.') not in orgs.LEGAL_FORMS_CYRILLIC]
    if kept and len(kept) < len(words):
        forms |= {w for w in words if w.strip('"“”«»,.') in orgs.LEGAL_FORMS_CYRILLIC}
        text = " ".join(kept)
    return " ".join(text.split()), forms


def _strip_cjk_forms(text: str) -> tuple[str, set[str]]:
    forms = set()
    changed = True
    while changed:
        changed = False
        for form in orgs.LEGAL_FORMS_CJK:
            if text.startswith(form) and len(text) > len(form):
                text, changed = text[len(form) :].strip(), True
                forms.add(form)
            elif text.endswith(form) and len(text) > len(form):
                text, changed = text[: -len(form)].strip(), True
                forms.add(form)
    return text, forms


def _segment(chunk: str) -> list[tuple[str, str]]:
    """Split a CJK chunk into (surface, english-or-"") by longest match against the term vocabulary."""
    simp = chinese.to_simplified(chunk) if len(chinese.to_simplified(chunk)) == len(chunk) else chunk
    out: list[tuple[str, str]] = []
    i = 0
    pending = ""
    while i < len(chunk):
        for term in _terms_at(chunk, simp, i):
            n = len(term)
            if chunk[i : i + n] == term or simp[i : i + n] == term:
                if _lone_country(chunk, simp, i, term):
                    continue
                if pending:
                    out.append((pending, ""))
                    pending = ""
                english = orgs.CJK_TERMS[term] or "-"
                if english != "-" and _affixed_word(chunk, simp, i, i + n):
                    # the term with a one-kanji affix is a dictionary word: 航空機 aircraft, 物理学 physics
                    out.append((chunk[i : i + n + 1], "~" + english))
                    i += n + 1
                    break
                out.append((chunk[i : i + n], english))
                i += n
                break
        else:
            pending += chunk[i]
            i += 1
    if pending:
        out.append((pending, ""))
    return out


@lru_cache(maxsize=1)
def _terms_by_first() -> dict[str, tuple[tuple[int, str], ...]]:
    """The vocabulary's terms by their first character, each with its place in ``CJK_TERMS_SORTED``."""
    out: dict[str, list[tuple[int, str]]] = {}
    for k, term in enumerate(orgs.CJK_TERMS_SORTED):
        out.setdefault(term[0], []).append((k, term))
    return {c: tuple(v) for c, v in out.items()}


def _terms_at(chunk: str, simp: str, i: int) -> list[str]:
    """The terms that may start at ``i`` of ``chunk`` (or of its simplified form), longest first, in the
    order of ``CJK_TERMS_SORTED``: the ones starting with either character there."""
    if i >= len(chunk):
        return []
    by_first = _terms_by_first()
    found = by_first.get(chunk[i], ())
    if simp[i] != chunk[i] and simp[i] in by_first:
        found = tuple(sorted({*found, *by_first[simp[i]]}))
    return [term for _, term in found]


def _term_at(chunk: str, simp: str, i: int) -> bool:
    """Whether ``chunk`` ends at ``i`` or a vocabulary term starts there."""
    return i >= len(chunk) or any(
        chunk.startswith(t, i) or simp.startswith(t, i) for t in _terms_at(chunk, simp, i)
    )


def _lone_country(chunk: str, simp: str, i: int, term: str) -> bool:
    """Whether ``term``, found at ``i``, is a country of two characters inside a longer word: 马里|兰 is
    Maryland, not Mali; 農|法国際 no France. A country ends the chunk or meets a word of the vocabulary."""
    return len(term) == 2 and term in orgs.COUNTRY_TERMS and not _term_at(chunk, simp, i + 2)


def _affixed_word(chunk: str, simp: str, start: int, end: int) -> bool:
    """Whether the word ``chunk[start:end]`` plus the one kanji after it is a JMdict word, that kanji
    not starting a vocabulary term (国立 + 大学 stays apart although 国立大 is a word)."""
    if end >= len(chunk) or not "\u4e00" <= chunk[end] <= "\u9fff":
        return False
    if any(
        (chunk.startswith(t, end) or simp.startswith(t, end)) and not _lone_country(chunk, simp, end, t)
        for t in _terms_at(chunk, simp, end)
    ):
        return False
    return bool(japanese.glosses(chunk[start : end + 1]))


def _name_chunk_alts(surface: str, chinese_only: bool = False) -> tuple[list[str], list[str], frozenset[str]]:
    """Latin forms of a proper-name chunk of an organisation name: pinyin, Japanese reading, hangul RR, kana;
    and those to be compared by spelling only (the Japanese reading of kanji: our own Hepburn, by rule).
    With ``chinese_only`` (a name in Chinese: :func:`chinese.is_chinese_text`) no Japanese reading:
    新疆 is Xinjiang, never shinkyo."""
    alts, notes = [], []
    if all("\uac00" <= c <= "\ud7a3" for c in surface):
        alts.extend(korean.word_spellings(surface))
        notes.extend([surface] * (len(alts) - len(notes)))
        return alts, notes, _NOTHING_SPELT
    if all(japanese._is_kana(c) for c in surface):
        spellings = kana.loanword_spellings(kana.kana_to_hepburn(surface))
        alts += spellings
        notes += [surface] * len(spellings)
        return alts, notes, _NOTHING_SPELT
    syl = chinese.syllables(chinese.to_simplified(surface))
    if syl:
        alts.append("".join(syl))
        notes.append(f"{surface}→{' '.join(syl)}")
    if chinese_only:
        return alts, notes, _NOTHING_SPELT
    # Not recognisably Chinese (a Japanese name, or one written alike in either): the pinyin is kept, for a
    # Chinese institution written in Japanese forms (哈爾浜), but compared by spelling, as the Japanese
    # reading is: both are spelt by rule, and Chinese names in Latin letters spell pinyin (or a form listed
    # beside it), so 熊本 xiong ben does not sound like Chunping, nor 東京 dong jing like Tianjin
    spelt = frozenset(alts)
    jr = japanese.text_reading(surface)
    if jr:
        full = kana.kana_to_hepburn(jr)
        jp = [kana.simple_hepburn(full), full]
        spelt |= frozenset(jp)
        alts += jp
        notes += [f"{surface}→{jr}"] * 2
    return alts, notes, spelt


@lru_cache(maxsize=65536)
def loanword_origin(surface: str) -> str:
    """English origin of a katakana loanword (テクノロジー → technology), from UniDic's lemma; "" if none."""
    return _loanword(surface)


def _loanword(surface: str) -> str:
    """English origin of a katakana loanword (テクノロジー → technology), from UniDic's lemma."""
    morphs = japanese.analyse(surface)
    if len(morphs) != 1:
        return ""
    tagger_lemma = _lemma(surface)
    if "-" in tagger_lemma:
        origin = tagger_lemma.split("-", 1)[1]
        if origin.isascii() and origin.isalpha():
            return origin.lower()
    return ""


def _lemma(surface: str) -> str:
    tagger = japanese._get_tagger()
    with japanese._lock:
        words = list(tagger(surface))
    return (getattr(words[0].feature, "lemma", "") or "") if len(words) == 1 else ""


#: legal forms only Japanese bodies bear (a Chinese company is a 有限公司; MOF's Japanese for foreign
#: companies, 公開株式会社 and the like, is not among them)
_JAPANESE_FORMS = frozenset(
    f
    for f in orgs.LEGAL_FORMS_CJK
    if f.endswith("法人")
    or f in ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "（株）", "(株)", "㈱")
)


def _has_kana(text: str) -> bool:
    return any("\u3041" <= ch <= "\u30ff" and ch != "\u30fb" for ch in text)


def _glossed_token(surface: str, words: list[str], chinese_only: bool) -> Token:
    """A word of an organisation name translated through JMdict (無線 → radio, 天馬 → flying horse),
    compared by spelling. In a Japanese name it also keeps its readings, spelt by rule: Japanese
    bodies often keep the word in romaji in their English names (八重洲無線 Yaesu Musen, 久米設計 Kume
    Sekkei, 天馬 Tenma); a name in Chinese translates it (no pinyin of common words)."""
    notes = [f"{surface}={words[0]}"] * len(words)
    if not chinese_only:
        ra, rn, _ = _name_chunk_alts(surface)
        kept = [(a, n) for a, n in zip(ra, rn, strict=True) if a not in words]
        words, notes = words + [a for a, _ in kept], notes + [n for _, n in kept]
    return make_token(words, notes, spelt=frozenset(words), max_alts=max(MAX_ALTS, len(words)))


#: juridical persons that run a body under a name of their own, and how that name ends: a medical or
#: social-welfare corporation's (…会) and a school corporation's (…学園)
_OPERATOR_ENDS = {
    "医療法人": "会", "医療法人社団": "会", "医療法人財団": "会", "社会医療法人": "会", "社会福祉法人": "会",
    "学校法人": "学園",
}  # fmt: skip


def _operator(text: str, forms: set[str]) -> str:
    """The name of the corporation that runs the body named after it (医療法人松柏会榎坂病院: 松柏会 runs
    榎坂病院, which English names alone: Esaka Hospital); "" when the text does not read so: the rest must
    name the body with two characters or more besides its kind (医療法人社団済生会病院 is the hospital of
    済生会, whose name it bears)."""
    for form in forms:
        end = _OPERATOR_ENDS.get(form)
        at = text.find(end) if end else -1
        if at >= 1:
            rest = text[at + len(end) :]
            kind = next((k for k in _BODY_KINDS if rest.endswith(k)), "")
            if len(rest) - len(kind) >= 2:
                return text[: at + len(end)]
    return ""


#: words of kind that end the name of a body run by a medical, social-welfare or school corporation
_BODY_KINDS = ("クリニック", "センター", "研究所", "診療所", "病院", "医院", "大学", "学校", "ホーム", "園")


#: academies and forces whose institutes are named after them, and whose English names often leave them
#: out (中国科学院苏州纳米技术与纳米仿生研究所, Suzhou Institute of Nano-tech and Nano-bionics)
_PARENT_BODIES = tuple(
    sorted(
        {
            "中国科学院",
            "中國科學院",
            "中国社会科学院",
            "中国医学科学院",
            "中国农业科学院",
            "中国林业科学研究院",
            "中国水产科学研究院",
            "中国热带农业科学院",
            "中国中医科学院",
            "中国工程物理研究院",
            "中国人民解放军",
            "中國人民解放軍",
        },  # fmt: skip
        key=len,
        reverse=True,
    )
)
#: words of kind that end the name of an institute under a parent body
_INSTITUTE_KINDS = (
    "研究所",
    "研究院",
    "研究中心",
    "中心",
    "实验室",
    "實驗室",
    "医院",
    "醫院",
    "学院",
    "學院",
    "大学",
    "大學",
    "站",
)


def _parent_body(text: str) -> str:
    """The parent body heading ``text`` when the rest names an institute of its own (two characters or more
    besides its kind); "" otherwise (中国科学院大学 is the academy's university, named as such)."""
    for parent in _PARENT_BODIES:
        if text.startswith(parent):
            rest = text[len(parent) :]
            kind = next((k for k in _INSTITUTE_KINDS if rest.endswith(k)), "")
            if kind and len(rest) - len(kind) >= 2:
                return parent
    return ""


def _cjk_org(text: str) -> tuple[list[Reading], frozenset[str]]:
    readings, forms = _cjk_org_text(text)
    stripped, f0 = _strip_cjk_forms(text)
    run_by = _operator(stripped, f0)
    if run_by:
        # also the body without the corporation that runs it, as its English name has it
        body, body_forms = _cjk_org_text(stripped[len(run_by) :])
        readings += [
            replace(r, detail=f"{run_by} (the corporation running it) left out; {r.detail}") for r in body[:1]
        ]
        forms |= body_forms
    parent = _parent_body(stripped)
    if parent:
        # also the institute without the academy or force it belongs to, as its English name has it
        body, body_forms = _cjk_org_text(stripped[len(parent) :])
        readings += [
            replace(r, detail=f"{parent} (the body it belongs to) left out; {r.detail}") for r in body[:1]
        ]
        forms |= body_forms
    return readings, forms


def _cjk_org_text(text: str) -> tuple[list[Reading], frozenset[str]]:
    text, f0 = _strip_cjk_forms(text)
    forms = set(f0)
    chunks = [r for c in re.split(r"[\s・=＝･「」『』“”\"]+", text) if c for r in _script_runs(c)]
    chunks = _spelt_letters(chunks)
    chunks = [w for c in chunks for w in _kana_words(c)]
    read_back, affixes = _written_out(chunks)
    # the proper names of a name written out in its reading are Japanese words read aloud, compared
    # by spelling like the reading of a name in kanji (ヤマナシ ≠ Yamagata)
    written_out, chunks = read_back != chunks, read_back
    zh = chinese.is_chinese_text(text)
    tokens: list[Token] = []
    name_syllables: list[str] = []  # first syllable of each distinctive chunk, for contractions
    details = []
    for ci, chunk in enumerate(chunks):
        if chunk.isascii() and len(chunks) > 1 and chunk.strip(".").lower() in orgs.LEGAL_FORMS_LATIN:
            forms.add(orgs.LEGAL_FORMS_LATIN[chunk.strip(".").lower()])  # ・NV, エル・エル・シー (LLC)
            continue
        if chunk.isascii():
            # a word in Latin letters within a CJK name (KDDI株式会社) is compared by spelling, as it
            # would be beside a Latin name: KDDI does not sound like Al Qa'ida, nor MOLZA like Mirza
            latin, f = _org_latin_tokens(chunk, spelt_only=True)
            forms |= f
            tokens.extend(latin)
            details.append(chunk)
            continue
        if all(japanese._is_kana(c) for c in chunk):
            full = kana.kana_to_hepburn(chunk)
            eng = _loanword(chunk)
            eng = orgs.SYNONYMS.get(eng, eng)
            if eng in orgs.STOPWORDS or eng in orgs.LEGAL_FORMS_LATIN:
                if eng in orgs.LEGAL_FORMS_LATIN:
                    forms.add(orgs.LEGAL_FORMS_LATIN[eng])
                continue
            simple = kana.simple_hepburn(full)
            alts = ([eng] if eng else []) + kana.loanword_spellings(full)
            if eng in orgs.NUMBER_WORDS:  # ファースト → first, also 1 as the Latin side's digits
                alts.insert(1, str(orgs.NUMBER_WORDS[eng]))
            # the English origin is compared by spelling (curling does not sound like green), the
            # readings of the kana by sound too
            spelt = frozenset([eng, *_inflections([eng])]) - {simple, full} if eng else _NOTHING_SPELT
            alts += _inflections([eng]) if eng else []
            if written_out and not eng:  # a Japanese word read aloud: its Hepburn, not a foreign name's
                alts = [simple, full]
                if ci + 1 in affixes:  # a name with the kind split off: also whole (ホヨウ|エン, Hoyoen)
                    whole = kana.kana_to_hepburn(chunk + affixes[ci + 1])
                    alts += [kana.simple_hepburn(whole), whole]
                alts = list(dict.fromkeys(alts))
                spelt = frozenset(alts)
            tokens.append(
                make_token(alts, [chunk] * len(alts), generic=eng in orgs.GENERIC_WORDS, spelt=spelt)
            )
            details.append(f"{chunk}→{alts[0]}")
            continue
        for surface, english in _segment(chunk):
            if english == "-":
                continue
            if english.startswith("~"):  # a term with its affix: JMdict's glosses, then the term's words
                words = [orgs.SYNONYMS.get(g, g) for g in _gloss_words(japanese.glosses(surface))[:6]]
                words += [w.rstrip("*") for w in english[1:].split() if w.rstrip("*") not in words]
                words += _inflections(words)
                tokens.append(_glossed_token(surface, words, zh))
                details.append(f"{surface}={'/'.join(words[:3])}")
                continue
            if english:
                words = english.split()
                for word in words:
                    optional = word.endswith(
                        "*"
                    )  # 科技 = (science and) technology: "science" may be left out
                    word, *others = word.rstrip("*").split("|")  # 省 = ministry or province
                    # an English word is compared by spelling only: 日本 = japan does not sound like Esfahan
                    alts, notes = [word, *others], [surface] * (1 + len(others))
                    spelt = frozenset(alts)
                    kanji = not zh and not any("\uac00" <= c <= "\ud7a3" for c in surface)
                    if len(words) == 1 and (kanji or word not in orgs.GENERIC_WORDS):
                        # a term can also be a place name read aloud (東北 = northeastern, or Tohoku);
                        # in a Japanese name a generic one too is often kept in romaji (札幌学院大学
                        # Sapporo Gakuin University, 新明和工業 ShinMaywa Kogyo), spelt by rule
                        ra, rn, ra_spelt = _name_chunk_alts(surface, zh)
                        alts, notes, spelt = alts + ra, notes + rn, (spelt - set(ra)) | ra_spelt
                    more = [w for w in _inflections([word, *others]) if w not in alts]
                    alts, notes, spelt = alts + more, notes + [surface] * len(more), spelt | set(more)
                    tokens.append(
                        make_token(alts, notes, generic=optional or word in orgs.GENERIC_WORDS, spelt=spelt)
                    )
                    if (
                        word not in orgs.GENERIC_WORDS
                        and not optional
                        and surface not in orgs.OWNERSHIP_TERMS
                    ):
                        name_syllables.append(_first_syllable(surface))
                details.append(f"{surface}={english}")
            else:
                for part, glosses in _split_common_words(surface):
                    if zh and part in _CHINESE_CONJUNCTIONS:
                        continue  # 国家林业和草原局: "and", not Japanese 和 (harmony)
                    if glosses:  # a common word the vocabulary lacks, translated through JMdict
                        words = [orgs.SYNONYMS.get(g, g) for g in glosses]
                        words += _inflections(words)
                        tokens.append(_glossed_token(part, words, zh))
                        details.append(f"{part}={'/'.join(glosses[:3])}")
                        continue
                    alts, notes, spelt = _name_chunk_alts(part, zh)
                    if ci in affixes:  # read as written out, not in Chinese (ケン 県, never xian)
                        alts = [kana.kana_to_hepburn(affixes[ci])]
                        notes, spelt = [part], frozenset(alts)
                    if (
                        alts
                        and len(part) == 1
                        and "\u4e00" <= part <= "\u9fff"
                        and (ci in affixes or not chunk.startswith(part))
                    ):
                        # one kanji after other words is an affix of kind (技術部, 中央軍): a generic
                        # word, read and glossed; one leading the words is a name (乙大学, 某財団)
                        words = _gloss_words(japanese.glosses(part))
                        if zh and part in _CHINESE_AFFIXES:  # 國防|部: a ministry in a Chinese name
                            words = list(dict.fromkeys([*_CHINESE_AFFIXES[part], *words]))
                        elif not zh and part in _JAPANESE_AFFIXES:  # 電気加工学|会: a society
                            words = list(dict.fromkeys([*_JAPANESE_AFFIXES[part], *words]))
                        if part in _PLACE_KINDS and not zh:
                            # the kind of a Japanese place (高知|県 Kochi Prefecture, 横浜|市): its
                            # English words and Japanese readings (JMdict reads 市 as market)
                            english, read = _PLACE_KINDS[part]
                            words, alts = english.split("|"), read.split("|")
                            notes, spelt = [part] * len(alts), frozenset(alts)
                        tokens.append(
                            make_token(
                                words + alts,
                                [part] * len(words) + notes,
                                generic=True,
                                spelt=spelt | (set(words) - set(alts)),
                            )
                        )
                        details.append(f"{part}={'/'.join(words[:2])}" if words else notes[0])
                        continue
                    if alts:
                        tokens.append(make_token(alts, notes, spelt=spelt))
                        name_syllables.append(_first_syllable(part))
                        details.append(notes[0] if notes else part)
    # a name written out in kana is all Hepburn and English words, spelt by rule: compared by spelling,
    # as the reading of a name in kanji is (トチギ is not 会 hui, nor マツオカ ホヨウ Miskhor)
    method = WRITTEN_OUT if written_out else "CJK terms + readings (pinyin, kanji reading)"
    readings = [Reading(tuple(tokens), method, True, False, "; ".join(details))]
    # Contractions of the leading words (北京航空航天大学 → 北航 → Beihang): one token, generic words kept,
    # spelt in pinyin and compared by spelling. A Japanese name (kana, a Japanese legal form) is not
    # contracted so: 西芝電機株式会社 is not Xidian, 名古屋まちづくり公社 not "minggong".
    generic = [t for t in tokens if t.generic]
    japanese_name = not zh and (_has_kana(text) or any(f in _JAPANESE_FORMS for f in forms))
    for k in range(2, 0 if japanese_name else len(name_syllables) + 1):
        contraction = "".join(name_syllables[:k])
        if contraction:
            readings.append(
                Reading(
                    (make_token([contraction], ["contraction"], spelt=frozenset([contraction])), *generic),
                    "contraction of leading words",
                    True,
                    False,
                    contraction,
                )
            )
    return readings, frozenset(forms)


# Katakana names of Latin letters (ディー・シー・ビー = DCB, エル・エル・シー = LLC).
_LETTER_NAMES = {
    "エー": "a", "エイ": "a", "ビー": "b", "シー": "c", "ディー": "d", "デー": "d", "イー": "e",
    "エフ": "f", "ジー": "g", "エイチ": "h", "エッチ": "h", "アイ": "i", "ジェー": "j", "ジェイ": "j",
    "ケー": "k", "ケイ": "k", "エル": "l", "エム": "m", "エヌ": "n", "オー": "o", "ピー": "p",
    "キュー": "q", "アール": "r", "エス": "s", "ティー": "t", "ユー": "u", "ブイ": "v", "ヴィー": "v",
    "ダブリュー": "w", "エックス": "x", "ワイ": "y", "ゼット": "z", "ズィー": "z",
}  # fmt: skip
_LETTER_NAMES_SORTED = sorted(_LETTER_NAMES, key=len, reverse=True)


def _letters(chunk: str) -> str:
    """The Latin letters a katakana chunk spells out letter by letter (エスエー → sa); "" if it does not."""
    out, i = "", 0
    while i < len(chunk):
        for name in _LETTER_NAMES_SORTED:
            if chunk.startswith(name, i):
                out, i = out + _LETTER_NAMES[name], i + len(name)
                break
        else:
            return ""
    return out


def _spelt_letters(chunks: list[str]) -> list[str]:
    """Join a run of katakana letter names into the abbreviation they spell (ディー・シー・ビー → dcb,
    ピー・エル・シー → plc, then a legal form); a lone letter name (シー) is left as a word."""
    out: list[str] = []
    run: list[str] = []
    for chunk in [*chunks, ""]:
        letters = _letters(chunk) if chunk else ""
        if letters:
            run.append(letters)
            continue
        if run:
            if len("".join(run)) >= 2:
                out.append("".join(run))
            else:
                out.extend(c for c in chunks[len(out) : len(out) + len(run)])
            run = []
        if chunk:
            out.append(chunk)
    return out


#: kinds of body ending a word written out in kana (フクシマケン 福島県, ノウリンギョウ 農林業), by reading
_KANA_KIND_ENDS = {
    "けん": "県", "じょ": "所", "しょ": "所", "えん": "園", "いん": "院", "かい": "会", "きょく": "局",
    "しょう": "省", "がく": "学", "ぎょう": "業", "じょう": "場", "ちょう": "庁",
}  # fmt: skip
_LOANWORD_KANA = frozenset("ーァィゥェォヵヶヮヴ")


def _is_term(word: str) -> bool:
    return word in orgs.CJK_TERMS or chinese.to_simplified(word) in orgs.CJK_TERMS


def _reading_word(reading: str, rare: bool = True) -> str:
    """The word in kanji that a kana word (hiragana) reads, when the reading tells it: among homophones
    the one the vocabulary knows (しりつ → 市立, not 私立), else the only one JMdict marks common
    (つうしん → 通信), or (with ``rare``) the only word of a long reading; "" when it does not."""
    forms = japanese.written_forms(reading)
    known = [w for w, _ in forms if _is_term(w)]
    if known:
        return known[0]
    if rare and len(forms) == 1 and len(reading) >= 4:
        return forms[0][0]  # a long reading with one word (せんもんしょく 専門職)
    common = [w for w, c in forms if c]
    return common[0] if len(common) == 1 and len(reading) >= 3 else ""


def _written_out(chunks: list[str]) -> tuple[list[str], dict[int, str]]:
    """A name written out in its reading, word by word in katakana (フリガナ: アツギ シリツ ビョウイン,
    as registries and forms give it beside the name), read back into the words it spells (厚木 市立 病院),
    so that they are translated as the name in kanji would be; the proper names (アツギ) stay as written.
    Only for a name of two words or more, all in kana, that reads as a word of the vocabulary or a kind
    of body, or as two common words: a katakana brand name (シキボウ, センカ) is not a sentence of words.
    Returns the chunks, and the kind-of-body affixes split off a word (ケン of フクシマケン) by index, with
    their readings."""
    if len(chunks) < 2 or not all(c and all(japanese._is_kana(ch) for ch in c) for c in chunks):
        return chunks, {}
    out: list[str] = []
    affixes: dict[int, str] = {}
    found = 0  # words read back: 2 for a word of the vocabulary or a kind of body, 1 for another
    i = 0
    while i < len(chunks):
        for n in (3, 2):  # words written apart that the vocabulary knows as one (タンキ ダイガク 短期大学)
            joined = "".join(chunks[i : i + n])
            word = _reading_word(jaconv.kata2hira(joined)) if i + n <= len(chunks) else ""
            if word and _is_term(word) and not _LOANWORD_KANA & set(joined):
                out.append(word)
                found += 2
                i += n
                break
        else:
            chunk = chunks[i]
            i += 1
            reading = jaconv.kata2hira(chunk)
            if _LOANWORD_KANA & set(chunk) or _loanword(chunk):
                out.append(chunk)  # a loanword (センター), translated as it is
                continue
            word = _reading_word(reading, rare=False)
            if word:
                out.append(word)
                found += 2 if _is_term(word) else 1
                continue
            # a kind of body ending the word before a rarer word read whole (グンマ|ケン, not 群馬県)
            for end, kanji in _KANA_KIND_ENDS.items():
                if reading.endswith(end) and len(reading) - len(end) >= 2:
                    # the stem is read as a word where the two make a word read so (ザイム|ショウ 財務省);
                    # otherwise it is a name (フクシマ|ケン, ゼンショウ|エン: not 全勝園)
                    stem = _reading_word(reading[: -len(end)], rare=False)
                    if stem and reading not in japanese.kana_readings(stem + kanji):
                        stem = ""
                    out.append(stem or chunk[: len(reading) - len(end)])
                    affixes[len(out)] = end
                    out.append(kanji)
                    found += 2
                    break
            else:
                word = _reading_word(reading)
                out.append(word or chunk)
                found += bool(word)
    return (out, affixes) if found >= 2 else (chunks, {})


@lru_cache(maxsize=65536)
def _kana_words(chunk: str) -> tuple[str, ...]:
    """Split a katakana run written without separators into words where a loanword is recognised
    (ロシアヘリコプター → ロシア, ヘリコプター; ラパルトサービス → ラパルト, サービス). A run with no
    recognised loanword (a transliterated proper name) stays whole."""
    if not all(japanese._is_kana(c) for c in chunk) or len(chunk) < 5:
        return (chunk,)
    morphs = japanese.analyse(chunk)

    def known(w: str) -> bool:  # short morphemes (アト, クリ) are too often chance hits inside a name
        return len(w) >= 4 and bool(_loanword(w))

    if len(morphs) > 1 and any(known(m.surface) for m in morphs):
        words: list[str] = []
        pending = ""
        for m in morphs:
            if known(m.surface):
                if pending:
                    words.append(pending)
                    pending = ""
                words.append(m.surface)
            else:
                pending += m.surface
        if pending:
            words.append(pending)
        return tuple(words)
    if len(morphs) == 1 and not _loanword(chunk):
        for i in range(2, len(chunk) - 3):  # the longest known loanword ending the run
            if known(chunk[i:]):
                return (chunk[:i], chunk[i:])
    return (chunk,)


_RUN = re.compile(
    r"[A-Za-z0-9.&'\-]+|[\u3040-\u30ff\uff66-\uff9f]+|[^A-Za-z0-9.&'\-\u3040-\u30ff\uff66-\uff9f]+"
)


def _script_runs(chunk: str) -> list[str]:
    """Split a chunk into runs of Latin, kana, and other (Han, hangul) characters: 株式会社MBDBイスクラ."""
    return [r for r in _RUN.findall(chunk) if r.strip(".-&'")]


_GLOSS_STOP = orgs.STOPWORDS | {"to", "etc", "something", "one", "s", "esp"}


#: the last character of a Chinese word for a government body, with its English: 教育厅 is the education
#: department, 勞動部 the ministry of labour, 公安局 the public security bureau
_CHINESE_AFFIXES = {
    "部": ("ministry", "department"), "厅": ("department",), "廳": ("department",),
    "局": ("bureau", "administration"), "署": ("agency", "office"), "处": ("office",), "處": ("office",),
}  # fmt: skip


#: one kanji closing a Japanese name, as English names render it (JMdict's first sense is another:
#: 会 gathering, 所 place): 鍼灸師会 an association, 試験所 an institute or station
_JAPANESE_AFFIXES = {
    "会": ("association", "society"), "所": ("institute", "office", "station"),
}  # fmt: skip

#: words joining two others in a Chinese name ("and"): no part of the name's content
_CHINESE_CONJUNCTIONS = frozenset({"和", "与", "與", "及", "暨"})

#: the kinds of a Japanese place that follow its name (高知県, 横浜市, 港区): English words, readings
_PLACE_KINDS = {
    "県": ("prefecture|prefectural", "ken"), "府": ("prefecture|prefectural", "fu"),
    "都": ("metropolitan|metropolis", "to"), "市": ("city|municipal", "shi"), "区": ("ward|city", "ku"),
    "町": ("town", "machi|cho"), "村": ("village", "mura|son"),
}  # fmt: skip


@lru_cache(maxsize=65536)
def _split_common_words(surface: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Split a CJK chunk the vocabulary does not know into proper-name runs (read aloud later) and common
    nouns with their English glosses from JMdict (設計局 → design, 半導体 → semiconductor)."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in surface):
        return ((surface, ()),)
    out: list[tuple[str, tuple[str, ...]]] = []
    pending = ""
    if chinese.is_chinese_text(surface):
        # Chinese: jieba's words (the Japanese analyser reads Chinese words as runs of single characters);
        # a proper name is read aloud, a common word translated through JMdict under its Japanese form
        # (兒童 → 児童 children, 输血 → 輸血 transfusion)
        for word, proper in chinese.segment(surface):
            glosses = () if proper or len(word) < 2 else japanese.glosses(chinese.to_japanese(word))
            affix = _CHINESE_AFFIXES.get(word[-1]) if not glosses and not proper and len(word) >= 3 else None
            if affix:
                # a word of the state's kind of body that jieba keeps whole (教育厅 education department,
                # 勞動部 labour ministry): the stem translated through JMdict, the affix by its kind
                stem = _gloss_words(japanese.glosses(chinese.to_japanese(word[:-1])))[:6]
                if stem:
                    out += [(word[:-1], tuple(stem)), (word[-1], affix)]
                    continue
            out.append((word, tuple(_gloss_words(glosses)[:6])))
        return tuple(out)
    morphs = list(japanese.analyse(surface))
    place = False
    while morphs:
        m = morphs.pop(0)
        if m.surface in _PLACE_KINDS and place and pending:
            out += [(pending, ()), (m.surface, ())]  # the place apart from its kind (高知|県)
            pending, place = "", False
            continue
        place = m.kind == "place"
        glosses = () if m.kind != "other" or len(m.surface) < 2 else japanese.glosses(m.surface)
        if glosses and morphs and len(morphs[0].surface) == 1 and "\u4e00" <= morphs[0].surface <= "\u9fff":
            affixed = japanese.glosses(m.surface + morphs[0].surface)  # 受信 + 機 = receiver
            if affixed:
                m, glosses = japanese.Morpheme(m.surface + morphs.pop(0).surface, "", "other"), affixed
        if glosses:
            if pending:
                out.append((pending, ()))
                pending = ""
            out.append((m.surface, tuple(_gloss_words(glosses)[:6])))
        else:
            pending += m.surface
    if pending:
        out.append((pending, ()))
    return tuple(out)


def _inflections(words: list[str]) -> list[str]:
    """Other English forms of translated words, compared exactly: the plural or singular (service ↔
    services) and the stem of an -ation noun (transportation ↔ transport). A translation is compared by
    spelling only, so these stand in for the sound keys it does not get."""
    out = []
    for w in words:
        if len(w) < 4 or not w.isalpha():
            continue
        out.append(w[:-1] if w.endswith("s") and not w.endswith("ss") else w + "s")
        if w.endswith("ation") and len(w) > 9 and w[-6] not in "aeiou":
            out.append(w[:-5])  # a stem that is a word of its own (transport), not "associ" or "cre"
    return [w for w in dict.fromkeys(out) if w not in words]


def _gloss_words(glosses: tuple[str, ...]) -> list[str]:
    """Content words of JMdict glosses, parenthesised remarks dropped: ("department (in an
    organization)", "division") → ["department", "division"]; a gloss of three content words or more
    only where it is the sole one (消防庁: "Fire and Disaster Management Agency")."""
    words: list[str] = []
    for g in glosses:
        parts = re.sub(r"\([^)]*\)", " ", g.lower()).replace("-", " ").split()
        content = [w for w in parts if w.isalpha() and w not in _GLOSS_STOP]
        if len(glosses) > 1 and len(content) > 2:
            continue  # a definition beside translations (育英: "education of gifted young people")
        for w in parts:
            if w.isalpha() and w not in _GLOSS_STOP and w not in words:
                words.append(w)
        if len(parts) == 2 and "".join(parts).isalpha():
            words.append("".join(parts))  # self-proclaimed, also as one word for "Self-proclaimed"
    return words


def _first_syllable(surface: str) -> str:
    if all("\uac00" <= c <= "\ud7a3" for c in surface):
        return korean.syllable_rr(surface[0])
    syl = chinese.syllables(chinese.to_simplified(surface[0]))
    return syl[0] if syl else ""
