"""The name matcher (名寄せ照合): :class:`Query` × :class:`ListEntity` → :class:`MatchResult`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from rsec.engine.lists.model import ListEntity

from . import features as F
from .config import MatcherConfig
from .readings import PreparedName, prepare, schema_kind


@dataclass
class Query:
    """A name to screen, with what else is known about the person or organisation."""

    name: str
    schema: str = "Person"
    country: str | list[str] | None = None
    birth_date: str | list[str] | None = None
    identifiers: dict[str, list[str]] | None = None

    @property
    def countries(self) -> list[str]:
        if not self.country:
            return []
        return [c.lower() for c in ([self.country] if isinstance(self.country, str) else self.country)]

    @property
    def birth_dates(self) -> list[str]:
        if not self.birth_date:
            return []
        return list([self.birth_date] if isinstance(self.birth_date, str) else self.birth_date)


@dataclass
class MatchResult:
    score: float
    matched_name: str
    explanation: str
    features: list[F.FeatureResult] = field(default_factory=list)

    def is_alert(self, threshold: float | None = None) -> bool:
        from .config import DEFAULT_THRESHOLD

        return self.score >= (DEFAULT_THRESHOLD if threshold is None else threshold)


@dataclass(frozen=True)
class PreparedEntity:
    id: str
    schema: str
    names: tuple[tuple[str, PreparedName], ...]
    #: per name, if known: a function giving its reading as the other kind of party (person ↔
    #: organisation), or None when that reading is the same
    other_kind: tuple[Callable[[], PreparedName | None], ...] = ()


class Matcher:
    """Scores a query against a listed entity: best name feature over all names/aliases, then qualifiers.

    Features (name, birth date, country, identifier, schema) are plain functions in
    :mod:`rsec.engine.names.features`; their weights are :class:`MatcherConfig` fields.
    """

    def __init__(self, config: MatcherConfig | None = None):
        self.config = config or MatcherConfig()
        self._entities: dict[tuple[str, int], PreparedEntity] = {}
        self._lock = threading.Lock()

    def prepare(self, entity: ListEntity) -> PreparedEntity:
        """Readings of every name of ``entity``; cached by entity id and content."""
        key = (entity.id, hash(tuple(n.value for n in entity.names)))
        found = self._entities.get(key)
        if found is None:
            names = tuple((n.value, prepare(n.value, entity.schema)) for n in entity.names if n.value.strip())
            found = PreparedEntity(entity.id, entity.schema, names)
            with self._lock:
                if len(self._entities) > 500_000:
                    self._entities.clear()
                self._entities[key] = found
        return found

    def compare(self, query: Query, entity: ListEntity) -> MatchResult:
        return self.compare_prepared(query, entity, self.prepare(entity))

    def compare_prepared(
        self,
        query: Query,
        entity: ListEntity,
        pe: PreparedEntity,
        explain_min: float | None = None,
        decide_at: float | None = None,
    ) -> MatchResult:
        """:meth:`compare` with the entity's names already prepared (as a screening index stores them);
        the entity supplies the qualifiers (birth dates, countries, identifiers). With ``explain_min``,
        a result scoring below it has no explanation (a screening run keeps only its hits). With
        ``decide_at``, a result scoring below it only says so: its score may be lower than
        :meth:`compare`'s (comparisons that could not lift it to ``decide_at`` are skipped); a result
        at or above it is :meth:`compare`'s."""
        cfg = self.config
        pq = prepare(query.name, query.schema if query.schema != "LegalEntity" else entity.schema)
        best: F.FeatureResult | None = None
        best_kind = ""
        matched = entity.caption
        want = schema_kind(query.schema)
        quals = [
            qual
            for qual in (
                F.birth_date_feature(query.birth_dates, entity.birth_dates, cfg),
                F.country_feature(query.countries, entity.countries, cfg),
                F.identifier_feature(query.identifiers or {}, entity.identifiers, cfg),
                F.schema_feature(query.schema, entity.schema, cfg),
            )
            if qual is not None
        ]
        need = 0.0
        if decide_at is not None and not any(f.name == "identifier" for f in quals):
            # the name score the entity needs to reach decide_at (rounded to 4 places) with these
            # qualifiers; an identifier in common sets a floor of its own; a margin for rounding
            need = decide_at - 0.001 - sum(f.score for f in quals)
        for k, (value, pn) in enumerate(pe.names):
            own_kind = pn.kind  # as the list's own schema reads it (an organisation filed as a person: org)
            if pn.kind != pq.kind and "other" not in (pn.kind, pq.kind):
                # read as the query's kind of party: the index stores that reading (None: the same)
                if pe.other_kind and want in ("person", "org") and want != pn.kind:
                    pn = pe.other_kind[k]() or pn
                elif not pe.other_kind or want != pn.kind:
                    pn = prepare(value, query.schema)
                # else: read for the query's kind already (an organisation-shaped name filed as a person)
            fr = F.name_feature(pq, pn, cfg, explain=False, need=need)
            # on a tie, prefer the name written in the query's own script
            if (
                best is None
                or fr.score > best.score
                or (fr.score == best.score and pn.script_group == pq.script_group)
            ):
                best, matched, best_kind = fr, value, own_kind
        if best is None:
            return MatchResult(0.0, "", "the entity has no name", [])
        feats = [best, *quals]
        if (
            pq.legal_forms
            and entity.schema == "Person"
            and best_kind == "person"
            and any(f.name == "schema" for f in feats)
        ):
            feats.append(
                F.FeatureResult(
                    "schema",
                    -cfg.schema_mismatch_legal_form,
                    "a company (legal form named) compared with an individual",
                    qualifier=True,
                )
            )
        score = best.score + sum(f.score for f in feats[1:])
        if any(f.name == "identifier" for f in feats):
            score = max(score, cfg.identifier_min_score)  # the same passport or registration number
        score = min(1.0, max(0.0, score))
        if explain_min is not None and round(score, 4) < explain_min:
            return MatchResult(round(score, 4), matched, "", feats)
        F.explain_name_feature(best)
        explanation = f"{query.name} ↔ {matched}: " + "; ".join(f.detail for f in feats if f.detail)
        return MatchResult(round(score, 4), matched, explanation, feats)
