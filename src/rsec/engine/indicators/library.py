"""The indicator library (リスク指標ライブラリ): ``rsec/frameworks/indicators.yaml`` as objects.

The YAML chooses and parameterises the evaluators; this module only reads it. It follows the
frameworks conventions (``id``, ``version``, ``kind``, bilingual ``title``, ``source``, ``items`` with
``id`` and ``{ja, en}`` texts) and is read and validated by :mod:`rsec.engine.frameworks`
(``schemas/indicators.json``); then each item is checked for what the engine needs (a registered
evaluator, known severities, data lists that exist).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "frameworks" / "indicators.yaml"
SEVERITIES = ("info", "low", "medium", "high")


class IndicatorLibraryError(ValueError):
    """A bad indicator library: names the file and the element (``items[3].evaluator`` …)."""

    def __init__(self, file: str, where: str, message: str):
        self.file, self.where, self.message = file, where, message
        super().__init__(f"{file}: {where or '(document)'}: {message}")


@dataclass
class Indicator:
    """One indicator definition (指標): which evaluator, with which parameters, at which severity."""

    id: str
    title: dict[str, str]
    description: dict[str, str]
    severity: str
    evaluator: str
    parameters: dict[str, Any] = field(default_factory=dict)
    requirement: list[str] = field(default_factory=list)


@dataclass
class IndicatorLibrary:
    id: str
    version: str
    title: dict[str, str]
    indicators: list[Indicator]
    data: dict[str, Any]
    source: str = ""

    def get(self, indicator_id: str) -> Indicator:
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        raise KeyError(indicator_id)

    def resolve(self, value: Any) -> Any:
        """A parameter naming a ``data`` entry is replaced by that entry; other values pass through."""
        if isinstance(value, str) and value in self.data:
            return self.data[value]
        return value


def _plain(value: Any) -> Any:
    """Frozen mappings / tuples from the frameworks loader → plain dicts and lists."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def load_library(path: str | Path | None = None) -> IndicatorLibrary:
    """Read the indicator library through the frameworks loader (schema, severities, line numbers).

    Without ``path`` the library with id ``indicators`` is taken from the frameworks search path, so an
    institution's override (``RSEC_FRAMEWORKS_PATH``, higher version) replaces the packaged default.
    """
    from rsec.engine.frameworks import FrameworkError
    from rsec.engine.frameworks import load_library as load_framework
    from rsec.engine.indicators.evaluators import EVALUATORS

    try:
        lib = load_framework(str(path) if path else "indicators")
    except FrameworkError as exc:
        issue = exc.issues[0]
        raise IndicatorLibraryError(issue.file, issue.path, str(exc)) from None
    name = str(lib.path or path or "indicators")
    if lib.kind != "indicators":
        raise IndicatorLibraryError(name, "kind", f"expected an indicators library, got {lib.kind!r}")
    doc = _plain(lib.data)
    severities = tuple(doc.get("severities") or SEVERITIES)
    unknown_scale = [s for s in severities if s not in SEVERITIES]
    if unknown_scale:
        raise IndicatorLibraryError(
            name, "severities", f"unsupported severities {unknown_scale}; use {SEVERITIES}"
        )
    indicators = []
    for i, raw in enumerate(doc["items"]):
        where = f"items[{i}]"
        if raw.get("enabled", True) is False:
            continue
        if raw["evaluator"] not in EVALUATORS:
            raise IndicatorLibraryError(
                name,
                f"{where}.evaluator",
                f"unknown evaluator {raw['evaluator']!r}; known: {sorted(EVALUATORS)}",
            )
        params = raw.get("parameters") or {}
        for key, value in params.items():
            if key.startswith("severity") and value not in SEVERITIES:
                raise IndicatorLibraryError(name, f"{where}.parameters.{key}", f"unknown severity {value!r}")
            if isinstance(value, str) and key in _DATA_PARAMS and value not in (doc.get("data") or {}):
                raise IndicatorLibraryError(
                    name, f"{where}.parameters.{key}", f"no data list {value!r} under 'data'"
                )
        req = raw.get("requirement") or []
        indicators.append(
            Indicator(
                id=raw["id"],
                title=dict(raw["title"]),
                description=dict(raw.get("description") or {}),
                severity=raw["severity"],
                evaluator=raw["evaluator"],
                parameters=dict(params),
                requirement=[req] if isinstance(req, str) else list(req),
            )
        )
    return IndicatorLibrary(
        id=doc["id"],
        version=str(doc["version"]),
        title=dict(doc["title"]),
        indicators=indicators,
        data=dict(doc.get("data") or {}),
        source=name,
    )


# parameters that name a list under ``data``
_DATA_PARAMS = {"programmes", "funders", "categories"}
