"""The indicator library (リスク指標ライブラリ): ``rsec/frameworks/indicators.yaml`` as objects.

The YAML chooses and parameterises the evaluators; this module only reads it. It follows the
frameworks conventions (``id``, ``version``, ``kind``, bilingual ``title``, ``source``, ``items`` with
``id`` and ``{ja, en}`` texts) and is validated against the frameworks base schema when that schema
is installed; then each item is checked for what indicators need (a registered evaluator, a known
severity, parameters as a mapping).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "frameworks" / "indicators.yaml"
BASE_SCHEMA = Path(__file__).resolve().parents[2] / "frameworks" / "schemas" / "base.json"
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


def load_library(path: str | Path | None = None) -> IndicatorLibrary:
    from rsec.engine.indicators.evaluators import EVALUATORS

    p = Path(path) if path else DEFAULT_PATH
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndicatorLibraryError(str(p), "", "file not found") from None
    except yaml.YAMLError as exc:
        raise IndicatorLibraryError(str(p), "", f"invalid YAML: {exc}") from None
    if not isinstance(doc, dict):
        raise IndicatorLibraryError(str(p), "", "not a mapping")
    if BASE_SCHEMA.exists():
        import jsonschema

        validator = jsonschema.Draft202012Validator(json.loads(BASE_SCHEMA.read_text(encoding="utf-8")))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            where = ".".join(str(x) for x in errors[0].absolute_path)
            raise IndicatorLibraryError(str(p), where, errors[0].message)
    items = doc.get("items")
    if not isinstance(items, list) or not items:
        raise IndicatorLibraryError(str(p), "items", "no indicators")
    indicators = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        where = f"items[{i}]"
        if not isinstance(raw, dict):
            raise IndicatorLibraryError(str(p), where, "not a mapping")
        for key in ("id", "title", "severity", "evaluator"):
            if key not in raw:
                raise IndicatorLibraryError(str(p), f"{where}.{key}", "missing")
        if raw["id"] in seen:
            raise IndicatorLibraryError(str(p), f"{where}.id", f"duplicate id {raw['id']!r}")
        seen.add(raw["id"])
        if raw["severity"] not in SEVERITIES:
            raise IndicatorLibraryError(str(p), f"{where}.severity", f"unknown severity {raw['severity']!r}")
        if raw["evaluator"] not in EVALUATORS:
            raise IndicatorLibraryError(
                str(p),
                f"{where}.evaluator",
                f"unknown evaluator {raw['evaluator']!r}; known: {sorted(EVALUATORS)}",
            )
        params = raw.get("parameters") or {}
        if not isinstance(params, dict):
            raise IndicatorLibraryError(str(p), f"{where}.parameters", "not a mapping")
        for key, value in params.items():
            if key.startswith("severity") and value not in SEVERITIES:
                raise IndicatorLibraryError(
                    str(p), f"{where}.parameters.{key}", f"unknown severity {value!r}"
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
        source=str(p),
    )
