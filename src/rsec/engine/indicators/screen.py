"""Institutions against watch lists (機関のリスト照合), directly or through ROR parent organisations.

An institution as the evidence names it (an :class:`~rsec.engine.evidence.model.InstitutionRef`:
display name, ROR id) is compared with the organisation entries of the loaded lists. The names
compared are the evidence's name plus, when a ROR registry is loaded, every name of the ROR record
(labels in Chinese, Japanese …, aliases, acronyms are left out: too ambiguous) and the same for each
ancestor in its lineage — so a laboratory of a listed university is reported as that university's,
with the path ("via parent …").

Names are reduced to the affiliation matcher's normalised keys (case, accents, Japanese / traditional /
simplified Chinese folded to one form); a key equal to a list entry's key is a match, otherwise a
rapidfuzz ratio ≥ ``min_ratio`` on the joined key (long names only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from rsec.engine.evidence.affiliations import name_key
from rsec.engine.evidence.model import InstitutionRef
from rsec.engine.lists.model import ListEntity

ORG_SCHEMATA = {"Organization", "Company", "LegalEntity", "PublicBody"}


def _key(text: str) -> str:
    toks = name_key(text)
    # CJK keys are characters: join without spaces; Latin words with spaces
    return " ".join(toks) if any(t.isascii() for t in toks) else "".join(toks)


_PAREN = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*")


def name_variants(name: str) -> list[str]:
    """A listed name, the name without parenthetical parts, and long parenthetical parts on their own.

    Lists write "Harbin Institute of Technology (HIT)\n(哈爾浜工業大学)": the institution's name, an
    acronym and the name in another script. Acronyms (short parentheticals) are dropped — too ambiguous.
    """
    out = [name]
    stripped = _PAREN.sub(" ", name).strip()
    if stripped and stripped != name:
        out.append(stripped)
    for inner in _PAREN.findall(name):
        inner = inner.strip()
        if len(inner) >= 6 or (inner and not inner.isascii() and len(inner) >= 3):
            out.append(inner)
    return out


@dataclass
class ListHit:
    """An institution found on a list: which entity, through which name, via which ancestor."""

    entity: ListEntity
    matched_name: str  # the institution name that matched (may be a ROR label or an ancestor's)
    listed_name: str  # the list entry's name
    score: float
    via: list[str] = field(default_factory=list)  # lineage path, e.g. ["ror:0xxxx (Lab)", "ror:0yyyy (Univ)"]

    @property
    def detail(self) -> str:
        path = f" via {' → '.join(self.via)}" if self.via else ""
        return f"'{self.matched_name}' ~ '{self.listed_name}' ({self.entity.list}:{self.entity.id}, {self.score:.2f}){path}"

    def as_dict(self) -> dict:
        e = self.entity
        return {
            "list": e.list,
            "entity_id": e.id,
            "entity_name": e.caption,
            "schema": e.schema,
            "topics": list(e.topics),
            "countries": list(e.countries),
            "source": e.source,
            "matched_name": self.matched_name,
            "listed_name": self.listed_name,
            "score": round(self.score, 3),
            "via": self.via,
        }


class ListScreen:
    """Organisation entries of the loaded lists, indexed by normalised name key."""

    def __init__(self, entities: Iterable[ListEntity], ror: object | None = None, min_ratio: float = 93.0):
        self.ror = ror
        self.min_ratio = min_ratio
        self.by_key: dict[str, list[tuple[ListEntity, str]]] = {}
        for e in entities:
            if e.schema not in ORG_SCHEMATA:
                continue
            for n in e.names:
                for variant in name_variants(n.value):
                    k = _key(variant)
                    if len(k) >= 3 and (e, n.value) not in self.by_key.get(k, []):
                        self.by_key.setdefault(k, []).append((e, n.value))
        self._keys = list(self.by_key)
        self._long: list[str] | None = None

    def __len__(self) -> int:
        return len(self.by_key)

    def match_name(self, name: str) -> list[ListHit]:
        k = _key(name)
        if len(k) < 3:
            return []
        exact = self.by_key.get(k)
        if exact:
            return [ListHit(e, name, listed, 1.0) for e, listed in exact]
        if len(k) < 12 or not self._keys:
            return []
        best = process.extractOne(k, self._keys, scorer=fuzz.ratio, score_cutoff=self.min_ratio)
        if best:
            return [ListHit(e, name, listed, best[1] / 100.0) for e, listed in self.by_key[best[0]]]
        return self._contained(name, k)

    def _contained(self, name: str, k: str) -> list[ListHit]:
        """A listed name inside a longer string (an unresolved byline: "School of X, <listed university>, City").

        Only distinctive names count: three or more Latin words, or four or more CJK characters.
        """
        padded = f" {k} "
        hits = []
        for key in self._long_keys():
            if (" " in key and f" {key} " in padded) or (" " not in key and not key.isascii() and key in k):
                hits.extend(ListHit(e, name, listed, 0.9) for e, listed in self.by_key[key])
        return _dedupe(hits)

    def _long_keys(self) -> list[str]:
        if self._long is None:
            self._long = [
                key
                for key in self._keys
                if (key.count(" ") >= 2) or (" " not in key and not key.isascii() and len(key) >= 4)
            ]
        return self._long

    def _ror_names(self, ror_id: str) -> tuple[str, list[str]]:
        if self.ror is None or not ror_id:
            return "", []
        org = self.ror.get(ror_id)  # type: ignore[attr-defined]
        if org is None:
            return "", []
        names = [n.value for n in org.names if "acronym" not in n.types]
        return org.display_name, names

    def match_institution(self, inst: InstitutionRef, via_lineage: bool = True) -> list[ListHit]:
        """List hits of the institution itself, else of its nearest listed ancestor (ROR lineage)."""
        own_display, own_names = self._ror_names(inst.ror_id)
        hits: list[ListHit] = []
        for n in dict.fromkeys([inst.name, *own_names]):
            if n:
                hits.extend(self.match_name(n))
        if hits or not via_lineage:
            return _dedupe(hits)
        ancestors: list[str] = []
        if self.ror is not None and inst.ror_id:
            ancestors = list(self.ror.lineage(inst.ror_id))  # type: ignore[attr-defined]
        start = f"{inst.name or own_display} ({inst.ror_id.rsplit('/', 1)[-1]})"
        for anc in ancestors:
            display, names = self._ror_names(anc)
            found: list[ListHit] = []
            for n in dict.fromkeys(names):
                found.extend(self.match_name(n))
            if found:
                for h in found:
                    h.via = [start, f"{display} ({anc.rsplit('/', 1)[-1]})"]
                return _dedupe(found)
        return []


def _dedupe(hits: list[ListHit]) -> list[ListHit]:
    best: dict[tuple[str, str], ListHit] = {}
    for h in hits:
        k = (h.entity.list, h.entity.id)
        if k not in best or h.score > best[k].score:
            best[k] = h
    return list(best.values())
