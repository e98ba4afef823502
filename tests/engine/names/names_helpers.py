"""Shared helpers of the name-matching tests: one listed name against one query, scored by the matcher."""

from __future__ import annotations

from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, Query


def score(matcher: Matcher, query: str, candidate: str, schema: str = "Person", **kw) -> float:
    """The matcher's score of ``query`` against an entity listed under the one name ``candidate``
    (``kw``: the entity's other fields, e.g. countries or birth dates)."""
    entity = ListEntity(id=f"t:{candidate}", schema=schema, names=[Name.of(candidate)], list="test", **kw)
    return matcher.compare(Query(query, schema), entity).score


def alerts_both_ways(matcher: Matcher, a: str, b: str, schema: str = "Person") -> tuple[bool, bool]:
    """Whether ``a`` screened against ``b`` listed alerts at the default threshold, and the reverse."""
    from rsec.engine.names import DEFAULT_THRESHOLD

    return (
        score(matcher, a, b, schema) >= DEFAULT_THRESHOLD,
        score(matcher, b, a, schema) >= DEFAULT_THRESHOLD,
    )
