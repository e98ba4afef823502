"""Retrieval keys (候補検索キー): short Latin tokens and phonetic keys of every reading of a name."""

from __future__ import annotations

from functools import lru_cache

from .readings import prepare


@lru_cache(maxsize=200000)
def _keys(name: str, schema: str) -> frozenset[str]:
    readings = prepare(name, schema).readings
    out = _collect(readings, include_generic=False)
    if not out:  # a name made only of generic words (乙大学, 某財団) must still be retrievable
        out = _collect(readings, include_generic=True)
    return frozenset(out)


def _collect(readings, *, include_generic: bool) -> set[str]:
    out: set[str] = set()
    for reading in readings:
        for tok in reading.tokens:
            if tok.generic and not include_generic:
                continue
            for alt in tok.alts[:4]:
                if len(alt) >= 2:
                    out.add(alt)
            for ph in tok.phons:
                if len(ph) >= 2:
                    out.add("~" + ph)
            for jf in tok.jfolds[:2]:
                if len(jf) >= 2:
                    out.add(jf)
    return out


def latin_keys(name: str, schema: str = "Person") -> set[str]:
    """Normalised Latin tokens (``yamada``, ``taro``) and phonetic keys (``~ymt``…, prefixed ``~``) of
    every reading of ``name``; recall-oriented: two names that can match share at least one key."""
    return set(_keys(name, schema))
