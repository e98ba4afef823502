"""Helpers for the screening tests: a simple key function and matcher, and synthetic names.

The index and re-screening logic take the key function and the matcher as parameters, so these
tests exercise them independently of the cross-script matcher's tuning.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz import fuzz

from rsec.engine.lists.model import ListEntity, Name


def simple_keys(name: str, schema: str) -> set[str]:
    """Lower-cased ASCII word tokens."""
    return {t for t in anyascii(name).lower().replace(",", " ").replace("-", " ").split() if t}


@dataclass
class SimpleQuery:
    name: str
    schema: str = "Person"
    country: str | None = None
    birth_date: str | None = None
    identifiers: dict = field(default_factory=dict)


@dataclass
class SimpleResult:
    score: float
    matched_name: str
    explanation: str
    features: dict = field(default_factory=dict)


class SimpleMatcher:
    """token_sort_ratio on ASCII forms; the best name of the entity wins."""

    def __init__(self):
        self.calls = 0

    def compare(self, query, entity: ListEntity) -> SimpleResult:
        self.calls += 1
        q = anyascii(query.name).lower()
        best, score = "", 0.0
        for n in entity.all_names():
            s = fuzz.token_sort_ratio(q, anyascii(n).lower()) / 100.0
            if s > score:
                best, score = n, s
        return SimpleResult(round(score, 4), best, f"token_sort_ratio {score:.2f} on {best!r}")


SYLLABLES = [
    "ka", "ri", "mo", "ten", "sa", "lu", "ve", "dor", "an", "ik", "zu", "pe", "ro", "mi", "gal", "ur",
    "bes", "ni", "to", "ha", "el", "kor", "fa", "yu", "os", "lin", "da", "que", "wen", "shi",
]  # fmt: skip


def synthetic_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return " ".join(word() for _ in range(rng.choice((2, 2, 3))))


def synthetic_entities(n: int, seed: int = 7, prefix: str = "syn") -> list[ListEntity]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        names = [Name.of(synthetic_name(rng))]
        if rng.random() < 0.3:
            names.append(Name.of(synthetic_name(rng), kind="alias"))
        out.append(ListEntity(id=f"{prefix}:{i}", schema="Person", names=names, list=prefix))
    return out
