"""Retrieval keys (候補検索キー): short Latin tokens and phonetic keys of every reading of a name."""

from __future__ import annotations

from functools import lru_cache

from .readings import prepare


@lru_cache(maxsize=200000)
def _keys(name: str, schema: str) -> frozenset[str]:
    out: set[str] = set()
    for reading in prepare(name, schema).readings:
        for tok in reading.tokens:
            if tok.generic:
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
    return frozenset(out)


def latin_keys(name: str, schema: str = "Person") -> set[str]:
    """Normalised Latin tokens (``yamada``, ``taro``) and phonetic keys (``~ymt``…, prefixed ``~``) of
    every reading of ``name``; recall-oriented: two names that can match share at least one key."""
    return set(_keys(name, schema))
