"""Normalisation of written names (名前の正規化): Unicode, width, case, punctuation, titles.

Everything here is script-neutral; script-specific readings live in :mod:`.readings`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Honorifics and titles dropped before matching (Latin forms are compared after case folding).
TITLES_LATIN = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady sheikh shaikh shaykh hajji haji
    gen general col colonel maj major capt captain lt lieutenant adm admiral sgt mgr rev
    herr frau monsieur mme mlle senor senora don dona""".split()
)
# Japanese, Chinese and Korean honorifics written after (or before) a name.
TITLES_CJK = (
    "様",
    "さま",
    "殿",
    "氏",
    "さん",
    "先生",
    "博士",
    "教授",
    "准教授",
    "准将",
    "少将",
    "中将",
    "大将",
    "大佐",
    "将軍",
    "司令官",
    "師",
    "님",
    "씨",
    "女士",
)

_PUNCT_TO_SPACE = re.compile(
    r"[\s\u00b7\u30fb\u2027\u2022\u30a0\uff1d=,;:/\\|()\[\]{}<>\"“”‘’«»!?*+#@_~%&-]+"
)
_DROP = re.compile(r"[.'`´ʼʻ’]")
_PAREN = re.compile(r"\s*\(([^)]*)\)")


#: variation selectors: they pick a glyph (葛󠄀, an ideographic variation sequence), not a letter
VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC (width folding: Ｍ→M, ｶ→カ), case folding, whitespace squeezed, variation selectors dropped; stress marks that no letter
    composes with go (Моско́вский → московский, as dictionaries and encyclopaedias mark Russian stress)."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = VARIATION_SELECTORS.sub("", text)
    if "\u0301" in text or "\u0300" in text:
        text = text.replace("\u0301", "").replace("\u0300", "")
    return " ".join(text.casefold().split())


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Strip diacritics from Latin text (é→e, ō→o, ß→ss, ø→o, ł→l); other scripts are left alone."""
    text = fold(text).replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    text = text.replace("æ", "ae").replace("œ", "oe").replace("ı", "i").replace("þ", "th")
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", out)


def strip_titles_cjk(text: str) -> str:
    for title in TITLES_CJK:
        if text.endswith(title) and len(text) > len(title) + 1:
            text = text[: -len(title)]
    return text.strip()


def tokenize(text: str) -> list[str]:
    """Split folded text into word tokens: punctuation, ・, ＝ and hyphens separate; dots and apostrophes vanish."""
    text = _DROP.sub("", text)
    return [t for t in _PUNCT_TO_SPACE.split(text) if t]


def drop_titles(tokens: list[str]) -> list[str]:
    """Drop leading/trailing titles (Mr., Dr., Sheikh …) but never the whole name."""
    kept = list(tokens)
    while len(kept) > 1 and kept[0] in TITLES_LATIN:
        kept.pop(0)
    while len(kept) > 1 and kept[-1] in TITLES_LATIN:
        kept.pop()
    return kept


_LABEL = re.compile(
    r"^\s*(original script|also known as|a\.?k\.?a\.?|f\.?k\.?a\.?|formerly|旧称|別名)\s*[:：.]?\s*", re.I
)
_WORDS = re.compile(r"[\s・･]+")
_ALT_SPLIT = re.compile(r"\s*[,/，、]\s*")
_QUALIFIER_WORDS = re.compile(r"[A-Za-z][A-Za-z\-]*(?: [A-Za-z][A-Za-z\-]*)?")
_WORD_SLASH = re.compile(r"(?<=[^\W\d_]{3})/(?=[^\W\d_]{3})")


def _similar_spelling(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    a, b = a.casefold(), b.casefold()
    return Levenshtein.normalized_similarity(a, b) >= 0.5 or (
        a[:1] == b[:1] and not a.isascii() == b.isascii()
    )


def expand_alternatives(text: str, limit: int = 6, qualifiers: bool = False) -> list[str]:
    """Expand the alternatives lists print inside a name into separate spellings of the whole name.

    - ``Yury(Yuri) Chaika(Chayka)``, ``Kseniya (Xenia, Ksenia) Shoigu``, ``ロマン・リャギン(リャーヒン)``: a
      parenthesis right after a word, holding one-word spellings of that word, gives variants of that word.
    - ``AYYUB BASHIR (original script: ايوب بشير)``, ``Mahrukat Company (The Syrian Company …)``: a
      parenthesis holding a whole other name (several words, a label, or another script) becomes a
      name of its own beside the name without it.
    - ``AL-ITIHAAD AL-ISLAMIYA / AIAI``: names separated by `` / `` are separate names.
    - with ``qualifiers`` (organisation names): one or two Latin words in parentheses that are not a
      spelling of the word before, ``Deutsche Bank (Schweiz) AG``, stay in the name in parentheses, to
      be weighed as a qualifier.
    Anything else in parentheses stays part of the name.
    """
    text = unicodedata.normalize("NFKC", text)
    if " / " in text:
        parts = [p for p in text.split(" / ") if p.strip()]
        out: list[str] = []
        for p in parts:
            out.extend(expand_alternatives(p, limit, qualifiers))
        return list(dict.fromkeys(out))[: limit * 2]
    if _WORD_SLASH.search(text):
        # Al-Qa'ida/Islamic Army: a slash between words (not A/S, w/o) also separates names; the whole
        # is kept too, in case the slash belongs to the name
        parts = [p for p in _WORD_SLASH.split(text) if p.strip()]
        out = [text]
        for p in parts:
            out.extend(expand_alternatives(p, limit, qualifiers))
        return list(dict.fromkeys(out))[: limit * 2]
    if "(" not in text:
        return [text]
    whole_names: list[str] = []
    words: list[list[str]] = []
    pos = 0
    for m in _PAREN.finditer(text):
        before = _WORDS.split(text[pos : m.start()].strip())
        before = [w for w in before if w]
        inner = m.group(1).strip()
        labelled = bool(_LABEL.match(inner))
        inner = _LABEL.sub("", inner).strip()
        alts = [a for a in _ALT_SPLIT.split(inner) if a]
        single = all(len(a.split()) == 1 for a in alts)
        for w in before[:-1]:
            words.append([w])
        similar = [a for a in alts if before and _similar_spelling(before[-1], a)]
        if before and single and not labelled and similar:
            words.append([before[-1], *similar])
        else:
            if before:
                words.append([before[-1]])
            if qualifiers and not labelled and _QUALIFIER_WORDS.fullmatch(ascii_fold(inner)):
                # an organisation's qualifier such as (Schweiz), (Hong Kong): kept in parentheses, so
                # that the reading weighs it as a qualifier rather than as a name of its own
                words.append([f"({inner})"])
            elif (
                labelled
                or len(inner.split()) > 1
                or (inner and inner.isascii() != text[: m.start()].isascii())
            ):
                whole_names.extend(a for a in (alts if labelled else [inner]) if a)
            else:
                words.extend([[w] for w in inner.split()])
        pos = m.end()
    for w in _WORDS.split(text[pos:].strip()):
        if w:
            words.append([w])
    variants: list[list[str]] = [[]]
    for options in words:
        if len(variants) * len(options) > limit:
            options = options[:2] if len(variants) * 2 <= limit else options[:1]
        variants = [v + [o] for v in variants for o in options]
    out = [" ".join(v) for v in variants if v] + whole_names
    return list(dict.fromkeys(out))
