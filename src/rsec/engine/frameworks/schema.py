"""JSON Schemas of the framework libraries (one common base plus one schema per kind).

The schemas live beside the libraries in ``rsec/frameworks/schemas/``: ``base.json`` and
``<kind>.json``. A kind exists exactly when its schema file exists — adding a kind is adding a file.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from yaml.nodes import Node

from rsec.engine.frameworks.errors import Issue
from rsec.engine.frameworks.yamlio import format_path, line_at

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "frameworks"
SCHEMA_DIR = PACKAGE_DIR / "schemas"
BASE_ID = "urn:rsec:frameworks:base"


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return out


@functools.cache
def _registry() -> Registry:
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in _schemas().values()
    )


def known_kinds() -> list[str]:
    """Kinds with a schema, sorted."""
    return sorted(k for k in _schemas() if k != "base")


def schema_for(kind: str | None) -> dict[str, Any]:
    """The JSON Schema of ``kind`` (the base schema when ``kind`` is None)."""
    return _schemas()["base" if kind is None else kind]


@functools.cache
def _validator(kind: str | None) -> Draft202012Validator:
    schema = schema_for(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


def _flatten(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the most relevant branch error rather than the summary."""
    while error.context:
        error = best_match(error.context)
    return error


def _issue(file: str, root: Node | None, error: ValidationError) -> Issue:
    path = list(error.absolute_path)
    message = error.message
    if error.validator == "required":
        # "'en' is a required property" at items[3].title -> items[3].title.en: is a required property
        missing = message.split("'")[1] if message.count("'") >= 2 else None
        line = line_at(root, path)
        if missing is not None:
            return Issue(file, format_path([*path, missing]), "is a required property", line)
    elif error.validator == "pattern" and error.schema.get("description", "").startswith("Semantic version"):
        message = f"{error.instance!r} is not a semantic version (MAJOR.MINOR.PATCH)"
    elif error.validator == "pattern" and len(path) >= 1 and path[-1] in ("ja", "en"):
        script = "Japanese script" if path[-1] == "ja" else "Latin letters"
        message = f"{error.instance!r} contains no {script} (swapped or untranslated text?)"
    return Issue(file, format_path(path), message, line_at(root, path))


def validate(data: Any, file: str, root: Node | None = None) -> list[Issue]:
    """All schema problems of ``data`` (a parsed library), each with path and line."""
    if not isinstance(data, dict):
        return [Issue(file, "", "a framework library must be a YAML mapping", 1)]
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in known_kinds():
        issues = _collect(file, root, _validator(None).iter_errors(data))
        if not any(i.path == "kind" for i in issues):
            issues.append(
                Issue(
                    file,
                    "kind",
                    f"{kind!r} is not a known kind (known: {', '.join(known_kinds())})",
                    line_at(root, ["kind"]),
                )
            )
        return issues
    return _collect(file, root, _validator(kind).iter_errors(data))


def _collect(file: str, root: Node | None, errors: Iterable[ValidationError]) -> list[Issue]:
    issues = [_issue(file, root, _flatten(e)) for e in errors]
    # unevaluatedProperties reports every property of an object whose other keywords failed;
    # drop those reports when a more specific error inside the same object exists.
    specific = [i for i in issues if "Unevaluated properties" not in i.message]
    kept = [
        i
        for i in issues
        if "Unevaluated properties" not in i.message
        or not any(s.path.startswith(i.path) and s.path != i.path for s in specific)
    ]
    unique: dict[tuple[str, str], Issue] = {}
    for issue in kept:
        unique.setdefault((issue.path, issue.message), issue)
    return sorted(unique.values(), key=lambda i: (i.line or 0, i.path))
