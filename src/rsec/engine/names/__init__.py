"""Cross-script name normalisation, readings and matching (氏名・組織名の照合).

Public API (stable; used by the candidate index and the CLI)::

    latin_keys(name, schema="Person") -> set[str]
    Query(name, schema="Person", country=None, birth_date=None, identifiers=None)
    Matcher(config=None).compare(query, entity) -> MatchResult(score, matched_name, explanation, features)
    DEFAULT_THRESHOLD
    warm_up()  # load every dictionary now (before forking workers, or before timing)
"""

from .config import DEFAULT_THRESHOLD, MatcherConfig
from .features import FeatureResult
from .keys import latin_keys
from .matcher import Matcher, MatchResult, Query

#: one name per script and kind, so that every lazily loaded dictionary is loaded
_WARM_UP = (
    ("山田太郎", "Person"),
    ("羽田結弦", "Person"),  # JMnedict's popularity of readings, KANJIDIC's character readings
    ("ヤマダ タロウ", "Person"),
    ("习近平", "Person"),
    ("金正恩", "Person"),
    ("김정은", "Person"),
    ("Иван Петров", "Person"),
    ("Юрій Ткачук", "Person"),  # the Ukrainian romanisation
    ("محمد علي", "Person"),
    ("北京航空航天大学", "Organization"),
    ("武汉轻工大学", "Organization"),  # jieba's dictionary (Chinese words)
    ("株式会社サンプル", "Company"),
    ("Sample Trading Co., Ltd.", "Company"),
)


def warm_up() -> None:
    """Load the dictionaries and transliteration tables that the name analysis loads on first use
    (about a second in all), so that a bulk run loads them once before forking its workers."""
    for name, schema in _WARM_UP:
        latin_keys(name, schema)
    from .japanese import composed_readings

    for role in ("family", "given"):  # the reading prefixes of JMnedict's names, one table per role
        composed_readings("結弦", role)


__all__ = [
    "DEFAULT_THRESHOLD",
    "FeatureResult",
    "MatchResult",
    "Matcher",
    "MatcherConfig",
    "Query",
    "latin_keys",
    "warm_up",
]
