"""Machine-checkable conditions of framework libraries (e.g. a contract clause's check).

A condition is data: ``{field, op, value}`` or ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}``.
``value: {param: NAME}`` refers to a parameter of the clause, so a figure such as the state's
minimum IP share (M-5) is a parameter an institution can read and adjust, not a constant in code.

Evaluation is three-valued: ``True``/``False``, or ``None`` when a fact (or a parameter left open
by the source) is missing — an officer then has to look, the system does not guess.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_MISSING = object()
VALUELESS_OPS = frozenset({"present", "absent", "true", "false"})


@dataclass(frozen=True)
class Outcome:
    """Result of a condition with a human-readable explanation."""

    value: bool | None
    detail: str


def fact(facts: Mapping[str, Any], field: str) -> Any:
    """The value at dotted ``field`` of ``facts`` or ``_MISSING``."""
    current: Any = facts
    for part in field.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        else:
            return _MISSING
    return current


def _resolve(value: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(value, Mapping) and set(value) == {"param"}:
        return params.get(value["param"], _MISSING)
    return value


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "in":
        return left in right
    if op == "not_in":
        return left not in right
    if op == ">=":
        return left >= right
    if op == ">":
        return left > right
    if op == "<=":
        return left <= right
    if op == "<":
        return left < right
    raise ValueError(f"unknown operator {op!r}")


def evaluate(
    condition: Mapping[str, Any], facts: Mapping[str, Any], params: Mapping[str, Any] | None = None
) -> Outcome:
    """Evaluate ``condition`` over ``facts``; parameters resolve ``{param: NAME}`` values."""
    params = params or {}
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        outcomes = [evaluate(c, facts, params) for c in condition[key]]
        values = [o.value for o in outcomes]
        decisive = False if key == "all" else True
        if decisive in values:
            value: bool | None = decisive
        elif None in values:
            value = None
        else:
            value = not decisive
        joiner = " and " if key == "all" else " or "
        return Outcome(value, "(" + joiner.join(o.detail for o in outcomes) + ")")
    if "not" in condition:
        inner = evaluate(condition["not"], facts, params)
        return Outcome(None if inner.value is None else not inner.value, f"not {inner.detail}")

    field, op = condition["field"], condition["op"]
    left = fact(facts, field)
    if op == "present":
        return Outcome(left is not _MISSING and left is not None, f"{field} present")
    if op == "absent":
        return Outcome(left is _MISSING or left is None, f"{field} absent")
    if left is _MISSING or left is None:
        return Outcome(None, f"{field} unknown")
    if op in ("true", "false"):
        if not isinstance(left, bool):
            return Outcome(None, f"{field}={left!r} is not true/false")
        return Outcome(left is (op == "true"), f"{field}={left!r}")
    right = _resolve(condition["value"], params)
    if right is _MISSING or right is None:
        name = condition["value"].get("param") if isinstance(condition["value"], Mapping) else "value"
        return Outcome(None, f"{field} {op} {name}: parameter not set")
    try:
        result = _compare(op, left, right)
    except TypeError:
        return Outcome(None, f"{field}={left!r} cannot be compared with {right!r}")
    return Outcome(result, f"{field}={left!r} {op} {right!r}")


def iter_leaves(condition: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every ``{field, op, value}`` leaf of ``condition``."""
    if "all" in condition or "any" in condition:
        for sub in condition.get("all") or condition.get("any") or []:
            yield from iter_leaves(sub)
    elif "not" in condition:
        yield from iter_leaves(condition["not"])
    else:
        yield condition
