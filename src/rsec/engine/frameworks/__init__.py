"""Frameworks as data (フレームワークのデータ化).

What the source documents leave to judgement — mitigation catalogues, checklists, the risk matrix,
METI's selection criteria and contract clauses, indicator definitions — lives in bilingual YAML
libraries under ``rsec/frameworks/``, each validated by a JSON Schema (``schemas/base.json`` plus
``schemas/<kind>.json``) and versioned with semver. This package is the small Python core that
finds, validates and reads them::

    from rsec.engine.frameworks import load_library
    lib = load_library("mitigation_measures")
    for measure in lib.addressing("people"):
        print(measure.id, measure.title.get("en"))

Institutions add or override libraries in directories named by ``RSEC_FRAMEWORKS_PATH``.
"""

from rsec.engine.frameworks.errors import FrameworkError, Issue, LibraryNotFound
from rsec.engine.frameworks.loader import (
    ENV_VAR,
    PACKAGE_DIR,
    candidates,
    list_libraries,
    load_library,
    parse_library,
    read_library,
    search_path,
)
from rsec.engine.frameworks.model import (
    AnswerType,
    Checklist,
    ChecklistQuestion,
    ClauseResult,
    ContractClause,
    ContractClauses,
    Criteria,
    CriteriaResult,
    Criterion,
    CriterionResult,
    FollowUpCheck,
    Indicator,
    Indicators,
    Item,
    Level,
    Library,
    MitigationCatalogue,
    MitigationMeasure,
    Parameter,
    RiskDimension,
    RiskMatrix,
    Section,
    SourceRef,
    Text,
    Typology,
    TypologyEntry,
)
from rsec.engine.frameworks.schema import known_kinds, schema_for

__all__ = [
    "ENV_VAR",
    "PACKAGE_DIR",
    "AnswerType",
    "Checklist",
    "ChecklistQuestion",
    "ClauseResult",
    "ContractClause",
    "ContractClauses",
    "Criteria",
    "CriteriaResult",
    "Criterion",
    "CriterionResult",
    "FollowUpCheck",
    "FrameworkError",
    "Indicator",
    "Indicators",
    "Issue",
    "Item",
    "Level",
    "Library",
    "LibraryNotFound",
    "MitigationCatalogue",
    "MitigationMeasure",
    "Parameter",
    "RiskDimension",
    "RiskMatrix",
    "Section",
    "SourceRef",
    "Text",
    "Typology",
    "TypologyEntry",
    "candidates",
    "known_kinds",
    "list_libraries",
    "load_library",
    "parse_library",
    "read_library",
    "schema_for",
    "search_path",
]
