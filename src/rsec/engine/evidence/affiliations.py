"""Affiliation string → ROR institution resolution (所属機関の同定).

An affiliation string as publications print it ("Department of Physics, Graduate School of Science, The
University of Tokyo, 7-3-1 Hongo, Tokyo 113-0033, Japan", "北京大学物理学院", "INFN and University of Bologna,
Italy") names one or more institutions among departments, addresses, cities and countries. The matcher
finds every institution the string names and returns it with a score, an explanation an officer can read
and the character span it was read from.

How (see docs/decisions/0003-affiliation-matching.md for the measured reasons):

1. **Normalise** while keeping a map back to the input: HTML entities and tags, NFKC (full-width digits and
   punctuation), accents folded, Japanese shinjitai / traditional / simplified Chinese folded to one form
   with OpenCC (``jp2t`` then ``t2s``: 東京大学, 東京大學 and 东京大学 become one key), common abbreviations
   expanded (Univ., Inst., Dept., Natl …). Latin text is tokenised into words, CJK text into characters,
   so a name is found inside an unsegmented Japanese or Chinese string.
2. **Locate** countries (CLDR names in many languages through babel, ISO codes, US states) and cities
   (every city of the registry) — the location evidence for disambiguation.
3. **Generate candidates**: every token n-gram that equals a normalised registry name (display names,
   labels in all languages, aliases, acronyms; ROR's "(Country)" qualifiers removed as a variant) is a
   candidate span; acronyms only count with country or city support. Also: a name's words in another order
   when one institution alone bears them ("Polytechnic University of Marche"), a university hospital's
   local name read in English ("University Hospital of Tours" = Centre Hospitalier Universitaire de Tours),
   and the opening words of exactly one university's name with its place named ("Wageningen University,
   Wageningen"). Segments (between commas, semicolons, parentheses) that no exact name covers are matched
   word by word when abbreviated ("Univ. Minn.", "R. Inst. of Technol.") and fuzzily: candidates from an
   inverted token index, scored with rapidfuzz.
4. **Score** each (span, institution) by declared features — each a small function returning a score
   and a human-readable detail, in the manner of nomenklatura's matchers — and keep the best
   institution per span above :attr:`MatcherConfig.threshold`.
5. **Select** non-overlapping spans, longest first: "Department of X, Y University" yields Y University,
   "University of California, Davis" is not also "University of California", and a string naming a
   laboratory and its university yields both (as the gold sets label them). Withdrawn records are
   replaced by their successor (inactive ones with ``follow_successors``); each match carries its lineage (child → parent …) so that due
   diligence can treat a lab of a listed university as that university's.
"""

from __future__ import annotations

import bisect
import gc
import gzip
import hashlib
import html
import os
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import orjson
from rapidfuzz import fuzz, process

from rsec.engine.evidence.ror import RorFormatError, RorOrganization, RorRegistry

# ------------------------------------------------------------------------------------------------
# Configuration (documented tunables, not constants buried in code)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatcherConfig:
    """Tunables of :class:`AffiliationMatcher`; defaults were chosen on the development gold sets."""

    #: minimum total score for a match to be returned
    threshold: float = 0.70
    #: longest name, in tokens, looked up as an n-gram
    max_ngram: int = 16
    #: longest name, in characters, looked up as an n-gram where the name opens with a CJK character (a
    #: Japanese, Chinese or Korean name is one token per character: "株式会社国際電気通信基礎技術研究所" is 17)
    max_cjk_ngram: int = 40
    #: shortest CJK name (characters) accepted inside a longer unsegmented string
    min_cjk_chars: int = 3
    #: fuzzy segment matching: minimum rapidfuzz ratio (0–100) and max candidates scored per segment
    fuzzy_min_ratio: float = 90.0
    #: fuzzy candidates come from words in at most this many registry names (rarer words only)
    fuzzy_max_postings: int = 600
    #: a single-word Latin name must be rarer than this share of registry names to count at all
    single_token_max_df: float = 0.0005
    #: a word in at least this share of registry names (and in 3 or more) is a common word ("institute",
    #: "materials"); a name made only of common words ("Institute of Materials Research") needs location
    #: support. Relative, so that it means the same on the full registry and on a subset.
    common_word_share: float = 0.0017
    #: fuzzy matching: two distinctive words correspond when their rapidfuzz ratio reaches this
    fuzzy_word_ratio: float = 80.0
    #: return the successor of an inactive record instead of the record the text names (off: the gold
    #: sets label the record named; the successor is always in the explanation). A withdrawn record (a
    #: duplicate or an error) is always reported as the record it was withdrawn for.
    follow_successors: bool = False


# ------------------------------------------------------------------------------------------------
# Normalisation
# ------------------------------------------------------------------------------------------------

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_RE = re.compile(f"[{_CJK_RANGES}]")
_TOKEN_RE = re.compile(rf"[{_CJK_RANGES}]|\d+|[^\W\d_{_CJK_RANGES}]+")
_SEGMENT_CHARS = set(",;()[]{}/|\n\r\t、:·•")
_PART_CHARS = set(";\n")
#: markup, entities, and the escapes some harvested metadata writes for line breaks and tabs ("Eye and
#: Ear#N#Hospital", "Laboratory#R#for#R#Thin Films", "#TAB#"): a break inside a name, read as a space
#: e-mail addresses and web addresses are no part of a name ("spencer.hudson@usu.edu", "www.uni-x.de"): a space
_MARKUP_RE = re.compile(
    r"<!--.*?-->|<[^>]{1,40}>|&#x?[0-9a-fA-F]+;|&[a-zA-Z]+;|&amp\b|#(?:N|R|TAB)#"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s,;()]+",
    re.S,
)

#: abbreviation → word, applied to normalised tokens on both sides (query and registry names)
ABBREVIATIONS: dict[str, str] = {
    "univ": "university",
    "uni": "university",
    "inst": "institute",
    "instit": "institute",
    "dept": "department",
    "dep": "department",
    "natl": "national",
    "nat": "national",
    # technical / technological / technology / Technische: one word ("Tech. Univ." is either)
    "tech": "tech",
    "technol": "tech",
    "technical": "tech",
    "technological": "tech",
    "technology": "tech",
    "technologie": "tech",
    "tecnologia": "tech",
    "teknologi": "tech",
    "sci": "science",
    "hosp": "hospital",
    "ctr": "center",
    "cent": "center",
    "centre": "center",
    "centro": "center",
    "lab": "laboratory",
    "labs": "laboratory",
    "laboratories": "laboratory",
    "coll": "college",
    "acad": "academy",
    "res": "research",
    "st": "saint",
    "ste": "sainte",
    "mt": "mount",
    "intl": "international",
    "int": "international",
    "med": "medical",
    "fac": "faculty",
    "assoc": "association",
    "govt": "government",
    "co": "company",
    "corp": "corporation",
    "ltd": "limited",
    "inc": "incorporated",
    # the same word in other languages (both sides are folded, so word order still counts)
    "universita": "university",
    "universite": "university",
    "universidad": "university",
    "universidade": "university",
    "universitat": "university",
    "universiteit": "university",
    "universiti": "university",
    "universitas": "university",
    "universitet": "university",
    "universitatea": "university",
    "uniwersytet": "university",
    "univerzita": "university",
    "institut": "institute",
    "instituto": "institute",
    "istituto": "institute",
    "instytut": "institute",
    "hopital": "hospital",
    "ospedale": "hospital",
    "nacional": "national",
    "nazionale": "national",
    "nationale": "national",
    "politecnico": "polytechnic",
    "technische": "tech",
    "polytechnique": "polytechnic",
    "zentrum": "center",
    "and": "and",
    "und": "and",
    "et": "and",
}
#: romanised Japanese / Chinese head words ("Tokyo Daigaku", "Zhongshan Daxue")
ABBREVIATIONS.update({"daigaku": "university", "daxue": "university"})

#: other names of the same city (exonyms, older romanisations, local forms), folded to one form on both
#: sides, so that "Beijing University" meets "Peking University" and "Università di Napoli" meets
#: "University of Naples". Accents are already folded ("München" → munchen, "Köln" → koln).
PLACE_VARIANTS: dict[str, str] = {
    "peking": "beijing", "peiping": "beijing", "nanking": "nanjing", "tientsin": "tianjin",
    "kioto": "kyoto", "tokio": "tokyo",
    "munchen": "munich", "koln": "cologne", "nurnberg": "nuremberg", "wien": "vienna",
    "napoli": "naples", "roma": "rome", "milano": "milan", "torino": "turin", "firenze": "florence",
    "venezia": "venice", "padova": "padua", "genova": "genoa",
    "praha": "prague", "warszawa": "warsaw", "krakow": "cracow", "lisboa": "lisbon", "geneve": "geneva",
    "bruxelles": "brussels", "kobenhavn": "copenhagen", "moskva": "moscow", "athina": "athens",
    "sevilla": "seville", "bengaluru": "bangalore", "bombay": "mumbai", "madras": "chennai",
    "calcutta": "kolkata", "saigon": "hochiminh",
}  # fmt: skip

#: function words dropped on both sides ("University in Oslo" = "University of Oslo", "UNC at Greensboro")
_DROP_TOKENS = {
    "the", "at", "in", "of", "de", "du", "des", "di", "da", "do", "der", "la", "le", "el", "del", "della",
    "zu",
}  # fmt: skip


@lru_cache(maxsize=1)
def _opencc() -> tuple[object, object]:
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")


def _fold_cjk(text: str) -> str:
    jp2t, t2s = _opencc()
    out = t2s.convert(jp2t.convert(text))  # type: ignore[attr-defined]
    if len(out) == len(text):
        return out
    return "".join(t2s.convert(jp2t.convert(c)) for c in text)  # type: ignore[attr-defined]


def _fold_char(c: str) -> str:
    c = unicodedata.normalize("NFKC", c)
    if c == "&":
        return " and "
    if len(c) == 1 and ord(c) < 0x80:
        return c.lower()
    if "\uac00" <= c <= "\ud7af":
        return c  # a hangul syllable stays one character (NFKD would split it into jamo)
    decomposed = unicodedata.normalize("NFKD", c)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    base = base.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    base = base.replace("æ", "ae").replace("œ", "oe").replace("đ", "d").replace("ı", "i")
    return base.lower()


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # normalised form (after abbreviation expansion)
    orig: str  # as written
    start: int  # character offsets in the input text
    end: int
    segment: int  # index of the comma/semicolon/parenthesis-delimited segment
    part: int  # index of the ';' / newline-delimited part
    cjk: bool


def _clean_with_map(text: str) -> tuple[str, list[int]]:
    """Remove markup, unescape entities and fold characters; return the text and an index map."""
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _MARKUP_RE.finditer(text):
        for i in range(pos, m.start()):
            f = _fold_char(text[i])
            out.append(f)
            idx.extend([i] * len(f))
        tok = m.group(0)
        if tok.startswith("&"):
            rep = html.unescape(tok if tok.endswith(";") else tok + ";")
            f = "".join(_fold_char(c) for c in rep)
        else:
            f = " "
        out.append(f)
        idx.extend([m.start()] * len(f))
        pos = m.end()
    for i in range(pos, len(text)):
        f = _fold_char(text[i])
        out.append(f)
        idx.extend([i] * len(f))
    cleaned = "".join(out)
    if _CJK_RE.search(cleaned):
        cleaned = _fold_cjk(cleaned)
    idx.append(len(text))
    return cleaned, idx


#: UTF-8 read as Latin-1 / Windows-1252 ("PetrÃ³leos", "MÃ©xico", "â€“"): a lead byte's character followed
#: by a continuation byte's
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]"
)


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was decoded as Latin-1 or Windows-1252 decoded again ("PetrÃ³leos Mexicanos"
    → "Petróleos Mexicanos"); unchanged unless the whole string re-decodes cleanly."""
    if not _MOJIBAKE_RE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed
    return text


def _fold_word(w: str) -> str:
    if len(w) > 4 and w.isascii():
        if w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        # German umlauts written out ("Wuerzburg", "Tuebingen") fold like the accented forms
        w = w.replace("ue", "u").replace("oe", "o").replace("ae", "a")
    return w


_PLACE_FOLDED = {_fold_word(k): _fold_word(v) for k, v in PLACE_VARIANTS.items()}


def _norm_word(w: str) -> str:
    w = _fold_word(ABBREVIATIONS.get(w, w))
    return _PLACE_FOLDED.get(w, w)


class _Word:
    __slots__ = ("_s", "_e", "_g", "glued")

    def __init__(self, s: int, e: int, g: str, glued: bool):
        self._s, self._e, self._g, self.glued = s, e, g, glued

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self, _n: int = 0) -> str:
        return self._g


def _iter_words(text: str, cleaned: str, idx: list[int], vocab: Container[str] | None = None):
    """Words of ``cleaned``, split where the original glues words together ("PennsylvaniaPhiladelphia"),
    unless the glued word is itself a known word ("HangZhou")."""
    for m in _TOKEN_RE.finditer(cleaned):
        a, b = m.start(), m.end()
        cut = a
        if vocab is not None and _norm_word(m.group(0)) in vocab:
            yield _Word(a, b, m.group(0), False)
            continue
        for k in range(a + 1, b):
            o1, o2 = text[idx[k - 1]], text[idx[k]]
            if idx[k] != idx[k - 1] and o1.islower() and o2.isupper() and k - cut >= 2:
                yield _Word(cut, k, cleaned[cut:k], cut != a)
                cut = k
        yield _Word(cut, b, cleaned[cut:b], cut != a)


def tokenize(text: str, vocab: Container[str] | None = None) -> list[Token]:
    """Tokens of ``text`` with their normalised form, character span, segment and part index.

    ``vocab`` (the registry's words) keeps glued words that are known words whole."""
    cleaned, idx = _clean_with_map(text)
    tokens: list[Token] = []
    segment = part = 0
    last = 0
    for m in _iter_words(text, cleaned, idx, vocab):
        gap = cleaned[last : m.start()]
        if tokens:
            if any(c in _SEGMENT_CHARS for c in gap) or " - " in gap or (gap.strip() == "-" and len(gap) > 1):
                segment += 1
            if any(c in _PART_CHARS for c in gap):
                part += 1
        last = m.end()
        word = m.group(0)
        if word in _DROP_TOKENS:
            continue
        start, end = idx[m.start()], idx[m.end() - 1] + 1
        cjk = bool(_CJK_RE.match(word))
        prev = tokens[-1] if tokens else None
        if (
            prev is not None
            and len(word) == 1
            and word.isascii()
            and word.isalpha()
            and (
                (_INITIALS_RE.fullmatch(prev.orig) and _INITIAL_GAP_RE.fullmatch(gap))
                # "Dr B R Ambedkar", "K J Somaiya": capital initials with spaces, as "Dr. B. R." is
                or (text[start:end].isupper() and _SPACED_INITIALS_RE.fullmatch(prev.orig) and gap == " ")
            )
            and prev.segment == segment
            and (end == len(text) or text[end] in _AFTER_INITIAL)
        ):
            # "M. D. Anderson", "U.S." — initials written with dots are one word (not the "C" of "U.P.C.
            # C/Gran Capitan", a letter glued to what follows)
            tokens[-1] = Token(
                prev.norm + word, text[prev.start : end], prev.start, end, segment, part, False
            )
            continue
        norm = _norm_word(word)
        if vocab is not None and norm not in vocab and len(norm) >= 4 and norm.isascii():
            hepburn = _kunrei_to_hepburn(norm)
            if hepburn != norm and hepburn in vocab:
                norm = hepburn  # "Kyusyu University" (Kunrei-shiki) is Kyushu University
        if (
            word == "u"
            and text[start:end] == "U"
            and prev is not None
            and prev.segment == segment
            and prev.orig[:1].isupper()
            and not prev.cjk
            and (end == len(text) or not text[end].isalnum())
            and not _INITIAL_NEXT_RE.match(text, end)  # "U.S.", "U. S." are initials
            and " " in gap
        ):
            norm = "university"  # "Syracuse U, Dept of Psychology", "Carleton U., Ottawa"
        tokens.append(Token(norm, text[start:end], start, end, segment, part, cjk))
    if len(tokens) > 2:
        tokens = _drop_studi(tokens)
    return tokens


def _drop_studi(tokens: list[Token]) -> list[Token]:
    """Italian "Università degli Studi di Pisa" is the "Università di Pisa" (the University of Pisa): the words
    "degli Studi" after the head word are dropped on both sides."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if (
            t.norm == "degli"
            and out
            and out[-1].norm == "university"
            and k + 1 < len(tokens)
            and tokens[k + 1].norm == "studi"
            and tokens[k + 1].segment == out[-1].segment
        ):
            k += 2
            continue
        out.append(t)
        k += 1
    return out


_KUNREI_RE = re.compile(r"sy|ty|zy|si|ti|tu|zi|hu")
_KUNREI = {"sy": "sh", "ty": "ch", "zy": "j", "si": "shi", "ti": "chi", "tu": "tsu", "zi": "ji", "hu": "fu"}


def _kunrei_to_hepburn(word: str) -> str:
    """A Japanese word romanised in Kunrei-shiki (as some authors and older records write: Kyusyu, Tukuba,
    Hukuoka, Sizuoka) in Hepburn, the registry's romanisation; tried only for words the registry does not
    know."""
    return _KUNREI_RE.sub(lambda m: _KUNREI[m.group(0)], word)


_INITIALS_RE = re.compile(r"[A-Za-z](?:\.\s?[A-Za-z])*")
_INITIAL_GAP_RE = re.compile(r"\.\s?")
_SPACED_INITIALS_RE = re.compile(r"[A-Z](?: [A-Z])*")
_AFTER_INITIAL = frozenset(".,;:)] \t\n")
_INITIAL_NEXT_RE = re.compile(r"\.\s?[A-Za-z]\b")


@lru_cache(maxsize=50_000)
def city_keys(city: str) -> tuple[tuple[str, ...], ...]:
    """Keys of a city name, with "New York City" also as "New York"."""
    key = name_key(city)
    if not key:
        return ()
    if len(key) > 1 and key[-1] == "city":
        return (key, key[:-1])
    return (key,)


@lru_cache(maxsize=200_000)
def name_key(value: str) -> tuple[str, ...]:
    """The lookup key of a registry name: its normalised tokens."""
    return tuple(t.norm for t in tokenize(value))


# ------------------------------------------------------------------------------------------------
# Location lexicon
# ------------------------------------------------------------------------------------------------

_COUNTRY_ALIASES: dict[str, str] = {
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "britain": "GB",
    "pr china": "CN",
    "p r china": "CN",
    "peoples r china": "CN",
    "people republic of china": "CN",
    "peoples republic of china": "CN",
    "people's republic of china": "CN",
    "prc": "CN",
    "korea": "KR",
    "republic of korea": "KR",
    "south korea": "KR",
    "rok": "KR",
    "russia": "RU",
    "russian federation": "RU",
    "iran": "IR",
    "taiwan": "TW",
    "roc": "TW",
    "viet nam": "VN",
    "vietnam": "VN",
    "turkey": "TR",
    "turkiye": "TR",
    "czech republic": "CZ",
    "the netherlands": "NL",
    "holland": "NL",
    "uae": "AE",
    "ksa": "SA",
    "deutschland": "DE",
    "brasil": "BR",
    "espana": "ES",
    "italia": "IT",
    "nippon": "JP",
    "macau": "MO",
    "macao": "MO",
    "hong kong": "HK",
    "hong kong sar": "HK",
    "republic of china": "TW",
}

#: US states (names and USPS codes): a US address rarely names its country
_US_STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
    "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA",
    "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM",
    "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
    "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC",
    "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
    "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
    "district of columbia": "DC",
}  # fmt: skip

#: a postcode of the United Kingdom: outward code (area letters, district digit) and inward code (digit, two
#: letters); no other country writes letters-digit … digit-letter-letter ("K1S 5B6" is Canadian, "1105 AZ" Dutch)
_UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}\b")

#: postal codes of US and Australian states written inside a university's name ("University of CA", "University
#: of NSW"); only there, right after "University (of)", are they read as the state
_STATE_CODE_NAMES = {code: name.title() for name, code in _US_STATES.items()} | {
    "NSW": "New South Wales", "QLD": "Queensland", "VIC": "Victoria", "TAS": "Tasmania",
}  # fmt: skip

_PLACE_WORDS = frozenset({"province", "state", "prefecture", "county", "city", "district", "region"})
_CN_SARS = frozenset({"HK", "MO"})
_US_STATE_CODES = frozenset(_US_STATES.values())
_US_STATE_KEYS = frozenset(tuple(name.split()) for name in _US_STATES)

_BABEL_LOCALES = ("en", "ja", "zh", "zh_Hant", "ko", "fr", "de", "es", "pt", "it", "ru", "nl", "pl", "tr")


@lru_cache(maxsize=1)
def _country_lexicon() -> dict[tuple[str, ...], str]:
    """Normalised country name → ISO 3166-1 alpha-2, from CLDR (babel) plus common English forms."""
    lex: dict[tuple[str, ...], str] = {}
    try:
        from babel import Locale

        for loc in _BABEL_LOCALES:
            for code, name in Locale.parse(loc).territories.items():
                if len(code) == 2 and code.isalpha() and code not in ("EU", "UN", "EZ", "QO", "ZZ"):
                    key = name_key(name)
                    if key:
                        lex.setdefault(key, code)
    except ImportError:  # pragma: no cover - babel is a dependency
        pass
    for name, code in _COUNTRY_ALIASES.items():
        lex[name_key(name)] = code
    for name in _US_STATES:
        lex.setdefault(name_key(name), "US")
    return lex


# ------------------------------------------------------------------------------------------------
# Index over the registry
# ------------------------------------------------------------------------------------------------

#: words that open the name of a unit inside an institution
_UNIT_WORDS = {
    (w,)
    for w in (
        "department", "faculty", "school", "division", "section", "unit", "laboratory", "chair",
        "clinic", "service", "program", "programme", "group", "team", "centre", "center", "college",
        "graduate", "key", "state", "institute",
    )
}  # fmt: skip
#: last words of a site's name ("Wellcome Genome Campus", "Charles Perkins Centre Building"): a site, not the
#: institution whose single-word name opens it
_SITE_WORDS = frozenset(
    name_key(w)[0] for w in ("campus", "building", "buildings", "road", "street", "avenue", "square")
)
#: head words after which a swapped name is part of another institution's name ("Oslo University
#: College"); not "Hospital": "Parma University Hospital" is, for most purposes, the university's
_HEAD_WORDS = frozenset({"college"})
#: words that make "X University of Y" another institution than the "University of Y" that follows them
_KIND_ADJECTIVES = frozenset(
    (
        "agricultural agrarian medical technical technological pedagogical economic polytechnic national "
        "state federal catholic open normal pharmaceutical veterinary forestry maritime naval military "
        "industrial islamic autonomous metropolitan"
    ).split()
)  # (as written: "Economics University of X" is a department before the University of X)
#: head words after which "of" and a word make the name another institution's ("Tokyo University of
#: Agriculture", "Edinburgh College of Art"), unless the institution's own names go on so
_CONTINUED_HEADS = frozenset({"university", "institute", "college", "academy"})
_OF_GAP_RE = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
#: the kinds of name an institution bears itself (not derived by the matcher)
_OWN_NAME_KINDS = frozenset({"ror_display", "label", "alias"})
#: hyphens and dashes written inside an acronym ("AP-HP", "AP‐HP")
#: Roman numerals of two letters or more (II to XX) as numbers: "Paris XI" is "Paris 11"
_ROMAN = {
    r: n
    for n, r in enumerate(
        "- ii iii iv - vi vii viii ix - xi xii xiii xiv xv xvi xvii xviii xix xx".split(), start=1
    )
    if r != "-"
}
_HYPHENS = frozenset("-\u2010\u2011\u2013")
_SEP_RE = re.compile(r"[,;/()]| - ")
_KIND_RANK = {
    "ror_display": 0, "label": 1, "alias": 2, "stripped": 3, "compact": 4, "swapped": 5, "romanised": 6,
    "translated": 7, "reordered": 8, "composed": 8, "abbreviated": 9, "opening": 10, "acronym": 11,
}  # fmt: skip
#: the words that open a university hospital's name in French, Spanish, Catalan, Portuguese, Italian and German
#: (normalised: "Centre Hospitalier Universitaire", "Hospital Universitario", "Azienda Ospedaliero-Universitaria",
#: "Universitätsklinikum", "Universitätsklinik", "Universitätsspital", "Policlinico", "Hôpitaux Universitaires") and the French acronym that stands for the first
_HOSPITAL_OPENINGS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("center", "hospitalier", "universitaire"), ("chu",)),
    (("center", "hospitalier", "regional", "universitaire"), ("chru", "chu")),
    (("center", "hospitalier", "regional", "and", "universitaire"), ("chru", "chu")),
    (("hospital", "universitaire"), ()),
    (("hopitaux", "universitaire"), ()),
    (("hospital", "universitario"), ()),
    (("hospital", "universitari"), ()),
    (("azienda", "ospedaliero", "universitaria"), ()),
    (("azienda", "ospedaliera", "universitaria"), ()),
    (("universitatsklinikum",), ()),
    (("universitatsklinik",), ()),
    (("universitatsspital",), ()),
    (("policlinico",), ()),
)
_HOSPITAL_CLOSINGS = (("hospital", "universitari"), ("hospital", "universitario"))


def _hospital_renderings(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """English forms of a university hospital's name in another language: "Centre Hospitalier Universitaire
    de Tours" → University Hospital Tours, Tours University Hospital (and CHU Tours); "Vall d'Hebron Hospital
    Universitari" → Vall d'Hebron University Hospital."""
    rest: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    for opening, acrs in _HOSPITAL_OPENINGS:
        if key[: len(opening)] == opening and len(key) > len(opening):
            rest, acronyms = key[len(opening) :], acrs
            break
    else:
        for closing in _HOSPITAL_CLOSINGS:
            if key[-len(closing) :] == closing and len(key) > len(closing):
                rest = key[: -len(closing)]
                break
    if not rest or rest[0] in _FUNCTION_WORDS or all(w.isdigit() for w in rest):
        return []
    return [
        ("university", "hospital", *rest),
        (*rest, "university", "hospital"),
        *((a, *rest) for a in acronyms),
    ]


#: words a name can leave out in an abbreviated citation ("Korea Inst. Sci. Technol.")
_FUNCTION_WORDS = frozenset(
    "of and the for in at on de del della di da do du des la le les der die das fur zu y e et".split()
)
#: words after which the rest of a name is a part of the institution, not the rest of its name
_OPENING_STOPS = frozenset({"campus", "hospital", "branch", "medical", "clinic", "clinical", "foundation"})
#: Chinese head words of institution names and their pinyin, for romanised forms ("Zhongshan Daxue")
_ZH_HEADS = {"大学": "daxue", "大學": "daxue"}


def _pinyin_variant(value: str) -> str | None:
    """A romanised form of a short Chinese name: the place or founder written as one word, then the
    head word ("中山大学" → "Zhongshan Daxue"), as such names are usually romanised."""
    for head, roman in _ZH_HEADS.items():
        stem = value[: -len(head)]
        if value.endswith(head) and 2 <= len(stem) <= 4 and all(_CJK_RE.match(c) for c in stem):
            try:
                from pypinyin import lazy_pinyin
            except ImportError:  # pragma: no cover - pypinyin is a dependency
                return None
            return "".join(lazy_pinyin(stem)).capitalize() + " " + roman.capitalize()
    return None


#: Chinese institution names as English renders them: the place (romanised as one word) then the kind of
#: institution ("广州医科大学" → "Guangzhou Medical University"), for registry records without a Chinese
#: label. Keys are in the folded (simplified) form; longest suffix first.
_ZH_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    sorted(
        {
            "大学": ("{} University", "University of {}"),
            "医科大学": ("{} Medical University",),
            "医学院": ("{} Medical College", "{} Medical University"),
            "师范大学": ("{} Normal University",),
            "师范学院": ("{} Normal College", "{} Normal University"),
            "理工大学": ("{} University of Technology", "{} University of Science and Technology"),
            "工业大学": ("{} University of Technology",),
            "科技大学": ("{} University of Science and Technology",),
            "农业大学": ("{} Agricultural University",),
            "中医药大学": (
                "{} University of Chinese Medicine",
                "{} University of Traditional Chinese Medicine",
            ),
            "财经大学": ("{} University of Finance and Economics",),
            "交通大学": ("{} Jiaotong University",),
            "海洋大学": ("{} Ocean University",),
            "林业大学": ("{} Forestry University",),
            "石油大学": ("{} Petroleum University",),
            "学院": ("{} College", "{} University"),
            "人民医院": ("{} People's Hospital",),
            "中心医院": ("{} Central Hospital",),
            "肿瘤医院": ("{} Cancer Hospital",),
            "儿童医院": ("{} Children's Hospital",),
            "医院": ("{} Hospital",),
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)
#: words before the place ("国立台湾大学": National Taiwan University)
_ZH_PREFIXES = {"国立": "National", "国家": "National", "首都": "Capital", "中国": "China"}


@lru_cache(maxsize=50_000)
def _zh_english_names(run: str) -> tuple[tuple[int, str], ...]:
    """English renderings of the Chinese institution names that open ``run`` (folded CJK characters), as
    (characters read, name): a place of two to four characters, romanised, and a kind of institution."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return ()
    out: list[tuple[int, str]] = []
    prefix, start = "", 0
    for zh, en in _ZH_PREFIXES.items():
        if run.startswith(zh):
            prefix, start = en + " ", len(zh)
            break
    for plen in (2, 3, 4):
        place = run[start : start + plen]
        if len(place) < plen:
            break
        roman = "".join(lazy_pinyin(place)).capitalize()
        if not roman.isalpha() or not roman.isascii():
            continue
        rest = run[start + plen :]
        for kind, forms in _ZH_KINDS:
            if rest.startswith(kind):
                if kind != "大学" and rest[len(kind) :].startswith("大学"):
                    break  # "西南学院大学" (Seinan Gakuin University) is no "西南学院": the name goes on
                for form in forms:
                    out.append((start + plen + len(kind), prefix + form.format(roman)))
                break
    return tuple(out)


_PAREN_RE = re.compile(r"\s*\([^)]*\)\s*$")
#: a person's initials opening a name ("N.I. Vavilov …", "A. N. Belozersky …"), then a capitalised surname
_LEADING_INITIALS_RE = re.compile(r"^(?:[A-Z]\.\s?){1,3}\s*(?=[A-Z][a-z])")


@dataclass(slots=True)
class _Entry:
    org_id: str
    kind: str  # ror_display / label / alias / stripped / acronym
    lang: str | None
    value: str


def _add_once(forms: dict[tuple[str, ...], list[_Entry]], key: tuple[str, ...], entry: _Entry) -> None:
    """``entry`` under ``key`` in ``forms``, unless its institution is there already."""
    if not any(x.org_id == entry.org_id for x in forms[key]):
        forms[key].append(entry)


class AffiliationIndex:
    """Name, acronym, token and city indexes over a :class:`RorRegistry`."""

    def __init__(self, registry: RorRegistry, _state: dict | None = None):
        self.registry = registry
        if _state is not None:
            gc_was_on = gc.isenabled()
            gc.disable()  # hundreds of thousands of small objects, none cyclic: no collection passes
            try:
                self._restore(_state)
                self._derive(_state)
            finally:
                if gc_was_on:
                    gc.enable()
        else:
            self._build(registry)
            self._derive()

    def _build(self, registry: RorRegistry) -> None:
        self.names: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.acronyms: dict[str, list[_Entry]] = defaultdict(list)
        self.cities: dict[tuple[str, ...], set[str]] = defaultdict(set)
        #: first-level subdivisions (states, provinces, prefectures): places, but no city agreement
        self.regions: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.token_df: dict[str, int] = defaultdict(int)
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.fuzzy_keys: list[str] = []
        self.fuzzy_entries: list[list[_Entry]] = []
        fuzzy_pos: dict[tuple[str, ...], int] = {}
        pending_initials: list[tuple[str, str | None, str, str]] = []
        for org in registry:
            for n in org.names:
                kinds = [k for k in n.types if k in _KIND_RANK]
                kind = min(kinds, key=_KIND_RANK.__getitem__) if kinds else "alias"
                if kind == "acronym":
                    acr = unicodedata.normalize("NFKC", n.value).replace(".", "").replace(" ", "")
                    if len(acr) >= 2:
                        self.acronyms[acr].append(_Entry(org.id, "acronym", n.lang, n.value))
                    continue
                variants = [(n.value, kind)]
                stripped = _PAREN_RE.sub("", n.value)
                if stripped != n.value and stripped:
                    variants.append((stripped, "stripped"))
                no_initials = _LEADING_INITIALS_RE.sub("", n.value)
                if no_initials != n.value and len(no_initials.split()) >= 3:
                    pending_initials.append((org.id, n.lang, n.value, no_initials))
                if n.lang == "zh" and (roman := _pinyin_variant(n.value)):
                    variants.append((roman, "romanised"))
                for value, vkind in variants:
                    key = name_key(value)
                    if not key or key[0] == "and" or key[-1] == "and":
                        continue
                    if len(key) == 1 and len(value.split()) > 1:
                        continue  # "La Sierra" is not the word "sierra"
                    entries = self.names[key]
                    if not any(e.org_id == org.id for e in entries):
                        entries.append(_Entry(org.id, vkind, n.lang, n.value))
                        for tok in set(key):
                            self.token_df[tok] += 1
                        if key not in fuzzy_pos and not _CJK_RE.search(key[0]):
                            fuzzy_pos[key] = len(self.fuzzy_keys)
                            self.fuzzy_keys.append(" ".join(key))
                            self.fuzzy_entries.append(entries)
            if org.subdivision and org.subdivision != org.city:
                rk = name_key(org.subdivision)
                if rk:
                    self.regions[rk].add(org.country_code)
            for city in (org.city, *org.extra_cities):
                if city:
                    for ck in city_keys(city):
                        self.cities[ck].add(org.country_code)
        # "N.I. Vavilov Research Institute …" is often cited without the founder's initials: the name
        # without them, when a surname follows (a rare word: "B.M.S. College of Engineering" is no person's
        # name) and no institution bears that form
        common = max(3, round(MatcherConfig.common_word_share * len(self.names)))
        for org_id, lang, value, short in pending_initials:
            key = name_key(short)
            if key and key not in self.names and self.token_df.get(key[0], 0) < common:
                self.names[key].append(_Entry(org_id, "stripped", lang, value))
        # "Southampton University" for "University of Southampton" and back, unless the swapped form is
        # another institution's name ("Washington University" / "University of Washington")
        swapped: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            if len(key) not in (2, 3, 4) or _CJK_RE.search(key[0]):
                continue
            if key[:2] == ("university", "hospital") and len(key) > 2:
                alt = (*key[2:], "university", "hospital")
            elif key[-2:] == ("university", "hospital") and len(key) > 2:
                alt = ("university", "hospital", *key[:-2])
            elif key[0] == "university":
                alt = (*key[1:], "university")
            elif key[-1] == "university":
                alt = ("university", *key[:-1])
            elif key[0] == "institute":
                # "Gustave Roussy Institute" for "Institut Gustave Roussy", "Myology Institute" for "Institute
                # of Myology" (one way only: "Institute X" is not how English writes "X Institute")
                alt = (*key[1:], "institute")
            else:
                continue
            if alt in self.names:
                continue
            for e in entries:
                if e.kind != "stripped":
                    _add_once(swapped, alt, _Entry(e.org_id, "swapped", e.lang, e.value))
        self.names.update(swapped)
        # "University Hospital of Tours" for "Centre Hospitalier Universitaire de Tours", "Münster University
        # Hospital" for "Universitätsklinikum Münster": a university hospital's name in another language read
        # as English writes it, unless that English form is another institution's name
        translated: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            for alt in _hospital_renderings(key):
                rest = alt[:-2] if alt[-2:] == ("university", "hospital") else ()
                if alt in self.names or (
                    rest and ((*rest, "university") in self.names or ("university", *rest) in self.names)
                ):
                    # "Reims University Hospital" reads as the University of Reims (the swapped name and
                    # a head word of its own): only "University Hospital of Reims" is the CHU
                    continue
                for e in entries:
                    if e.kind not in ("stripped", "swapped"):
                        _add_once(translated, alt, _Entry(e.org_id, "translated", e.lang, e.value))
        self.names.update(translated)
        # "Hôpital universitaire Necker-Enfants Malades" for "Hôpital Necker-Enfants Malades": a hospital's name
        # with the university qualifier its city's hospitals are often given, unless that is another name
        qualified: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            if (
                len(key) < 2
                or key[0] != "hospital"
                or key[1].startswith("universit")
                or key[1] in _FUNCTION_WORDS
            ):
                continue
            for alt in (
                ("hospital", "universitaire", *key[1:]),
                ("hospital", "universitario", *key[1:]),
            ):
                if alt in self.names:
                    continue
                for e in entries:
                    if e.kind in ("ror_display", "label", "alias"):
                        _add_once(qualified, alt, _Entry(e.org_id, "translated", e.lang, e.value))
        self.names.update(qualified)
        # "Korea Inst. Sci. Technol." for "Korea Institute of Science and Technology": the name without its
        # function words, when three words or more remain and no institution bears that form
        compact: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            short = tuple(w for w in key if w not in _FUNCTION_WORDS)
            if len(short) == len(key) or len(short) < 3 or short in self.names or _CJK_RE.search(key[0]):
                continue
            for e in entries:
                if e.kind not in ("stripped", "swapped", "translated"):
                    _add_once(compact, short, _Entry(e.org_id, "compact", e.lang, e.value))
        self.names.update(compact)
        # "U.S. Naval Academy" for "United States Naval Academy" and back: a name opening with the country
        # written either way, when no institution bears the other form
        us_forms: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            if key[:2] == ("united", "state") and len(key) >= 4:
                alt = ("us", *key[2:])
            elif key[:1] == ("us",) and len(key) >= 3 and not key[1].isdigit():
                alt = ("united", "state", *key[1:])
            else:
                continue
            if alt in self.names:
                continue
            for e in entries:
                if e.kind in ("ror_display", "label", "alias"):
                    _add_once(us_forms, alt, _Entry(e.org_id, "compact", e.lang, e.value))
        self.names.update(us_forms)
        # "Technical University of Catalonia" for the "Polytechnic University of Catalonia" (Universitat Politècnica
        # de Catalunya): a polytechnic university named in English as a technical one, unless that is a name
        technical: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            if key[:2] != ("polytechnic", "university") or len(key) < 3:
                continue
            alt = ("tech", "university", *key[2:])
            if alt in self.names:
                continue
            for e in entries:
                if e.kind in ("ror_display", "label", "alias"):
                    _add_once(technical, alt, _Entry(e.org_id, "translated", e.lang, e.value))
        self.names.update(technical)
        # "Physique des Lasers Atomes et Molécules" for the "Laboratoire de Physique des Lasers, Atomes et
        # Molécules": a laboratory's name without the word "laboratory", when three words or more remain, one of
        # them rare, and that is no name
        common = max(3, round(MatcherConfig.common_word_share * len(self.names)))
        bare: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in self.names.items():
            if key[0] not in ("laboratory", "laboratoire", "laboratorio", "laboratorium") or len(key) < 4:
                continue
            rest = key[1:]
            if rest in self.names or not any(self.token_df.get(w, 0) < common for w in rest):
                continue
            for e in entries:
                if e.kind in ("ror_display", "label", "alias"):
                    _add_once(bare, rest, _Entry(e.org_id, "stripped", e.lang, e.value))
        self.names.update(bare)

    def _derive(self, state: dict | None = None) -> None:
        """Structures computed from the names (fast; not stored in the cache, except the country
        lexicon, which babel builds slowly)."""
        self.postings = defaultdict(set)
        for pos, key in enumerate(self.fuzzy_keys):
            for tok in key.split():
                self.postings[tok].add(pos)
        self.n_names = max(1, len(self.names))
        self.common_df = 3
        if state is not None:
            self.countries = {tuple(k.split(_KEY_SEP)): v for k, v in state["countries"]}
        else:
            self.countries = _country_lexicon()
        self.vocab = list(self.postings)
        self.vocab_by_initial: dict[str, list[str]] = defaultdict(list)
        for w in self.vocab:
            self.vocab_by_initial[w[0]].append(w)
        # "Purdue University West Lafayette" is often written "Purdue University, West Lafayette, IN":
        # index each name whose last words are a place under its head, to be completed by that place
        self.heads: dict[tuple[str, ...], list[tuple[list[_Entry], tuple[str, ...]]]] = defaultdict(list)
        for key, entries in self.names.items():
            if all(e.kind in ("swapped", "translated") for e in entries):
                # "University Shanghai Normal" (swapped) is no "University Shanghai" + "Normal" (IL); "University
                # Hospital" (read from "Centre Hospitalier Universitaire de Liège") is not completed by a place
                continue
            for k in (1, 2, 3):
                head, tail = key[:-k], key[-k:]
                if (
                    len(head) >= 2
                    and any(len(w) >= 3 and not w.isdigit() for w in head)
                    and (tail in self.cities or tail in self.countries or tail in self.regions)
                ):
                    self.heads[head].append((entries, tail))
        # "Poznan University of Medical Sciences" written "University of Medical Sciences, …, Poznan": each name
        # that opens with its city, under the rest when that is a university's or institute's name
        self.lead_heads: dict[tuple[str, ...], list[tuple[list[_Entry], tuple[str, ...]]]] = defaultdict(list)
        for key, entries in self.names.items():
            if all(e.kind in ("swapped", "translated", "compact") for e in entries):
                continue
            for k in (1, 2, 3):
                place, rest = key[:k], key[k:]
                if len(rest) >= 3 and rest[0] in _CONTINUED_HEADS and place in self.cities:
                    self.lead_heads[rest].append((entries, place))
                    break
        self.max_key_len = max((len(k) for k in self.names), default=1)
        # "APHP" for "AP-HP": an acronym of two parts written without its hyphen, unless that is an acronym
        # (read only as a segment of its own: "APHP Nord" may be a unit's name of another form)
        self.unhyphenated: dict[str, list[_Entry]] = defaultdict(list)
        for acr, entries in self.acronyms.items():
            glued = acr.replace("-", "")
            if glued != acr and acr.count("-") == 1 and glued not in self.acronyms:
                self.unhyphenated[glued].extend(e for e in entries if e not in self.unhyphenated[glued])
        #: records (id, display name) by the id of the parent they name, and the cities of each record's
        #: family (``f_campus_city``): filled on first use
        self.children_of: dict[str, set[tuple[str, str]]] | None = None
        self.family_cities: dict[str, frozenset[tuple[str, ...]]] = {}
        # "Polytechnic University of Marche" for "Marche Polytechnic University", "University Federico II
        # Naples" for "University of Naples Federico II": a name's words in another order, for names of three
        # to eight words that only one institution bears in any order
        bags: dict[tuple[str, ...], list[_Entry]] = {}
        for key, entries in self.names.items():
            if not 3 <= len(key) <= 8 or _CJK_RE.search(key[0]) or "state" in key or "tech" in key:
                # ("State University of Iowa" was the University of Iowa, not Iowa State University; "Xi'an
                # University of Technology" is not Xi'an Technological University, "tech" being one word)
                continue
            kept = [e for e in entries if e.kind in ("ror_display", "label", "alias")]
            if not kept:
                continue
            bag = tuple(sorted(key))
            have = bags.setdefault(bag, [])
            for e in kept:
                if not any(x.org_id == e.org_id for x in have):
                    have.append(_Entry(e.org_id, "reordered", e.lang, e.value))
        self.bags = {b: v for b, v in bags.items() if len({e.org_id for e in v}) == 1}
        # "Sapienza University" for "Sapienza University of Rome", "Pforzheim University" for "Pforzheim
        # University of Applied Sciences": the opening words of a university's name, when they open no other
        # institution's name and are no name themselves
        openings: dict[tuple[str, ...], _Entry] = {}
        for key, entries in self.names.items():
            if len(key) < 3 or _CJK_RE.search(key[0]) or (key[0],) in _UNIT_WORDS:
                continue
            for e in entries:
                if e.kind not in ("ror_display", "label", "alias") or _SEP_RE.search(e.value):
                    continue  # ("Faculty of X, University of Split" opens with a unit)
                org = self.registry.get(e.org_id)
                if org is None or "education" not in org.types:
                    continue
                # (not a campus, hospital or unit of it: "University of Arizona College of Medicine Phoenix",
                # "Yonsei University Wonju Campus"): the rest of the name holds no such word
                p_min = len(key)
                while (
                    p_min > 2
                    and (key[p_min - 1],) not in _UNIT_WORDS
                    and key[p_min - 1] not in _OPENING_STOPS
                ):
                    p_min -= 1
                for p in range(max(2, p_min), len(key)):
                    rest = key[p:]
                    if (
                        key[p - 1] not in _FUNCTION_WORDS
                        and rest not in self.cities
                        and rest not in self.regions
                    ):
                        openings.setdefault(key[:p], _Entry(e.org_id, "opening", e.lang, e.value))
        # (an opening of any other record's name, of any kind, is no evidence for one)
        shared: set[tuple[str, ...]] = set(self.names)
        for key, entries in self.names.items():
            for p in range(2, len(key)):
                head = key[:p]
                opening = openings.get(head)
                if opening is not None and any(x.org_id != opening.org_id for x in entries):
                    shared.add(head)
        self.openings = {h: [e] for h, e in openings.items() if h not in shared}
        # "INSA CVL" for "INSA Centre Val de Loire": a name made of the institution's acronym and a place or
        # qualifier of two capitalised words or more, those words written by their initials, unless that is a name
        # (added last, to no word count or other derived form, and not stored in the cache: ``late_keys``)
        initialled: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for org in self.registry:
            acrs = {n.value for n in org.names if "acronym" in n.types}
            for n in org.names:
                words = n.value.split()
                if "acronym" in n.types or len(words) < 3 or words[0] not in acrs or not words[0].isupper():
                    continue
                rest = [w for w in words[1:] if w[:1].isupper()]
                if len(rest) < 2 or any(not w.isalpha() for w in rest):
                    continue
                key = name_key(f"{words[0]} {''.join(w[0] for w in rest)}")
                if len(key) == 2 and key not in self.names:
                    _add_once(initialled, key, _Entry(org.id, "abbreviated", n.lang, n.value))
        self.late_keys: set[tuple[str, ...]] = set()
        self._add_late(initialled)
        # "Université de Toulouse 3 Paul Sabatier" for "Université Toulouse III - Paul Sabatier", "University Paris 11"
        # for "University Paris XI": a Roman numeral after a name's first word written in figures, unless that is
        # a name (added last, as above)
        figures: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in list(self.names.items()):
            if len(key) < 4 or not any(w in _ROMAN for w in key[1:]):
                continue
            alt = (key[0], *(str(_ROMAN.get(w, w)) for w in key[1:]))
            if alt in self.names:
                continue
            for e in entries:
                if e.kind in ("ror_display", "label", "alias"):
                    _add_once(figures, alt, _Entry(e.org_id, "compact", e.lang, e.value))
        self._add_late(figures)
        # "General Hospital Vienna" for "Vienna General Hospital": a hospital's name opening with its city, written
        # with the city last, unless that is a name (added last, as above)
        city_last: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in list(self.names.items()):
            if len(key) < 3 or key[-1] != "hospital":
                continue
            for k in (1, 2):
                place, rest = key[:k], key[k:]
                if len(rest) < 2 or place not in self.cities:
                    continue
                alt = (*rest, *place)
                if alt in self.names:
                    continue
                for e in entries:
                    org = self.registry.get(e.org_id)
                    if (
                        e.kind in ("ror_display", "label", "alias")
                        and org is not None
                        and place in city_keys(org.city or "")
                    ):
                        _add_once(city_last, alt, _Entry(e.org_id, "reordered", e.lang, e.value))
        self._add_late(city_last)
        # "University Clinical Center Carl Gustav Carus" for "University Hospital Carl Gustav Carus": a university
        # hospital (Universitätsklinikum, Univerzitetski klinički centar) named in English as a university clinical
        # centre, unless that is a name (added last, as above)
        clinical: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        for key, entries in list(self.names.items()):
            if len(key) < 3 or key[:2] != ("university", "hospital") or key[2] in _FUNCTION_WORDS:
                continue
            alt = ("university", "clinical", "center", *key[2:])
            if alt in self.names:
                continue
            for e in entries:
                if e.kind in ("ror_display", "label", "alias"):
                    _add_once(clinical, alt, _Entry(e.org_id, "translated", e.lang, e.value))
        self._add_late(clinical)

    def _add_late(self, forms: dict[tuple[str, ...], list[_Entry]]) -> None:
        """Names derived after the word counts: looked up like the others, never stored in the cache."""
        self.names.update(forms)
        self.late_keys.update(forms)

    # persistent cache ------------------------------------------------------------------------
    def _state(self) -> dict[str, object]:
        """The built index as plain JSON values (no pickle): entries once, names as entry numbers."""
        entries: list[list[object]] = []
        numbers: dict[int, int] = {}

        def num(e: _Entry) -> int:
            if id(e) not in numbers:
                numbers[id(e)] = len(entries)
                entries.append([e.org_id, e.kind, e.lang, e.value])
            return numbers[id(e)]

        sep = _KEY_SEP
        return {
            "format": INDEX_CACHE_FORMAT,
            "entries": entries,
            "names": {
                sep.join(k): [num(e) for e in v] for k, v in self.names.items() if k not in self.late_keys
            },
            "acronyms": {k: [num(e) for e in v] for k, v in self.acronyms.items()},
            "cities": {sep.join(k): sorted(v) for k, v in self.cities.items()},
            "regions": {sep.join(k): sorted(v) for k, v in self.regions.items()},
            "token_df": self.token_df,
            "fuzzy_keys": self.fuzzy_keys,
            "countries": [[sep.join(k), v] for k, v in self.countries.items()],
        }

    def _restore(self, state: dict) -> None:
        sep = _KEY_SEP
        entries = [_Entry(*row) for row in state["entries"]]
        self.names = defaultdict(list)
        for k, nums in state["names"].items():
            self.names[tuple(k.split(sep))] = [entries[i] for i in nums]
        self.acronyms = defaultdict(list, {k: [entries[i] for i in v] for k, v in state["acronyms"].items()})
        self.cities = defaultdict(set, {tuple(k.split(sep)): set(v) for k, v in state["cities"].items()})
        self.regions = defaultdict(set, {tuple(k.split(sep)): set(v) for k, v in state["regions"].items()})
        self.token_df = defaultdict(int, state["token_df"])
        self.fuzzy_keys = list(state["fuzzy_keys"])
        # a fuzzy key's entries are the very list of its name (later bearers of the name included)
        self.fuzzy_entries = [self.names[tuple(k.split(" "))] for k in self.fuzzy_keys]

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index as JSON (temporary file, then renamed: never half-written)."""
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(orjson.dumps(self._state()))
            os.replace(tmp, p)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: str | os.PathLike[str], registry: RorRegistry) -> AffiliationIndex:
        """Read an index written by :meth:`save` for ``registry``; :class:`IndexCacheError` if unusable."""
        p = Path(path)
        try:
            state = orjson.loads(p.read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            raise IndexCacheError(str(p), f"unreadable: {exc}") from None
        if not isinstance(state, dict) or state.get("format") != INDEX_CACHE_FORMAT:
            raise IndexCacheError(str(p), "not an affiliation index of this version")
        try:
            return cls(registry, _state=state)
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            raise IndexCacheError(str(p), f"corrupt: {exc!r}") from None


INDEX_CACHE_FORMAT = "rsec-affiliation-index/3"
_KEY_SEP = "\x1f"


class IndexCacheError(ValueError):
    """An index cache file that cannot be used (names the file); callers rebuild the index."""

    def __init__(self, file: str, message: str):
        self.file, self.reason = file, message
        super().__init__(f"{file}: {message}")


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_cache_dir() -> Path:
    """``$RSEC_CACHE_DIR/affiliations``, else ``$XDG_CACHE_HOME/rsec/affiliations`` (``~/.cache``)."""
    if env := os.environ.get("RSEC_CACHE_DIR"):
        return Path(env) / "affiliations"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rsec" / "affiliations"


@dataclass
class LoadReport:
    """How :func:`load_index` obtained the index, and how long each step took (seconds)."""

    from_cache: bool
    registry_seconds: float
    index_seconds: float
    cache_file: Path | None


def load_index(
    ror_path: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None
) -> tuple[AffiliationIndex, LoadReport]:
    """The registry and its matcher index for the ROR file ``ror_path``, from a persistent cache.

    The cache is keyed by the SHA-256 of the registry file's content and of this module's source (a
    changed normalisation invalidates it): ``<digest>.registry.jsonl.gz`` (the registry cache of
    :meth:`RorRegistry.save`) and ``<digest>.index.json``. The first run builds and writes both; later
    runs read them. A missing, unreadable or corrupt cache is rebuilt, never trusted.
    """
    src = Path(ror_path)
    digest = hashlib.sha256(
        (_file_digest(src) + _file_digest(Path(__file__)) + INDEX_CACHE_FORMAT).encode()
    ).hexdigest()[:32]
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    reg_file = folder / f"{digest}.registry.jsonl.gz"
    ix_file = folder / f"{digest}.index.json"
    t0 = time.perf_counter()
    registry = None
    if reg_file.exists() and ix_file.exists():
        try:
            registry = RorRegistry.load(reg_file)
        except (RorFormatError, OSError, EOFError, gzip.BadGzipFile):
            registry = None
        if registry is not None:
            t1 = time.perf_counter()
            try:
                index = AffiliationIndex.load(ix_file, registry)
                return index, LoadReport(True, t1 - t0, time.perf_counter() - t1, ix_file)
            except IndexCacheError:
                pass
    registry = RorRegistry.load(src)
    t1 = time.perf_counter()
    index = AffiliationIndex(registry)
    t2 = time.perf_counter()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        registry.save(reg_file)
        index.save(ix_file)
    except OSError:
        return index, LoadReport(False, t1 - t0, t2 - t1, None)  # a read-only place: run uncached
    return index, LoadReport(False, t1 - t0, t2 - t1, ix_file)


# ------------------------------------------------------------------------------------------------
# Results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AffiliationMatch:
    """One institution found in an affiliation string."""

    ror_id: str
    name: str
    score: float
    explanation: str
    span: tuple[int, int]
    lineage: tuple[str, ...] = ()
    country_code: str = ""
    matched_id: str = ""  # the record the text named, if it was replaced by its successor
    part: int = 0  # index of the ';' / newline-delimited part (one affiliation) it was read from

    def to_dict(self) -> dict[str, object]:
        return {
            "ror_id": self.ror_id,
            "name": self.name,
            "score": round(self.score, 3),
            "explanation": self.explanation,
            "span": list(self.span),
            "lineage": list(self.lineage),
        }


@dataclass
class _Context:
    text: str
    tokens: list[Token]
    countries: list[tuple[str, int, int, int, bool]]  # (country code, part, first token, end token, weak)
    city_tokens: dict[tuple[str, ...], list[tuple[int, int]]]  # city key -> token spans
    places: dict[tuple[str, ...], list[tuple[int, int]]]  # any place (city, state, country) -> spans
    city_countries: set[str]
    location_token_idx: set[int] = field(default_factory=set)
    upper_words: dict[str, list[int]] | None = None  # upper-case words and where (filled on first use)

    def countries_for(self, part: int, start: int = -1, end: int = -1, strong_only: bool = False) -> set[str]:
        """Countries the text names, outside the span [start, end) — a name is no evidence for itself —
        in the same ';'-part when that part names any, else anywhere."""
        outside = [m for m in self.countries if (m[3] <= start or m[2] >= end) and not (strong_only and m[4])]
        local = {m[0] for m in outside if m[1] == part}
        return local or {m[0] for m in outside}

    def part_names_country(self, part: int, start: int = -1, end: int = -1) -> bool:
        return any(m[1] == part and (m[3] <= start or m[2] >= end) for m in self.countries)


@dataclass
class _Candidate:
    start: int  # token indexes, end exclusive
    end: int
    entry: _Entry
    org: RorOrganization
    score: float
    details: list[str]
    fuzzy: bool = False


# ------------------------------------------------------------------------------------------------
# Features: (candidate, context, index) -> (score delta, detail or "")
# ------------------------------------------------------------------------------------------------

Feature = Callable[["_Candidate", _Context, AffiliationIndex, MatcherConfig], tuple[float, str]]


def f_name_kind(c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig) -> tuple[float, str]:
    base = {
        "ror_display": 0.80,
        "label": 0.80,
        "alias": 0.74,
        "stripped": 0.72,
        "compact": 0.70,
        "swapped": 0.70,
        "romanised": 0.70,
        "translated": 0.70,
        "reordered": 0.68,
        "composed": 0.68,
        "abbreviated": 0.68,
        "opening": 0.64,
        "acronym": 0.58,
    }[c.entry.kind]
    if c.fuzzy:
        return base - 0.05, f"close to {c.entry.kind.replace('_', ' ')} {c.entry.value!r}"
    lang = f", {c.entry.lang}" if c.entry.lang else ""
    return base, f"{c.entry.kind.replace('_', ' ')} {c.entry.value!r}{lang}"


def f_segment(c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig) -> tuple[float, str]:
    toks = ctx.tokens
    seg_start = c.start == 0 or toks[c.start - 1].segment != toks[c.start].segment
    seg_end = c.end == len(toks) or toks[c.end].segment != toks[c.end - 1].segment
    if seg_start and seg_end:
        return 0.10, "is a whole segment"
    if seg_start or seg_end:
        return 0.04, ""
    return 0.0, ""


def f_country(c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig) -> tuple[float, str]:
    cc = c.org.country_code
    wanted = ctx.countries_for(ctx.tokens[c.start].part, c.start, c.end)
    if not wanted:
        if ctx.city_countries and cc in ctx.city_countries:
            return 0.05, f"city suggests {cc}"
        return 0.0, ""
    if cc in wanted:
        return 0.15, f"country {cc} agrees"
    if cc in _CN_SARS and "CN" in wanted:
        return 0.05, f"{cc} written as China"
    if cc == "CN" and wanted <= _CN_SARS:
        # (a mainland institution beside Hong Kong or Macao, part of China: "The Chinese University of Hong
        # Kong – Zhejiang University Joint Laboratory"): no support, no contradiction
        return 0.0, f"{', '.join(sorted(wanted))} is China"
    if not ctx.countries_for(ctx.tokens[c.start].part, c.start, c.end, strong_only=True):
        return 0.0, ""  # only a two-letter code, which may be a state or region
    toks = ctx.tokens
    if (
        c.end < len(toks)
        and toks[c.end].segment == toks[c.start].segment
        and ctx.text[toks[c.end - 1].end : toks[c.end].start].strip() in _HYPHENS
        and "education" in c.org.types
        and _university_follows(c.end, wanted, ctx, ix)
    ):
        # "The University of Adelaide-Shanghai Jiao Tong University Joint Laboratory, …, China": a university
        # joined by a dash to another of the stated country opens their joint body's name: no contradiction
        return 0.0, "joined by a dash to a university of the country"
    if not ctx.part_names_country(ctx.tokens[c.start].part, c.start, c.end) and not _place_parts_only(ctx):
        # the country comes from another ';'-part of the string: weaker evidence (unless that part is
        # nothing but places, the address of what precedes it: "…; Nanyang Polytechnic; Singapore")
        return -0.10, f"country {cc} not in this part ({', '.join(sorted(wanted))} elsewhere)"
    return -0.45, f"country {cc} not in text ({', '.join(sorted(wanted))})"


def _university_follows(k: int, countries: set[str], ctx: _Context, ix: AffiliationIndex) -> bool:
    """Whether the words from token ``k`` on, in its segment, open with the name of a university (an education
    record) of one of ``countries``."""
    toks = ctx.tokens
    for n in range(2, 9):
        if k + n > len(toks) or toks[k + n - 1].segment != toks[k].segment:
            return False
        for e in ix.names.get(tuple(t.norm for t in toks[k : k + n]), ()):
            org = ix.registry.get(e.org_id)
            if org is not None and "education" in org.types and org.country_code in countries:
                return True
    return False


def _place_parts_only(ctx: _Context) -> bool:
    """Whether every ';'-part that names a country is made of places and numbers alone."""
    parts = {m[1] for m in ctx.countries}
    return bool(parts) and all(
        k in ctx.location_token_idx or t.norm.isdigit() for k, t in enumerate(ctx.tokens) if t.part in parts
    )


def f_city(c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig) -> tuple[float, str]:
    for city in (c.org.city, *c.org.extra_cities):
        if city and any(_mentioned_outside(ctx.city_tokens.get(k), c.start, c.end) for k in city_keys(city)):
            return 0.10, f"city {city} agrees"
    return 0.0, ""


def f_short(c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig) -> tuple[float, str]:
    """Short names are weak: one Latin word, or a short CJK run inside a longer string."""
    n = c.end - c.start
    toks = ctx.tokens[c.start : c.end]
    if c.entry.kind == "acronym":
        return 0.0, ""
    if toks[0].cjk:
        if n < cfg.min_cjk_chars:
            return -0.5, "short CJK name"
        before = _cjk_before(ctx, c.start)
        if before and _HAN_RE.match(before[-1]) and not before.endswith(_CJK_LEGAL_FORMS):
            # "持田製薬(株)富士中央研究所": a name that ends a longer word (here 富士中央研究所) is that word's
            # ending, not the registry's "中央研究所"; a legal form before a name is no part of it
            # ("国立大学法人東北大学")
            return -0.30, "end of a longer CJK word"
        return 0.0, ""
    if n == 2 and toks[1].norm == "s" and ctx.text[toks[0].end : toks[1].start] in ("'", "\u2019"):
        n = 1  # "King's" (King's College Hospital's alias) is one word and its possessive
    if n == 1:
        df = ix.token_df.get(toks[0].norm, 0) / ix.n_names
        if df > cfg.single_token_max_df:
            return -1.0, "single common word"
        if set(range(c.start, c.end)) & ctx.location_token_idx:
            return -0.5, "single word that is a place name"
        if toks[0].orig.islower() and not ctx.text.islower():
            return -0.5, "single lower-case word"  # "avenue", not the institution "Avenues"
        if (
            len(c.entry.value) >= 4
            and c.entry.value.isupper()
            and ix.token_df.get(toks[0].norm, 0) <= 3
            and all(e.org_id == c.org.id for e in ix.names.get((toks[0].norm,), ()))
            and _whole_segment(ctx.tokens, c.start, c.end)
        ):
            # "CEREMADE", "UNOCHAPECÓ": a name the registry writes in capitals, one institution's alone, standing
            # as a segment of its own, is as good as an acronym that one institution bears
            return 0.0, ""
        rest = [t for t in ctx.tokens[c.end :] if t.segment == toks[0].segment]
        if (
            rest
            and rest[-1].norm in _SITE_WORDS
            and all(t.orig[:1].isupper() and not t.cjk for t in rest)
            and not ctx.text[toks[0].end : rest[0].start].strip()
        ):
            # "Wellcome Genome Campus", "King's Buildings": a site named after the institution (or its founder)
            return -0.40, f"single word naming a site ({rest[-1].orig!r})"
        return -0.20, "single-word name"
    return 0.0, ""


#: "affiliated (to)" in Chinese and Japanese names: "复旦大学附属中山医院" names Fudan University as well
_CJK_AFFILIATED = ("附属", "附屬", "附设", "附設")
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: kana or hangul: the text is Japanese or Korean, whose names are not read in pinyin
_KANA_HANGUL_RE = re.compile("[\u3040-\u30ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
#: legal forms written before a Japanese or Chinese institution's name (folded as the text is)
_CJK_LEGAL_FORMS = tuple(
    {
        _fold_cjk(f)
        for f in ("法人", "株式会社", "有限会社", "財団", "社団", "機構")
        # and the endings of an institution before its affiliated one ("…大学附属瑞金医院", "…医学院同仁医院")
        + ("附属", "附设", "大学", "学院", "医院", "研究所", "研究院", "科学院", "病院")
    }
)


def _cjk_before(ctx: _Context, start: int) -> str:
    """The CJK characters right before token ``start`` in its segment (the word a name may end)."""
    toks = ctx.tokens
    k = start
    while k > 0 and toks[k - 1].cjk and toks[k - 1].segment == toks[start].segment and start - k < 8:
        if toks[k - 1].end != toks[k].start:
            break  # a space or punctuation between: another word
        k -= 1
    return "".join(t.norm for t in toks[k:start])


def f_location_only(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """A span that is entirely a country or city name names a place, not an institution."""
    if all(i in ctx.location_token_idx for i in range(c.start, c.end)):
        return -0.6, "span is a place name"
    return 0.0, ""


def f_generic(c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig) -> tuple[float, str]:
    """A name of common words only ("Institute of Materials Research") needs country or city support."""
    toks = ctx.tokens[c.start : c.end]
    if toks[0].cjk or c.entry.kind == "acronym" or c.end - c.start < 2:
        return 0.0, ""
    if any(ix.token_df.get(t.norm, 0) < ix.common_df for t in toks):
        return 0.0, ""
    if any(k in ctx.location_token_idx for k in range(c.start, c.end)):
        return 0.0, ""
    if c.start > 0:
        prev = ctx.tokens[c.start - 1]
        if (
            prev.segment == toks[0].segment
            and prev.orig[:1].isupper()
            and not prev.cjk
            and prev.norm not in _FUNCTION_WORDS
            and c.start - 1 not in ctx.location_token_idx
            and ix.token_df.get(prev.norm, 0) < ix.common_df
        ):
            # "Fred Hutchinson Cancer Research Center" is not the "Cancer Research Center": the
            # name goes on to the left with a distinctive word
            return -0.30, "generic name inside a longer name"
        if (
            prev.segment == toks[0].segment
            and prev.orig[:1].isupper()
            and not prev.cjk
            and c.start - 1 in ctx.location_token_idx
            and not ctx.text[prev.end : toks[0].start].strip()
            and not _city_agrees(c.org, ctx, c.start, c.end)
        ):
            # "Moscow Institute of Physics and Technology": a place opening the name, not this
            # institution's city, makes it another institution than the generic "Institute of …"
            return -0.30, "generic name after a place that is not its city"
    cc = c.org.country_code
    wanted = ctx.countries_for(toks[0].part, c.start, c.end)
    city = _city_agrees(c.org, ctx, c.start, c.end)
    if not city and toks[0].norm in ("department", "faculty", "division"):
        # "Department of Biotechnology, … College, Pune, India": a unit's generic name is some institution's
        # unit in every country; only its own city ties it to the registry's record
        return -0.40, "generic name of a unit without its city"
    if cc in wanted or (not wanted and cc in ctx.city_countries) or city:
        return 0.0, "generic name, location agrees"
    if wanted:
        return -0.30, "generic name, another country in text"
    return -0.15, "generic name without location support"


_SCHOOL_PHRASES = (
    ("medical", "school"),
    ("school", "medicine"),
    ("college", "medicine"),
    ("law", "school"),
    ("business", "school"),
    ("school", "public", "health"),
)


def _school_follows(norms: list[str], k: int) -> int:
    """Length of the school phrase starting at ``k`` (0 if none)."""
    for p in _SCHOOL_PHRASES:
        if tuple(norms[k : k + len(p)]) == p:
            return len(p)
    return 0


#: words an acronym's letters skip ("Mission Support and Test Services, LLC (MSTS)")
_ACRONYM_SKIP = _FUNCTION_WORDS | {
    "llc", "inc", "ltd", "gmbh", "plc", "corp", "co", "sa", "ag", "bv", "nv", "ev", "e", "v", "mbh",
}  # fmt: skip
#: for an acronym with digits also the prepositions an acronym leaves out in Spanish, French, Italian, German and
#: Dutch ("Instituto de Investigación en Informática de Albacete (I3A)"); not for every acronym, since a name
#: with its letter-acronym beside it is then matched by the name alone, and a unit-like name so matched
#: gives way to the institution after it ("Centre de Recherche en Cancérologie de Marseille (CRCM)")
_DIGIT_ACRONYM_SKIP = _ACRONYM_SKIP | {"en", "per", "pour", "para", "con", "und", "van", "voor"}


def _defined_in_text(
    toks: list[Token], i: int, text: str, acr: str, skip: frozenset[str] | set[str] = _ACRONYM_SKIP
) -> bool:
    """Whether the acronym at token ``i`` is in parentheses right after the words it abbreviates ("Mission
    Support and Test Services (MSTS)"): the text says what it stands for, so the registry's bearer of the
    same letters (Military Sealift Command, once the Military Sea Transportation Service) is not meant;
    the words themselves are matched as a name."""
    before = text[: toks[i].start].rstrip()
    if not before.endswith("("):
        return False
    initials = ""
    for w in reversed([t for t in toks[:i] if t.end < len(before)]):
        if w.orig.lower().replace(".", "") in skip or w.cjk:
            continue
        initials = w.orig[0].upper() + initials
        if len(initials) >= len(acr):
            break
    return initials == acr.upper()


def _spelled_out(acr: str) -> str:
    """The initials an acronym with digits stands for: a digit repeats the letter before it ("I3A" is IIIA,
    "LS2N" LSNN, "I2M" IMM)."""
    out = ""
    for ch in acr:
        if ch.isdigit() and out:
            out += out[-1] * (int(ch) - 1)
        elif ch.isalpha():
            out += ch.upper()
    return out


_INITIALS_ITEM_RE = re.compile(r"\s*(?:[A-Z][a-z]?\.\s?-?){1,5}\s*")


def _in_initials_list(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a parenthesised list of people's initials ("(G.B.M., B.M.S., M.M.)"), where
    "B.M.S." names an author, not Bristol-Myers Squibb."""
    open_at = text.rfind("(", 0, pos)
    if open_at < 0 or ")" in text[open_at:pos]:
        return False
    close_at = text.find(")", pos)
    inside = text[open_at + 1 : close_at if close_at >= 0 else len(text)]
    items = [x for x in inside.split(",") if x.strip()]
    return len(items) >= 2 and all(_INITIALS_ITEM_RE.fullmatch(x) for x in items[:-1] or items)


def _whole_segment(toks: list[Token], i: int, j: int) -> bool:
    return (i == 0 or toks[i - 1].segment != toks[i].segment) and (
        j == len(toks) or toks[j].segment != toks[j - 1].segment
    )


def _city_agrees(org: RorOrganization, ctx: _Context, start: int = -1, end: int = -1) -> bool:
    return any(
        city and any(_mentioned_outside(ctx.city_tokens.get(k), start, end) for k in city_keys(city))
        for city in (org.city, *org.extra_cities)
    )


def _mentioned_outside(spans: list[tuple[int, int]] | None, start: int, end: int) -> bool:
    """A place mentioned outside the candidate's own span (a name is no evidence for itself)."""
    return bool(spans) and any(b <= start or a >= end for a, b in spans)


def f_translation(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """A label in another language that matches only after folding ("Université de New York" for the
    words "University … New York") is weaker than a name written as in the text."""
    if c.entry.lang in (None, "en") or c.entry.kind == "acronym" or c.fuzzy:
        return 0.0, ""
    span = ctx.text[ctx.tokens[c.start].start : ctx.tokens[c.end - 1].end]
    if _raw_words(span) == _raw_words(c.entry.value):
        return 0.0, ""
    return -0.06, f"matched through the {c.entry.lang} label"


@lru_cache(maxsize=100_000)
def _raw_words(value: str) -> tuple[str, ...]:
    folded = "".join(_fold_char(ch) for ch in value)
    if _CJK_RE.search(folded):
        return tuple(_fold_cjk(folded))
    return tuple(w for w in re.findall(r"[^\W_]+", folded) if w not in _DROP_TOKENS)


def f_acronym_echo(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """ "KTH Mechanics, Royal Institute of Technology": the institution's own acronym written elsewhere in the
    string is evidence for its name (and the generic name needs no place)."""
    if c.entry.kind == "acronym":
        return 0.0, ""
    written = ctx.upper_words
    if written is None:
        written = ctx.upper_words = defaultdict(list)
        for k, t in enumerate(ctx.tokens):
            w = t.orig.replace(".", "")
            if len(w) >= 2 and w.isupper():
                written[w].append(k)
    if not written:
        return 0.0, ""
    for n in c.org.names:
        if "acronym" in n.types and any(
            k < c.start or k >= c.end for k in written.get(n.value.replace(".", "").replace(" ", ""), ())
        ):
            return 0.10, f"its acronym {n.value!r} is also in the text"
    return 0.0, ""


def f_unit_inside_name(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """ "William Mitchell College of Law" is not the registry's "College of Law": a name opening with a unit
    word (College, School, Institute, Department …) right after a capitalised distinctive word of the same
    phrase is the end of a longer name."""
    if c.entry.kind == "acronym" or c.fuzzy or c.start == 0 or c.end - c.start < 2:
        return 0.0, ""
    toks = ctx.tokens
    first, prev = toks[c.start], toks[c.start - 1]
    if first.cjk or prev.cjk or prev.segment != first.segment:
        return 0.0, ""
    if (first.norm,) not in _UNIT_WORDS or name_key(c.entry.value)[:1] != (first.norm,):
        return 0.0, ""
    if (
        prev.orig[:1].isupper()
        and not prev.orig.isupper()
        and prev.norm not in _FUNCTION_WORDS
        and c.start - 1 not in ctx.location_token_idx
        and not prev.norm.isdigit()
        and ix.token_df.get(prev.norm, 0) < ix.common_df
        and not ctx.text[prev.end : first.start].strip()
    ):
        return -0.30, "a unit's name inside a longer name"
    return 0.0, ""


def f_cjk_as_written(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """Japanese, Chinese and Korean names fold to one form (東北大学 / 东北大学), so Tohoku University's Japanese
    label and Northeastern University's Chinese one are the same key: a name written exactly as the text
    writes it (before folding) is preferred."""
    if not ctx.tokens[c.start].cjk or c.entry.kind == "acronym" or c.fuzzy:
        return 0.0, ""
    span = ctx.text[ctx.tokens[c.start].start : ctx.tokens[c.end - 1].end]
    if _as_written(span) == _as_written(c.entry.value):
        return 0.03, "written as in the text"
    return 0.0, ""


@lru_cache(maxsize=100_000)
def _as_written(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split())


def _campus_tail(org: RorOrganization, ix: AffiliationIndex) -> tuple[str, ...] | None:
    """The record's own city when its display name ends with it ("University of Massachusetts Boston",
    "UNSW Sydney"): a campus of a multi-campus institution. Not a region ("Rutgers, The State University of
    New Jersey" stands in New Brunswick)."""
    display = name_key(org.display_name)
    for city in (org.city, *org.extra_cities):
        for key in city_keys(city) if city else ():
            if len(display) > len(key) and display[-len(key) :] == key:
                return key
    return None


def _family_cities(org: RorOrganization, ix: AffiliationIndex) -> frozenset[tuple[str, ...]]:
    """Cities where the other members of the record's family stand: its parents, its children and its
    parents' other children (by the relationships of every record, so that a family member outside the
    registry still counts by the city its name ends with: "UNSW Canberra")."""
    hit = ix.family_cities.get(org.id)
    if hit is not None:
        return hit
    reg = ix.registry
    children = ix.children_of
    if children is None:  # built on first use: few strings need it
        children = ix.children_of = defaultdict(set)
        for o in reg:
            for r in o.relationships:
                if r.type == "parent":
                    children[r.id].add((o.id, o.display_name))
    members: set[tuple[str, str]] = set(children.get(org.id, ()))
    for r in org.relationships:
        if r.type in ("parent", "child"):
            members.add((r.id, r.label))
        if r.type == "parent":
            members |= children.get(r.id, set())
            parent = reg.get(r.id)
            if parent is not None:
                members |= {(x.id, x.label) for x in parent.relationships if x.type == "child"}
    cities: set[tuple[str, ...]] = set()
    for rid, label in members:
        if rid == org.id:
            continue
        other = reg.get(rid)
        if other is not None:
            for city in (other.city, *other.extra_cities):
                cities.update(city_keys(city) if city else ())
            label = other.display_name
        # and the place its name ends with, the longest ("Fort Wayne", not "Wayne"): "University of
        # Massachusetts Amherst" stands in "Amherst Center"
        key = name_key(label)
        for k in (3, 2, 1):
            if len(key) > k and key[-k:] in ix.cities:
                cities.add(key[-k:])
                break
    hit = ix.family_cities[org.id] = frozenset(cities)
    return hit


def f_campus_city(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """ "University of Massachusetts Medical Center, Worcester" is not the University of Massachusetts *Boston*
    (one of whose labels is "Université du Massachusetts"): a campus record — its display name ends with its
    own city — matched by a name without that city is weaker when the text leaves its city out and names
    instead the city of another member of its family (UMass Chan Medical School, Worcester; "UNSW Canberra").
    Another city alone is no reason ("Liverpool Hospital, University of New South Wales, Liverpool": a
    hospital of the university's own area)."""
    if c.entry.kind == "acronym" or ctx.tokens[c.start].cjk or not ctx.city_tokens:
        return 0.0, ""
    tail = _campus_tail(c.org, ix)
    if tail is None or name_key(c.entry.value)[-len(tail) :] == tail:
        return 0.0, ""
    if _city_agrees(c.org, ctx):
        return 0.0, ""
    family = None
    for key, spans in ctx.city_tokens.items():
        if key == tail or not _mentioned_outside(spans, c.start, c.end):
            continue
        if family is None:
            family = _family_cities(c.org, ix)
        if key in family:
            return (
                -0.30,
                f"its campus {' '.join(tail)!r} is not named; {' '.join(key)!r}, another of its family's, is",
            )
    return 0.0, ""


def f_kind_of_institution(
    c: _Candidate, ctx: _Context, ix: AffiliationIndex, cfg: MatcherConfig
) -> tuple[float, str]:
    """ "Government Post Graduate College" is an alias of the one in Rawalpindi, but the registry also holds
    "Government Post Graduate College, Karak": a name (not the display name) that another record bears with
    a city after it names a kind of institution, no evidence for this record when the text names another city
    of its country and not this record's ("Government Post Graduate College, Mansehra")."""
    if c.entry.kind in ("acronym", "ror_display") or ctx.tokens[c.start].cjk or not ctx.city_tokens:
        return 0.0, ""
    heads = ix.heads.get(name_key(c.entry.value))
    if not heads:
        return 0.0, ""
    bearers = {e.org_id for entries, tail in heads if tail in ix.cities for e in entries} - {c.org.id}
    if not bearers or bearers <= set(c.org.related("child")):
        # (the name of a parent whose branches add their city: "Istituto Nazionale di Fisica Nucleare")
        return 0.0, ""
    if _city_agrees(c.org, ctx):
        return 0.0, ""
    cc = c.org.country_code
    other = next(
        (
            key
            for key, spans in ctx.city_tokens.items()
            if cc in ix.cities.get(key, ()) and _mentioned_outside(spans, c.start, c.end)
        ),
        None,
    )
    if other is None:
        return 0.0, ""
    return (
        -0.30,
        f"a kind of institution (other records bear the name with their city); {' '.join(other)!r} is named, not its city",
    )


FEATURES: tuple[Feature, ...] = (
    f_kind_of_institution,
    f_campus_city,
    f_cjk_as_written,
    f_unit_inside_name,
    f_acronym_echo,
    f_name_kind,
    f_segment,
    f_country,
    f_city,
    f_short,
    f_location_only,
    f_generic,
    f_translation,
)


def _words_correspond(words: list[str], other: list[str], cfg: MatcherConfig) -> bool:
    """Every word of ``words`` has a close partner in ``other`` (spelling variants, not other names)."""
    # (a number corresponds only to itself: "UMR MA 102" is not "UMR_MA 2102")
    return all(
        w in other or (not w.isdigit() and any(fuzz.ratio(w, o) >= cfg.fuzzy_word_ratio for o in other))
        for w in words
    )


# ------------------------------------------------------------------------------------------------
# Matcher
# ------------------------------------------------------------------------------------------------


class AffiliationMatcher:
    """Resolve affiliation strings to ROR institutions. Build once per registry; thread-safe to read."""

    def __init__(
        self,
        registry: RorRegistry | AffiliationIndex,
        config: MatcherConfig | None = None,
        features: Sequence[Feature] = FEATURES,
    ):
        self.index = registry if isinstance(registry, AffiliationIndex) else AffiliationIndex(registry)
        self.registry = self.index.registry
        self.config = config or MatcherConfig()
        self.index.common_df = max(3, round(self.config.common_word_share * self.index.n_names))
        self._near_cache: dict[str, tuple[str, ...]] = {}
        self._sorted_vocab = sorted(self.index.vocab)
        self.features = tuple(features)
        #: the latest founding year the registry records (the year of its release, near enough): a record
        #: founded in it or the year before is a new institution (``_prior``)
        self._latest_year = max((o.established or 0 for o in self.registry), default=0)

    # context ---------------------------------------------------------------------------------
    def _context(self, text: str, tokens: list[Token]) -> _Context:
        ix = self.index
        countries: list[tuple[str, int, int, int, bool]] = []
        loc_idx: set[int] = set()
        city_tokens: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        city_countries: set[str] = set()
        norms = [t.norm for t in tokens]
        n = len(tokens)
        country_end = 0  # words of a country name already read ("Republic of China" is not also "China")
        for i in range(n):
            for L in range(min(4, n - i), 0, -1):
                key = tuple(norms[i : i + L])
                code = ix.countries.get(key) if i >= country_end else None
                # "Georgia" is a country and a US state: it supports, never contradicts
                weak = code is not None and code != "US" and key in _US_STATE_KEYS
                if code is None and L == 1 and i >= country_end:
                    coded = self._code_token(tokens, i)
                    if coded:
                        code, weak = coded
                        if (
                            weak
                            and code == "US"
                            and any(
                                "US" in ix.cities.get(tuple(norms[i - k : i]), ())
                                and tokens[i - k].segment >= tokens[i].segment - 1
                                for k in (1, 2, 3)
                                if k <= i
                            )
                        ):
                            weak = False  # "Rosemont IL", "Logan, UT": a US city before its state's code
                if code:
                    # A country word inside an institution name ("Japan Agency for …") still tells the
                    # country; but "Georgia" / "New York" may be US states as well as places.
                    countries.append((code, tokens[i].part, i, i + L, weak))
                    loc_idx.update(range(i, i + L))
                    country_end = i + L
                    if key in _US_STATE_KEYS and key in ix.cities:
                        city_tokens[key].append((i, i + L))  # "New York, NY": the city as well
                    break
                if key in ix.cities:
                    city_tokens[key].append((i, i + L))
                    loc_idx.update(range(i, i + L))
                    if len(ix.cities[key]) == 1:
                        city_countries |= ix.cities[key]
                if key in ix.regions and not self._common_region(key):
                    loc_idx.update(range(i, i + L))
                    nxt = i + L
                    if nxt < n and norms[nxt] in _PLACE_WORDS:  # "Liaoning Province", "Oyo State"
                        loc_idx.add(nxt)
        # a British postcode ("Midlothian EH18 1HU", "London WC1E 6BT") states the country
        for pm in _UK_POSTCODE_RE.finditer(text):
            inside = [k for k, t in enumerate(tokens) if pm.start() <= t.start and t.end <= pm.end()]
            if inside and not loc_idx.intersection(inside):
                countries.append(("GB", tokens[inside[0]].part, inside[0], inside[-1] + 1, False))
                loc_idx.update(inside)
        places: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        for i in range(n):
            for L in range(1, min(4, n - i) + 1):
                key = tuple(norms[i : i + L])
                if (
                    key in ix.cities
                    or key in ix.countries
                    or (key in ix.regions and not self._common_region(key))
                ):
                    places[key].append((i, i + L))
        return _Context(text, tokens, countries, city_tokens, places, city_countries, loc_idx)

    def _common_region(self, key: tuple[str, ...]) -> bool:
        """A one-word region named by a common word of institution names ("Centre", "National", "North"):
        in "National Research Center for …" the word is part of a name, not a place."""
        ix = self.index
        return len(key) == 1 and ix.token_df.get(key[0], 0) >= ix.common_df

    @staticmethod
    def _code_token(tokens: list[Token], i: int) -> tuple[str, bool] | None:
        """An upper-case ISO code or US state code standing alone in a trailing segment, as
        (country, weak). A code before a ZIP code is strong; a lone two-letter code is weak ("WA" is
        Washington or Western Australia, "DE" Delaware or Germany): it supports, never contradicts."""
        t = tokens[i]
        if not (t.orig.isupper() and t.orig.isalpha() and 2 <= len(t.orig) <= 3):
            return None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.orig in _US_STATE_CODES:
            if nxt is not None and nxt.norm.isdigit() and len(nxt.norm) == 5:
                return "US", False
            if nxt is None and i > 0:
                return "US", True
        same_seg = [x for x in tokens if x.segment == t.segment]
        later_words = [x for x in tokens[i + 1 :] if not x.norm.isdigit()]
        if len([x for x in same_seg if not x.norm.isdigit()]) == 1 and len(later_words) <= 3:
            if t.orig in _US_STATE_CODES:
                return "US", True
            if t.orig in ("UK",):
                return "GB", False
            from babel import Locale

            if len(t.orig) == 2 and t.orig in Locale("en").territories and t.orig not in ("IN", "OR", "AT"):
                return t.orig, True
        return None

    # candidates ------------------------------------------------------------------------------
    def _score(self, cand: _Candidate, ctx: _Context) -> _Candidate:
        total = 0.0
        details = []
        for feat in self.features:
            s, d = feat(cand, ctx, self.index, self.config)
            total += s
            if d:
                details.append(d)
        cand.score = total
        cand.details = details
        return cand

    @staticmethod
    def _ends_with_places(i: int, j: int, ctx: _Context) -> bool:
        """[i, j) opens its segment and the rest of the segment is places and numbers ("Vellore Institute
        of Technology Vellore, India")."""
        toks = ctx.tokens
        if (i > 0 and toks[i - 1].segment == toks[i].segment) or j >= len(toks):
            return False
        rest = [k for k in range(j, len(toks)) if toks[k].segment == toks[j - 1].segment]
        return bool(rest) and all(k in ctx.location_token_idx or toks[k].norm.isdigit() for k in rest)

    def _candidates(self, ctx: _Context) -> list[_Candidate]:
        ix, cfg = self.index, self.config
        toks = ctx.tokens
        norms = [t.norm for t in toks]
        n = len(toks)
        out: list[_Candidate] = []
        maxlen = min(cfg.max_ngram, ix.max_key_len)
        maxlen_cjk = min(max(cfg.max_cjk_ngram, cfg.max_ngram), ix.max_key_len)
        school = [_school_follows(norms, k) for k in range(n)]  # length of a school phrase at each word
        country_idx = {k for m in ctx.countries for k in range(m[2], m[3])}
        for i in range(n):
            for L in range(1, min(maxlen_cjk if toks[i].cjk else maxlen, n - i) + 1):
                key = tuple(norms[i : i + L])
                entries = ix.names.get(key)
                if (
                    not entries
                    and L >= 2
                    and (_whole_segment(toks, i, i + L) or self._ends_with_places(i, i + L, ctx))
                    and toks[i].segment == toks[i + L - 1].segment
                ):
                    entries = ix.openings.get(key)
                if not entries:
                    continue
                # a span across a comma, when the name itself has none, only if what follows the comma
                # is a place ("Purdue University, West Lafayette" = "Purdue University West Lafayette";
                # but "Graduate School of Science, University of Tokyo" is not "Science University of Tokyo")
                crosses = toks[i].segment != toks[i + L - 1].segment and not any(
                    _SEP_RE.search(e.value) for e in entries
                )
                if crosses and (
                    (i > 0 and toks[i - 1].segment == toks[i].segment)
                    or not all(
                        k in ctx.location_token_idx or norms[k].isdigit()
                        for k in range(i + 1, i + L)
                        if toks[k].segment != toks[i].segment
                    )
                ):
                    continue  # and only from the start of a segment ("Soochow University, Taipei")
                if (
                    key[0] == "university"
                    and i > 0
                    and toks[i - 1].orig.lower() in _KIND_ADJECTIVES
                    and toks[i - 1].segment == toks[i].segment
                    and not ctx.text[toks[i - 1].end : toks[i].start].strip()
                ):
                    # "Agricultural University of Krakow" is not the University of Kraków
                    continue
                if (
                    i > 0
                    and norms[i - 1] == "university"
                    and toks[i - 1].segment == toks[i].segment
                    and school[i + L - 1] > 1
                ):
                    # "University of Ulsan College of Medicine" is the university's college of medicine,
                    # not the "Ulsan College" its words spell
                    continue
                if (
                    i + L < n
                    and toks[i + L].segment == toks[i].segment
                    and norms[i + L] in _HEAD_WORDS
                    and all(e.kind == "swapped" for e in entries)
                ):
                    # "Oslo University College" is not the University of Oslo that the words "Oslo
                    # University" would be: the name goes on with a head word of its own
                    continue
                if (
                    key[-1] == "institute"
                    and all(e.kind == "swapped" for e in entries)
                    and i > 0
                    and toks[i - 1].segment == toks[i].segment
                ):
                    # "Campbell Family Mental Health Research Institute" is not the Institute of Mental Health
                    # Research: an institute's swapped name only where its segment opens with it
                    continue
                if self._continued_with_of(i, i + L, key, entries, ctx):
                    # "Tokyo University of Agriculture and Technology" is not "Tokyo University", "Edinburgh
                    # College of Art" not Edinburgh College: the name goes on with "of" and a word that
                    # none of the institution's own names goes on with
                    continue
                for cand in self._best_for_span(i, i + L, entries, ctx):
                    if cand.entry.kind == "opening" and not any("agrees" in d for d in cand.details):
                        continue  # the opening words of a name only where its country or city is named
                    if crosses:
                        cand.score -= 0.05
                        cand.details.append("spans a comma")
                    out.append(cand)
            for L in range(3, min(8, n - i) + 1):
                if toks[i + L - 1].segment != toks[i].segment:
                    break
                key = tuple(norms[i : i + L])
                if key in ix.names:
                    continue
                reordered = ix.bags.get(tuple(sorted(key)))
                if (
                    reordered
                    and not any(
                        0 <= k < n
                        and toks[k].segment == toks[i].segment
                        and toks[k].orig[:1].isupper()
                        and k not in country_idx
                        and ix.token_df.get(norms[k], 0) < ix.common_df
                        for k in (i - 1, i + L)
                    )
                    and any(
                        k not in ctx.location_token_idx and norms[k] not in _PLACE_WORDS
                        for k in range(i, i + L)
                    )
                ):
                    # (not inside a longer name: "Trinity Translational Medicine Institute" is no "Institute
                    # of Translational Medicine"; not a place: "New York City" is no "City of New York")
                    for cand in self._best_for_span(i, i + L, reordered, ctx):
                        cand.details.append("the name's words in another order")
                        out.append(cand)
            for L in range(2, min(maxlen, n - i) + 1):
                key = tuple(norms[i : i + L])
                heads = ix.heads.get(key, ())
                if (
                    not heads
                    and key[-1] == "university"
                    and key[0] != "university"
                    and (i + L == n or toks[i + L].segment != toks[i + L - 1].segment)
                ):
                    # "Texas Univ., Austin": the University of Texas at Austin, its head written swapped and
                    # ending its segment ("NOVA University of Lisbon" goes on with its own words)
                    heads = ix.heads.get(("university", *key[:-1]), ())
                for entries, tail in heads:
                    if not _mentioned_outside(ctx.places.get(tail), i, i + L):
                        continue
                    if (
                        not _whole_segment(toks, i, i + L)
                        and not any(b == i or a == i + L for a, b in ctx.places[tail])
                        and (
                            all(ix.token_df.get(w, 0) >= ix.common_df for w in key)
                            or (tail in ix.countries and tail not in ix.cities)
                        )
                    ):
                        # a head of common words only counts as a whole segment ("University of
                        # Technology, Baghdad, Iraq") or beside its place ("Bremerhaven University of
                        # Applied Science"), not inside a longer phrase ("University of Pittsburgh
                        # Graduate School of Public Health …, USA" is no "Graduate School USA")
                        continue
                    for cand in self._best_for_span(i, i + L, entries, ctx):
                        cand.score -= 0.03
                        cand.details.append(f"name completed by the place {' '.join(tail)!r} in the text")
                        out.append(cand)
            lead = (
                # (the head's own "of": "University of Medical Sciences", not "University Medical Center")
                norms[i] in _CONTINUED_HEADS
                and i + 1 < n
                and (i == 0 or toks[i - 1].segment != toks[i].segment)
                and _OF_GAP_RE.fullmatch(ctx.text[toks[i].end : toks[i + 1].start])
            )
            for L in range(3, min(maxlen, n - i) + 1) if lead else ():
                key = tuple(norms[i : i + L])
                if key in ix.names or not _whole_segment(toks, i, i + L):
                    continue
                for entries, place in ix.lead_heads.get(key, ()):
                    if not _mentioned_outside(ctx.places.get(place), i, i + L):
                        continue
                    for cand in self._best_for_span(i, i + L, entries, ctx):
                        cand.score -= 0.05
                        cand.details.append(f"name completed by the place {' '.join(place)!r} it opens with")
                        out.append(cand)
            # "University of CA–Davis", "University of NSW": a state written as its postal code inside a name
            if (
                norms[i] == "university"
                and i + 1 < n
                and toks[i + 1].segment == toks[i].segment
                and toks[i + 1].orig in _STATE_CODE_NAMES
            ):
                state = name_key(_STATE_CODE_NAMES[toks[i + 1].orig])
                for extra in (2, 1, 0):
                    j = i + 2 + extra
                    if j > n or toks[j - 1].segment != toks[i].segment:
                        continue
                    key = ("university", *state, *norms[i + 2 : j])
                    entries = ix.names.get(key)
                    if not entries:
                        continue
                    found = self._best_for_span(i, j, entries, ctx)
                    for cand in found:
                        cand.details.append(
                            f"{toks[i + 1].orig} read as {_STATE_CODE_NAMES[toks[i + 1].orig]}"
                        )
                        out.append(cand)
                    if found:
                        break
            # a Chinese name the registry only has in English ("广州医科大学": Guangzhou Medical University)
            if (
                toks[i].cjk
                and (i == 0 or not toks[i - 1].cjk or toks[i - 1].segment != toks[i].segment)
                and not _KANA_HANGUL_RE.search(ctx.text)
            ):
                # (not in Japanese or Korean text: 東北学院大学 is no "Dongbei" university)
                out.extend(self._zh_translated(i, ctx))
            # "Harvard Medical School", "Yale School of Medicine": a school named after its university
            for L in (1, 2, 3):
                phrase = school[i + L] if i + L < n else 0
                if not phrase:
                    continue
                stem = tuple(norms[i : i + L])
                keys = [(*stem, "university"), ("university", *stem)]
                if norms[i + L] != "college":
                    keys.append((*stem, "college"))  # ("Ulsan College of Medicine" is no "Ulsan College")
                for key in keys:
                    entries = ix.names.get(key)
                    if not entries:
                        continue
                    for cand in self._best_for_span(i, i + L + phrase, entries, ctx):
                        cand.score -= 0.08
                        cand.details.append("school named after its university")
                        out.append(cand)
                # "NYU Grossman School of Medicine": a school opening with its university's acronym, when one
                # university alone bears it (the words between are the school's own: capitalised, one phrase)
                acr_school = toks[i].orig.replace(".", "")
                bearer = self._education_acronym(acr_school)
                if (
                    bearer
                    and all(
                        toks[k].segment == toks[i].segment and toks[k].orig[:1].isupper()
                        for k in range(i + 1, i + L + 1)
                    )
                    and (i == 0 or toks[i - 1].segment != toks[i].segment)
                ):
                    read = [_Entry(bearer, "alias", None, acr_school)]
                    for cand in self._best_for_span(i, i + L + phrase, read, ctx):
                        cand.score -= 0.08
                        cand.details.append(f"school of the university named {acr_school!r}")
                        out.append(cand)
            # "University Hospital of Siena", no record of that name: the university's hospital, read as the
            # university (as "Siena University Hospital" is, the hospital not being "Siena University" + "College")
            if (
                norms[i : i + 2] == ["university", "hospital"]
                and i + 2 < n
                and _OF_GAP_RE.fullmatch(ctx.text[toks[i + 1].end : toks[i + 2].start])
                and not (
                    # (not a named hospital: "Reina Sofia University Hospital of Cordoba")
                    i > 0
                    and toks[i - 1].segment == toks[i].segment
                    and toks[i - 1].orig[:1].isupper()
                    and toks[i - 1].norm not in _FUNCTION_WORDS
                    and (toks[i - 1].norm,) not in _UNIT_WORDS
                )
            ):
                for L in (3, 2, 1):
                    j = i + 2 + L
                    if j > n or toks[j - 1].segment != toks[i].segment:
                        continue
                    place = tuple(norms[i + 2 : j])
                    if ("university", "hospital", *place) in ix.names:
                        break  # the hospital's own record (or its local name read in English)
                    entries = ix.names.get(("university", *place))
                    if entries:
                        for cand in self._best_for_span(i, j, entries, ctx):
                            cand.score -= 0.05
                            cand.details.append("a university hospital, read as its university")
                            out.append(cand)
                        break
            # "Geisel School of Medicine at Dartmouth": the school, then its university after "at"
            phrase = school[i]
            k = i + phrase
            if phrase and k < n and toks[k].segment == toks[i].segment:
                gap = ctx.text[toks[k - 1].end : toks[k].start]
                if re.fullmatch(r"\s+at\s+(?:the\s+)?", gap, re.I):
                    for L in (1, 2, 3):
                        if k + L > n or toks[k + L - 1].segment != toks[k].segment:
                            break
                        stem = tuple(norms[k : k + L])
                        for key in ((*stem, "university"), ("university", *stem), (*stem, "college")):
                            for cand in self._best_for_span(i, k + L, ix.names.get(key, []), ctx):
                                cand.score -= 0.08
                                cand.details.append("school of the university named after 'at'")
                                out.append(cand)
                    # "David Geffen School of Medicine at UCLA": the university by its acronym, when one
                    # university alone bears it
                    acr_at = toks[k].orig.replace(".", "")
                    bearer_at = self._education_acronym(acr_at)
                    if bearer_at and (k + 1 == n or toks[k + 1].segment != toks[k].segment):
                        read = [_Entry(bearer_at, "alias", None, acr_at)]
                        for cand in self._best_for_span(i, k + 1, read, ctx):
                            cand.score -= 0.08
                            cand.details.append(f"school of the university named {acr_at!r} after 'at'")
                            out.append(cand)
            acr = toks[i].orig.replace(".", "")
            t = toks[i]
            standalone = (t.start == 0 or not ctx.text[t.start - 1].isalnum()) and (
                t.end >= len(ctx.text) or not ctx.text[t.end].isalnum()
            )
            near_digits = any(
                0 <= k < n and toks[k].segment == t.segment and any(ch.isdigit() for ch in toks[k].orig)
                for k in (i - 1, i + 1)
            )  # "CB3 OHE", "NW7 1AA": postcodes, not acronyms
            if (
                standalone
                and not near_digits
                and not t.cjk
                and (acr.isupper() or sum(ch.isupper() for ch in acr) >= 2)
                and (len(acr) >= 3 or (len(acr) == 2 and acr not in _US_STATE_CODES))
                and i not in ctx.location_token_idx
                and (acr in ix.acronyms or (acr in ix.unhyphenated and _whole_segment(toks, i, i + 1)))
                and not _defined_in_text(toks, i, ctx.text, acr)
                and not ("." in t.orig and _in_initials_list(ctx.text, t.start))
            ):
                bearers = ix.acronyms.get(acr) or ix.unhyphenated[acr]
                for cand in self._best_for_span(i, i + 1, bearers, ctx, acronym=True):
                    out.append(cand)
            # "AP-HP", "EMBL-EBI": an acronym written with a hyphen is one acronym (not "…-HP" alone), read as
            # a shared acronym is: with its city or country
            if i + 1 < n and not t.cjk and toks[i + 1].segment == t.segment:
                u = toks[i + 1]
                joined = f"{t.orig}-{u.orig}"
                if (
                    ctx.text[t.end : u.start] in _HYPHENS
                    and t.orig.isupper()
                    and u.orig.isupper()
                    and (
                        t.start == 0
                        or not (ctx.text[t.start - 1].isalnum() or ctx.text[t.start - 1] in _HYPHENS)
                    )
                    and (
                        u.end >= len(ctx.text)
                        or not (ctx.text[u.end].isalnum() or ctx.text[u.end] in _HYPHENS)
                    )
                    and joined in ix.acronyms
                ):
                    for cand in self._best_for_span(i, i + 2, ix.acronyms[joined], ctx, acronym=True):
                        out.append(cand)
        out.extend(self._alphanumeric_acronyms(ctx))
        out.extend(self._composed(ctx))
        return out

    def _alphanumeric_acronyms(self, ctx: _Context) -> list[_Candidate]:
        """ "I2M", "LS2N", "IM2NP": an acronym of letters and digits (words of its own to the tokeniser) standing
        alone, read as an acronym is: with its city or country. Not beside other digits ("CB3 0HE" is a
        postcode)."""
        toks, text, ix = ctx.tokens, ctx.text, self.index
        n = len(toks)
        out: list[_Candidate] = []
        for i, t in enumerate(toks):
            if t.cjk or not t.orig[:1].isalpha() or not t.orig[:1].isupper():
                continue
            if t.start > 0 and (text[t.start - 1].isalnum() or text[t.start - 1] in _HYPHENS):
                continue
            j = i + 1
            while j < n and j - i < 5 and toks[j].start == toks[j - 1].end and not toks[j].cjk:
                j += 1
            if j - i < 2:
                continue
            glued = text[t.start : toks[j - 1].end]
            if (
                not any(ch.isdigit() for ch in glued)
                or sum(ch.isupper() for ch in glued) < 2
                or (
                    toks[j - 1].end < len(text)
                    and (text[toks[j - 1].end].isalnum() or text[toks[j - 1].end] in _HYPHENS)
                )
                or glued not in ix.acronyms
                or _defined_in_text(toks, i, text, _spelled_out(glued), _DIGIT_ACRONYM_SKIP)
                or any(k in ctx.location_token_idx for k in range(i, j))
                or any(
                    0 <= k < n and toks[k].segment == t.segment and any(ch.isdigit() for ch in toks[k].orig)
                    for k in (i - 1, j)
                )
            ):
                continue
            out.extend(self._best_for_span(i, j, ix.acronyms[glued], ctx, acronym=True))
        return out

    def _composed(self, ctx: _Context) -> list[_Candidate]:
        """ "Seoul St. Mary's Hospital, The Catholic University of Korea" is the registry's "The Catholic
        University of Korea Seoul St. Mary's Hospital", "Seoul Paik Hospital, Inje University" its "Inje University
        Seoul Paik Hospital": a segment followed by its institution's name, read in the order the registry
        writes it (the institution first), when that is a name; the institution is reported as well."""
        toks = ctx.tokens
        segs: list[tuple[int, int]] = []
        for k, t in enumerate(toks):
            if not segs or t.segment != toks[segs[-1][0]].segment:
                segs.append((k, k + 1))
            else:
                segs[-1] = (segs[-1][0], k + 1)
        out: list[_Candidate] = []
        for (a0, a1), (b0, b1) in zip(segs, segs[1:], strict=False):
            if toks[a0].part != toks[b0].part or toks[a0].cjk or not 2 <= a1 - a0 <= 6 or b1 - b0 > 8:
                continue
            if (toks[a0].norm,) in _UNIT_WORDS:
                continue  # "Faculty of Pharmacy, University of Belgrade": a unit before its parent is the parent
            institution = tuple(t.norm for t in toks[b0:b1])
            key = institution + tuple(t.norm for t in toks[a0:a1])
            entries = self.index.names.get(key)
            if not entries:
                continue
            parents = {e.org_id for e in self.index.names.get(institution, ())}
            read = [
                _Entry(e.org_id, "composed", e.lang, e.value)
                for e in entries
                if e.kind in _OWN_NAME_KINDS
                and (org := self.registry.get(e.org_id)) is not None
                and parents & (set(self.registry.lineage(org.id)) | set(org.related("related")))
            ]
            for cand in self._best_for_span(a0, b1, read, ctx):
                cand.details.append("the institution's name written after the unit's")
                out.append(cand)
        return out

    def _education_acronym(self, acr: str) -> str | None:
        """The one higher-education institution bearing the upper-case acronym ``acr`` (None if none or
        several do)."""
        if len(acr) < 2 or not acr.isupper():
            return None
        bearers = {
            e.org_id
            for e in self.index.acronyms.get(acr, ())
            if (org := self.registry.get(e.org_id)) is not None and "education" in org.types
        }
        return next(iter(bearers)) if len(bearers) == 1 else None

    def _continued_with_of(
        self, i: int, j: int, key: tuple[str, ...], entries: list[_Entry], ctx: _Context
    ) -> bool:
        """Whether the name at tokens [i, j) ends with a head word (University, Institute, College,
        Academy) that the text continues with "of" and a word in the same segment, while none of the
        bearers' names continues so."""
        toks = ctx.tokens
        if key[-1] not in _CONTINUED_HEADS or j >= len(toks) or toks[j].segment != toks[j - 1].segment:
            return False
        if toks[j].cjk or toks[j].norm.isdigit() or j in ctx.location_token_idx:
            return False  # ("University of Tokyo, Tokyo"; "Kyoto University of ..." with a place after)
        gap = ctx.text[toks[j - 1].end : toks[j].start]
        if not _OF_GAP_RE.fullmatch(gap):
            return False
        norms = [t.norm for t in toks]
        for end in range(j + 2, min(len(toks), j + 12) + 1):
            if toks[end - 1].segment != toks[j].segment:
                break
            if tuple(norms[j:end]) in self.index.names:
                return False  # "Baruch College of the City University of New York": a college of another
        nxt = (*key, toks[j].norm)
        for e in entries:
            org = self.registry.get(e.org_id)
            if org is None:
                continue
            for n in org.names:
                if name_key(n.value)[: len(nxt)] == nxt:
                    return False
        return True

    def _zh_translated(self, i: int, ctx: _Context) -> list[_Candidate]:
        """Candidates for the Chinese name opening the CJK run at token ``i``, through its English rendering
        (:func:`_zh_english_names`), when the registry knows that English name."""
        toks = ctx.tokens
        j = i
        while j < len(toks) and toks[j].cjk and toks[j].segment == toks[i].segment and j - i < 16:
            j += 1
        run = "".join(t.norm for t in toks[i:j])
        out: list[_Candidate] = []
        for length, english in _zh_english_names(run):
            entries = self.index.names.get(name_key(english))
            if not entries:
                continue
            read = [_Entry(e.org_id, "romanised", None, english) for e in entries if e.kind != "compact"]
            for cand in self._best_for_span(i, i + length, read, ctx):
                cand.details.append("Chinese name read as its English form")
                out.append(cand)
        return out

    def _best_for_span(
        self, i: int, j: int, entries: list[_Entry], ctx: _Context, acronym: bool = False, fuzzy: bool = False
    ) -> list[_Candidate]:
        reg = self.registry
        scored: list[_Candidate] = []
        n_orgs = len({e.org_id for e in entries})
        for e in entries:
            org = reg.get(e.org_id)
            if org is None:
                continue
            c = self._score(_Candidate(i, j, e, org, 0.0, [], fuzzy=fuzzy), ctx)
            if acronym and n_orgs == 1 and (j - i) == 1 and _whole_segment(ctx.tokens, i, j):
                c.score += 0.12
                c.details.append("the only institution with this acronym")
            elif acronym and not any(("agrees" in d or "suggests" in d) for d in c.details):
                continue  # acronyms only with location support
            elif acronym and not _whole_segment(ctx.tokens, i, j) and not _city_agrees(org, ctx, i, j):
                # inside a phrase ("SFR Condorcet FR CNRS 3417": a research federation, not the
                # Société Française de Radiologie) an acronym needs its city, the country is not enough
                continue
            if acronym and any("not in text" in d or "not in this part" in d for d in c.details):
                continue  # letters of another country's body: a stated country anywhere contradicts
            if (
                acronym
                and ctx.city_countries
                and org.country_code not in ctx.city_countries
                and not ctx.countries_for(ctx.tokens[i].part, i, j)
                and not _city_agrees(org, ctx, i, j)
            ):
                continue  # "ASRI, Seoul National University": a city of another country is named
            if (
                e.kind == "stripped"
                and c.org.country_code not in ctx.countries_for(ctx.tokens[i].part, i, j)
                and not _city_agrees(org, ctx, i, j)
            ):
                continue  # "AstraZeneca" for "AstraZeneca (United Kingdom)" only with its country
            if acronym and n_orgs > 1 and not _city_agrees(org, ctx, i, j):
                # an acronym several institutions share needs their city, or, standing alone beside
                # nothing but places ("UNRC - Argentina"), a stated country that no other bearer has; a former
                # institution (an inactive record) needs no more than that country among other names ("…,
                # Université de Toulouse, INRA, ENVT, France": the French INRA, now INRAE, not Morocco's):
                # its acronym, retired at home, is no current body's there
                part = ctx.tokens[i].part
                alone = all(
                    k in ctx.location_token_idx or t.norm.isdigit()
                    for k, t in enumerate(ctx.tokens)
                    if t.part == part and not i <= k < j
                )
                stated = ctx.countries_for(part, i, j, strong_only=True)
                if not (
                    (alone or org.status == "inactive")
                    and _whole_segment(ctx.tokens, i, j)
                    and org.country_code in stated
                    and not any(
                        x.org_id != org.id
                        and (o := reg.get(x.org_id)) is not None
                        and o.country_code == org.country_code
                        for x in entries
                    )
                ):
                    continue
            scored.append(c)
        if not scored:
            return []
        scored.sort(key=lambda c: (-c.score, *self._prior(c)))
        best = scored[0]
        # ambiguity: equally supported institutions of the same name
        rivals = [c for c in scored[1:] if abs(c.score - best.score) < 1e-9 and c.org.id != best.org.id]
        if rivals:
            rival_ids = {c.org.id for c in rivals}
            lineage = set(self.registry.lineage(best.org.id))
            if not rival_ids <= lineage and not all(best.org.id in reg.lineage(r) for r in rival_ids):
                best.score -= 0.05 * min(len(rivals), 4)
                best.details.append(f"{len(rivals) + 1} institutions share this name")
        return [best]

    def _prior(self, c: _Candidate) -> tuple[int, int, int, int, int]:
        """Tie-break among same-named institutions: not newly founded, active, display name, parent of the
        others, size. An institution founded in the registry's latest two years that bears an older
        institution's name ("Université de Toulouse", founded 2025, the name the COMUE bore before) is named
        by little of the literature yet: the older bearer is meant."""
        org = c.org
        new = bool(org.established and self._latest_year and org.established >= self._latest_year - 1)
        return (
            int(new),
            0 if org.status == "active" else 1,
            _KIND_RANK[c.entry.kind],
            len(org.related("parent")),
            -len(org.related("child")),
        )

    def _fuzzy(self, ctx: _Context, covered: set[int]) -> list[_Candidate]:
        """Segments with no exact name: rapidfuzz over candidates sharing a rare token."""
        ix, cfg = self.index, self.config
        toks = ctx.tokens
        segs: dict[int, list[int]] = defaultdict(list)
        for k, t in enumerate(toks):
            segs[t.segment].append(k)
        out: list[_Candidate] = []
        all_words = [t.norm for t in toks]
        for idxs in segs.values():
            if any(k in covered for k in idxs) or not 2 <= len(idxs) <= 14 or toks[idxs[0]].cjk:
                continue
            words = [toks[k].norm for k in idxs]
            if not any(
                k not in ctx.location_token_idx
                and not toks[k].norm.isdigit()
                and ix.token_df.get(toks[k].norm, 0) < ix.common_df
                for k in idxs
            ):
                continue  # nothing distinctive: a place, or a department of common words
            known = set()
            for w in words:
                if w in ix.postings:
                    known.add(w)
                elif len(w) >= 4 and not w.isdigit():
                    # a misspelt or transliterated word ("Kitazato", "Kyusyu"): its registry neighbours
                    known.update(self._near_words(w))
            rare = sorted(known, key=lambda w: len(ix.postings[w]))
            if not rare:
                continue
            pool: set[int] = set()
            for w in rare[:2]:
                if len(ix.postings[w]) <= cfg.fuzzy_max_postings:
                    pool |= ix.postings[w]
            if not pool:
                continue
            pool_list = list(pool)
            if len(pool_list) > 20000:
                continue
            query = " ".join(words)
            choices = [ix.fuzzy_keys[p] for p in pool_list]
            hits = process.extract(
                query, choices, scorer=fuzz.ratio, limit=5, score_cutoff=cfg.fuzzy_min_ratio
            )
            # the segment without the places at its end, a word that repeats one before it included (a city
            # the registry spells otherwise: "Zaporizhya State Medical University Zaporizhya Ukraine")
            q_end = len(idxs)
            while q_end > 2 and (
                idxs[q_end - 1] in ctx.location_token_idx
                or toks[idxs[q_end - 1]].norm.isdigit()
                or toks[idxs[q_end - 1]].norm in words[: q_end - 1]
            ):
                q_end -= 1
            if q_end < len(idxs):
                hits += process.extract(
                    " ".join(words[:q_end]),
                    choices,
                    scorer=fuzz.ratio,
                    limit=5,
                    score_cutoff=cfg.fuzzy_min_ratio,
                )
            hits2 = process.extract(
                query, choices, scorer=fuzz.token_sort_ratio, limit=5, score_cutoff=cfg.fuzzy_min_ratio + 3
            )
            # word subsets ("Federico II University" of "University of Naples Federico II"), each
            # distinctive word of the name found somewhere in the text
            hits3 = process.extract(query, choices, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=99)
            best: dict[int, float] = {}
            subset_ok = [
                (c, s - 5, p)
                for c, s, p in hits3
                if len(set(words)) >= 0.66 * len(set(c.split()))
                and _words_correspond(c.split(), all_words, cfg)
            ]
            for _choice, score, pos in (*hits, *hits2, *subset_ok):
                best[pos] = max(best.get(pos, 0.0), score)
            q_rare = [
                toks[k].norm
                for k in idxs
                if k not in ctx.location_token_idx
                and not toks[k].norm.isdigit()
                and ix.token_df.get(toks[k].norm, 0) < ix.common_df
            ]
            for pos, score in sorted(best.items(), key=lambda kv: -kv[1])[:3]:
                key_words = ix.fuzzy_keys[pool_list[pos]].split()
                n_rare = [w for w in key_words if ix.token_df.get(w, 0) < ix.common_df]
                if not _words_correspond(n_rare, all_words, cfg):
                    continue
                if not _words_correspond(q_rare, key_words, cfg):
                    continue
                q_words = [
                    toks[k].norm
                    for k in idxs
                    if k not in ctx.location_token_idx
                    and len(toks[k].norm) >= 3
                    and not toks[k].norm.isdigit()
                ]
                if not _words_correspond(q_words, key_words, cfg):
                    continue  # "Jawaharlal Nehru Technological University" is not "… Nehru University"
                if {"tech", "university"} <= set(key_words) and {"tech", "university"} <= set(words):
                    if (key_words.index("tech") < key_words.index("university")) != (
                        words.index("tech") < words.index("university")
                    ):
                        continue  # "Xi'an University of Technology" is not Xi'an Technological University
                entries = ix.fuzzy_entries[pool_list[pos]]
                # the span is the segment without the places and numbers at its edges that the name
                # does not contain ("Ministry of Healthcare of the Russian Federation": the country is
                # evidence about the ministry, not a part of its name)
                a, b = idxs[0], idxs[-1] + 1
                while b - a > 1 and self._edge_place(b - 1, key_words, ctx):
                    b -= 1
                while b - a > 1 and self._edge_place(a, key_words, ctx):
                    a += 1
                for cand in self._best_for_span(a, b, entries, ctx, fuzzy=True):
                    cand.score -= (100.0 - score) / 100.0
                    cand.details.append(f"similarity {score:.0f}%")
                    if key_words[:1] and (key_words[0],) in _UNIT_WORDS:
                        cand.score -= 0.10  # "Department of …" is near too many departments
                    out.append(cand)
        return out

    def _abbreviated(self, ctx: _Context, covered: set[int]) -> list[_Candidate]:
        """Segments written with abbreviated words, as citation indexes print them ("Univ. Minn.", "R. Inst. of
        Technol.", "Univ. Tec. de Lisboa", "Univ Calif"): a registry name whose words, function words aside,
        correspond one to one and in order, each equal to the text's word or, for a word the text
        abbreviates (written with a full stop, or no registry word), beginning with it."""
        toks = ctx.tokens
        segs: dict[int, list[int]] = defaultdict(list)
        for k, t in enumerate(toks):
            segs[t.segment].append(k)
        out: list[_Candidate] = []
        for idxs in segs.values():
            if any(k in covered for k in idxs) or toks[idxs[0]].cjk:
                continue
            span = [k for k in idxs if not toks[k].norm.isdigit()]
            found_here = self._abbreviated_span(span, ctx)
            if not found_here:
                while span and span[-1] in ctx.location_token_idx:
                    span.pop()  # "Univ. Minn. Minneapolis": the place is not part of the name
                found_here = self._abbreviated_span(span, ctx)
            out.extend(found_here)
        return out

    def _abbreviated_span(self, span: list[int], ctx: _Context) -> list[_Candidate]:
        """The institution whose name the words at ``span`` abbreviate (see :meth:`_abbreviated`)."""
        ix = self.index
        toks, text = ctx.tokens, ctx.text
        words = [(k, toks[k].norm) for k in span if toks[k].norm not in _FUNCTION_WORDS]
        if not 2 <= len(words) <= 8:
            return []
        short: set[int] = set()
        for k, w in words:
            t = toks[k]
            if not w.isalpha() or not w.isascii() or w != t.orig.lower():
                continue  # (a word already expanded: "Univ." is university)
            if t.end < len(text) and text[t.end] == "." and (len(w) >= 2 or t.orig.isupper()):
                short.add(k)  # "Minn.", "R." (even where the registry knows such a word: "Chem")
            elif w not in ix.postings and len(w) >= 3 and t.orig[:1].isupper():
                short.add(k)  # "Calif", no registry word
        if not short or 2 * len(short) > len(words):
            return []  # as many words written out as abbreviated ("Ph.D." is no "PHV Dialysezentrum")
        pool: set[int] | None = None
        for k, w in words:
            if k in short:
                lo = bisect.bisect_left(self._sorted_vocab, w)
                hi = bisect.bisect_left(self._sorted_vocab, w + "\uffff")
                if hi - lo > 400:
                    continue  # "R." begins too many words to narrow the candidates
                found: set[int] = set()
                for v in self._sorted_vocab[lo:hi]:
                    found |= ix.postings[v]
            else:
                found = ix.postings.get(w, set())
                if len(found) > 5000:
                    continue
            pool = found if pool is None else pool & found
            if not pool:
                break
        if not pool or len(pool) > 5000:
            return []
        entries: list[_Entry] = []
        for pos in sorted(pool):
            name = [w for w in ix.fuzzy_keys[pos].split() if w not in _FUNCTION_WORDS]
            if len(name) != len(words) or (name[0],) in _UNIT_WORDS:
                continue
            if all(
                q == w or (k in short and w.startswith(q) and len(w) > len(q))
                for (k, q), w in zip(words, name, strict=True)
            ):
                entries.extend(
                    e for e in ix.fuzzy_entries[pos] if e.kind in ("ror_display", "label", "alias")
                )
        # one entry per institution, its best name (display name, English) for the explanation
        entries.sort(key=lambda e: (_KIND_RANK[e.kind], e.lang not in (None, "en")))
        kept: dict[str, _Entry] = {}
        for e in entries:
            kept.setdefault(e.org_id, _Entry(e.org_id, "abbreviated", e.lang, e.value))
        entries = list(kept.values())
        out = self._best_for_span(span[0], span[-1] + 1, entries, ctx) if entries else []
        for cand in out:
            cand.details.append("abbreviated words")
        return out

    @staticmethod
    def _edge_place(k: int, key_words: list[str], ctx: _Context) -> bool:
        norm = ctx.tokens[k].norm
        return (k in ctx.location_token_idx or norm.isdigit()) and norm not in key_words

    # public API ------------------------------------------------------------------------------
    def match(self, text: str) -> list[AffiliationMatch]:
        """Institutions named in ``text``, in the order they appear, each above the threshold."""
        if not text or not text.strip():
            return []
        text = repair_mojibake(text)
        tokens = tokenize(text, self.index.token_df)
        if not tokens:
            return []
        ctx = self._context(text, tokens)
        cfg = self.config
        cands = [c for c in self._candidates(ctx) if c.score >= cfg.threshold]
        chosen = self._select(cands)
        covered = {k for c in chosen for k in range(c.start, c.end)}
        fuzzy = [c for c in self._fuzzy(ctx, covered) if c.score >= cfg.threshold]
        fuzzy += [c for c in self._abbreviated(ctx, covered) if c.score >= cfg.threshold]
        chosen = self._select(chosen + fuzzy)
        chosen = self._drop_units(self._with_named_parents(chosen, cands, ctx.tokens), ctx)
        return self._results(chosen, ctx)

    def _with_named_parents(
        self, chosen: list[_Candidate], cands: list[_Candidate], ctx_tokens: list[Token] | None = None
    ) -> list[_Candidate]:
        """A composite name ("Jet Propulsion Laboratory, California Institute of Technology") also
        names its parent: the parent, found inside the span after its start, is reported as well
        (not "University of California" at the start of "University of California, Davis")."""
        extra: list[_Candidate] = []
        for c in chosen:
            if (
                not _SEP_RE.search(c.entry.value)
                and not any(w in c.entry.value for w in _CJK_AFFILIATED)
                and c.entry.kind != "composed"
            ):
                continue
            # its ancestors, and the institutions it records as related ("Beijing Chao-Yang Hospital,
            # Capital Medical University": the hospital is the university's affiliated hospital)
            ancestors = set(self.registry.lineage(c.org.id)) | set(c.org.related("related"))
            # (after the start: "University of California, Davis" does not also name the University of
            # California; but "复旦大学附属…医院" opens with the university it is affiliated to)
            cjk_affiliated = ctx_tokens is not None and ctx_tokens[c.start].cjk
            inner = [
                d
                for d in cands
                if d.org.id in ancestors
                and (c.start < d.start or (cjk_affiliated and c.start == d.start and d.end < c.end))
                and d.end <= c.end
                and d is not c
            ]
            if inner:
                best = max(inner, key=lambda d: d.score)
                best.details.append(f"parent named inside {c.entry.value!r}")
                extra.append(best)
        if not extra:
            return chosen
        return sorted(chosen + extra, key=lambda c: (c.start, -c.end))

    def _near_words(self, word: str) -> tuple[str, ...]:
        """Registry words within ``fuzzy_word_ratio`` of ``word`` sharing its first letter (cached)."""
        hit = self._near_cache.get(word)
        if hit is None:
            bucket = self.index.vocab_by_initial.get(word[0], [])
            hit = tuple(
                near
                for near, _s, _p in process.extract(
                    word, bucket, scorer=fuzz.ratio, limit=2, score_cutoff=self.config.fuzzy_word_ratio
                )
            )
            if len(self._near_cache) > 100_000:
                self._near_cache.clear()
            self._near_cache[word] = hit
        return hit

    @staticmethod
    def _drop_units(chosen: list[_Candidate], ctx: _Context) -> list[_Candidate]:
        """ "Department of Biotechnology, Manipal Academy …": a unit-like name followed, in the same part,
        by another institution is that institution's unit, not the registry's same-named body."""
        out = []
        for c in chosen:
            first = ctx.tokens[c.start]
            # (not an institution named inside its own name: "Institute of Optics and Electronics, Chinese
            # Academy of Sciences" is the registry's record of that name, its parent reported beside it)
            later = [
                d
                for d in chosen
                if d.start > c.start and d.start >= c.end and ctx.tokens[d.start].part == first.part
            ]
            if (
                later
                and name_key(c.entry.value)[:1] in _UNIT_WORDS
                and c.entry.kind != "acronym"
                # (as written: "Myology Institute, AP-HP …" opens with no unit word, whatever the registry's
                # "Institute of Myology" does)
                and not (c.entry.kind == "swapped" and (first.norm,) not in _UNIT_WORDS)
                and not any(d.org.id in c.org.related("related") for d in later)
            ):
                # (unless the registry links the record to an institution that follows: "Centre for Eye
                # Research Australia, …, University of Melbourne" names the centre's own record)
                continue
            if (
                later
                and name_key(c.entry.value)[:1] == ("ministry",)
                and any(
                    t.norm == "laboratory" and t.part == first.part
                    for t in ctx.tokens[max(0, c.start - 12) : c.start]
                )
            ):
                # "Key Laboratory of X (of) Ministry of Education, Y University": the ministry
                # sponsors the laboratory; the institution is the university that follows
                continue
            out.append(c)
        return out

    def primary(self, text: str) -> list[AffiliationMatch]:
        """The principal institution of each affiliation (``;``-part) of ``text``: see
        :meth:`select_primary`."""
        return self.select_primary(self.match(text))

    def select_primary(self, matches: Sequence[AffiliationMatch]) -> list[AffiliationMatch]:
        """One institution per ``;``-part, for uses (and gold sets) that record one institution per
        affiliation: an institution whose ancestor is also named gives way to that ancestor (a hospital
        or institute named with its university); among the rest a higher-education institution is
        preferred (the author's employer, not the hospital or laboratory where the work was done), and
        of equals the last named, since affiliations are written from the specific to the general."""
        by_part: dict[int, list[AffiliationMatch]] = defaultdict(list)
        for m in matches:
            by_part[m.part].append(m)
        out: list[AffiliationMatch] = []
        for part in sorted(by_part):
            ms = by_part[part]
            named = {m.ror_id for m in ms}
            top = [m for m in ms if not any(a in named for a in m.lineage[1:])] or ms
            edu = [m for m in top if "education" in self._types(m.ror_id)]
            out.append((edu or top)[-1])
        return out

    def _types(self, ror_id: str) -> tuple[str, ...]:
        org = self.registry.get(ror_id)
        return org.types if org is not None else ()

    def match_many(self, texts: Iterable[str]) -> list[list[AffiliationMatch]]:
        """Batch API: one result list per input string, in order."""
        return [self.match(t) for t in texts]

    @staticmethod
    def _select(cands: list[_Candidate]) -> list[_Candidate]:
        """Non-overlapping spans: a span inside a longer candidate span gives way to it
        ("University of California" in "University of California, Davis"); of two partly
        overlapping spans the better scored wins ("Columbia University | University New York")."""
        cands = sorted(cands, key=lambda c: (-c.score, -(c.end - c.start), c.start))
        taken: set[int] = set()
        chosen: list[_Candidate] = []
        for c in cands:
            span = set(range(c.start, c.end))
            if span & taken:
                continue
            if any(
                d.start <= c.start and c.end <= d.end and (d.end - d.start) > (c.end - c.start) for d in cands
            ):
                continue
            taken |= span
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def _results(self, chosen: list[_Candidate], ctx: _Context) -> list[AffiliationMatch]:
        out: list[AffiliationMatch] = []
        seen: set[str] = set()
        toks = ctx.tokens
        for c in chosen:
            rid = c.org.id
            details = list(c.details)
            if c.org.status != "active":
                cur = self.registry.current(rid)
                if cur != rid:
                    details.append(f"{c.org.status} record, successor {cur}")
                    if self.config.follow_successors or c.org.status == "withdrawn":
                        # (a withdrawn record is a duplicate or an error: the record it was withdrawn
                        # for stands for it, "Université de Toulouse" [withdrawn] for the Université
                        # Fédérale de Toulouse Midi-Pyrénées)
                        rid = cur
                else:
                    details.append(f"{c.org.status} record")
            if rid in seen:
                continue
            seen.add(rid)
            org = self.registry.get(rid) or c.org
            span = (toks[c.start].start, toks[c.end - 1].end)
            out.append(
                AffiliationMatch(
                    ror_id=rid,
                    name=org.display_name,
                    score=min(1.0, c.score),
                    explanation=f"{org.display_name} ({rid}): " + "; ".join(details),
                    span=span,
                    lineage=tuple(self.registry.lineage(rid)),
                    country_code=org.country_code,
                    matched_id=c.org.id,
                    part=toks[c.start].part,
                )
            )
        return out
