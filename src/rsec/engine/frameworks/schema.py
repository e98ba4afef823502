"""JSON Schemas of the framework libraries (one common base plus one schema per kind).

The schemas live beside the libraries in ``rsec/frameworks/schemas/``: ``base.json`` and
``<kind>.json``. A kind exists exactly when its schema file exists — adding a kind is adding a file.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
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


def _flatten(error: ValidationError) -> list[ValidationError]:
    """The errors that explain a oneOf/anyOf failure, instead of its summary.

    The branch chosen is the one whose errors lie deepest in the instance — the branch the data
    matched furthest (for ``{all: [...]}`` conditions, the ``all`` branch, not the leaf branch).
    """
    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.relative_schema_path[0]].append(sub)
    best = max(branches.values(), key=lambda errs: min(len(e.absolute_path) for e in errs))
    return [flat for sub in best for flat in _flatten(sub)]


def _declared(schema: Any, seen: set[int] | None = None) -> set[str]:
    """Property names a schema declares, following allOf and $ref."""
    seen = set() if seen is None else seen
    if not isinstance(schema, dict) or id(schema) in seen:
        return set()
    seen.add(id(schema))
    names = set(schema.get("properties", {}))
    for sub in schema.get("allOf", []):
        names |= _declared(sub, seen)
    if "$ref" in schema:
        names |= _declared(_registry().resolver().lookup(schema["$ref"]).contents, seen)
    return names


def _unexpected(error: ValidationError) -> list[str]:
    """For an unevaluatedProperties error, the keys the schema does not declare at all.

    When another keyword of the same object failed, JSON Schema 2020-12 also reports every declared
    property as unevaluated; those are noise, the real problem is reported on its own.
    """
    instance = error.instance if isinstance(error.instance, dict) else {}
    declared = _declared(error.schema)
    return [key for key in instance if key not in declared]


def _issue(file: str, root: Node | None, error: ValidationError) -> Issue:
    path = list(error.absolute_path)
    message = error.message
    if error.validator == "required":
        # "'en' is a required property" at items[3].title -> items[3].title.en: is a required property
        missing = message.split("'")[1] if message.count("'") >= 2 else None
        line = line_at(root, path)
        if missing is not None:
            return Issue(file, format_path([*path, missing]), "is a required property", line)
    elif error.validator == "not" and set(error.validator_value) == {"required"}:
        names = ", ".join(error.validator_value["required"])
        message = f"{names} must not be given here"
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
    issues = []
    for error in (flat for e in errors for flat in _flatten(e)):
        if error.validator in ("unevaluatedProperties", "additionalProperties") and isinstance(
            error.instance, dict
        ):
            if error.validator == "unevaluatedProperties":
                keys = _unexpected(error)
            else:
                keys = [k for k in error.instance if k not in error.schema.get("properties", {})]
            path = list(error.absolute_path)
            for key in keys:
                issues.append(
                    Issue(
                        file,
                        format_path([*path, key]),
                        "is not an allowed property",
                        line_at(root, [*path, key]),
                    )
                )
            continue
        issues.append(_issue(file, root, error))
    unique: dict[tuple[str, str], Issue] = {}
    for issue in issues:
        unique.setdefault((issue.path, issue.message), issue)
    return sorted(unique.values(), key=lambda i: (i.line or 0, i.path))
