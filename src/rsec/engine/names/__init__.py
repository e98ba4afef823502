"""Cross-script name normalisation, readings and matching (氏名・組織名の照合).

Public API (stable; used by the candidate index and the CLI)::

    latin_keys(name, schema="Person") -> set[str]
    Query(name, schema="Person", country=None, birth_date=None, identifiers=None)
    Matcher(config=None).compare(query, entity) -> MatchResult(score, matched_name, explanation, features)
    DEFAULT_THRESHOLD
"""

from .config import DEFAULT_THRESHOLD, MatcherConfig
from .features import FeatureResult
from .keys import latin_keys
from .matcher import Matcher, MatchResult, Query

__all__ = [
    "DEFAULT_THRESHOLD",
    "FeatureResult",
    "MatchResult",
    "Matcher",
    "MatcherConfig",
    "Query",
    "latin_keys",
]
