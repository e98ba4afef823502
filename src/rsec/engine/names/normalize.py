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
TITLES_CJK = ("様", "さま", "殿", "氏", "さん", "先生", "博士", "教授", "准教授", "님", "씨", "先生", "女士")

_PUNCT_TO_SPACE = re.compile(r"[\s\u00b7\u30fb\u2027\u2022\u30a0\uff1d=,;:/\\|()\[\]{}<>\"“”‘’«»!?*+#@_~-]+")
_DROP = re.compile(r"[.'`´ʼʻ’]")
_PAREN = re.compile(r"\s*[(（]([^)）]*)[)）]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC (width folding: Ｍ→M, ｶ→カ), case folding, whitespace squeezed."""
    text = unicodedata.normalize("NFKC", text)
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


def expand_alternatives(text: str, limit: int = 6) -> list[str]:
    """Expand parenthesised alternatives, as lists print them, into separate spellings.

    ``Yury(Yuri) Chaika(Chayka)`` → ``Yury Chaika``, ``Yuri Chaika``, ``Yury Chayka`` …;
    ``Kseniya (Xenia, Ksenia) Shoigu`` → three given-name spellings. A parenthesis that does not
    follow a single word (``ICBC (Asia) Limited``) is kept as words of the name.
    """
    if "(" not in text and "（" not in text:
        return [text]
    words: list[list[str]] = []
    pos = 0
    plain: list[str] = []
    for m in _PAREN.finditer(text):
        before = text[pos : m.start()].split()
        alts = [a.strip() for a in m.group(1).split(",") if a.strip()]
        if before and all(len(a.split()) == 1 for a in alts):
            for w in before[:-1]:
                words.append([w])
            words.append([before[-1], *alts])
        else:
            for w in before + " ".join(alts).split():
                words.append([w])
        plain.extend(before)
        plain.extend(" ".join(alts).split())
        pos = m.end()
    for w in text[pos:].split():
        words.append([w])
    variants = [[]]
    for options in words:
        if len(variants) * len(options) > limit:
            options = options[:1]
        variants = [v + [o] for v in variants for o in options]
    out = [" ".join(v) for v in variants]
    return list(dict.fromkeys(out))
