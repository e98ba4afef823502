"""Risk indicators (リスク指標): declaration + evidence + watch lists → findings.

The indicators are data (``rsec/frameworks/indicators.yaml``); this package holds the small
evaluator functions they choose (:mod:`.evaluators`), the declaration schema and reader
(:mod:`.declaration`, ``person.schema.json``), institution-vs-list screening (:mod:`.screen`) and
evidence-folder reading (:mod:`.sources`). :func:`run_diligence` ties them together (P-3 ①).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rsec.engine.evidence.profile import EvidenceProfile, build_person_profile
from rsec.engine.indicators.declaration import Declaration, DeclarationError, load_declaration
from rsec.engine.indicators.evaluators import EVALUATORS, Context, Finding, evaluate, evaluator
from rsec.engine.indicators.library import IndicatorLibrary, IndicatorLibraryError, load_library
from rsec.engine.indicators.screen import ListScreen

__all__ = [
    "EVALUATORS",
    "Context",
    "Declaration",
    "DeclarationError",
    "DiligenceResult",
    "Finding",
    "IndicatorLibrary",
    "IndicatorLibraryError",
    "ListScreen",
    "evaluate",
    "evaluator",
    "load_declaration",
    "load_library",
    "run_diligence",
]


@dataclass
class DiligenceResult:
    findings: list[Finding]
    profile: EvidenceProfile
    library: IndicatorLibrary

    def as_dict(self) -> dict:
        return {
            "library": {"id": self.library.id, "version": self.library.version},
            "findings": [f.as_dict() for f in self.findings],
            "profile": self.profile.as_dict(),
        }


def run_diligence(
    declaration: Declaration,
    records: Iterable[Any],
    list_entities: Iterable[Any] = (),
    ror: Any = None,
    library: IndicatorLibrary | None = None,
    affiliation_matcher: Any = None,
    reference_date: _dt.date | None = None,
    only: Iterable[str] | None = None,
) -> DiligenceResult:
    """Build the person's evidence profile and run the indicator library over it."""
    library = library or load_library()
    profile = build_person_profile(declaration, records, affiliation_matcher=affiliation_matcher)
    entities = list(list_entities)
    ctx = Context(
        declaration=declaration,
        profile=profile,
        library=library,
        screen=ListScreen(entities, ror=ror) if entities else None,
        ror=ror,
        reference_date=reference_date or declaration.reference_date(),
    )
    return DiligenceResult(evaluate(ctx, only), profile, library)
