"""Engine evidence records to and from the JSON stored in :class:`EvidenceRecord.payload`.

The payload is ``dataclasses.asdict`` of the record; its class is kept beside it (``kind``: work, grant,
patent …) — not inside it, since a patent has a ``kind`` field of its own. :func:`from_payload` rebuilds
the dataclass (nested dataclasses, lists, ``X | None``, tuples) so that a due-diligence run works from the
database alone, exactly as it would from the original file.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any

from rsec.engine.evidence import model as em

KINDS = {
    cls.__name__.lower(): cls
    for cls in (em.Work, em.Author, em.Institution, em.Funder, em.Grant, em.Position, em.Patent)
}


class PayloadError(ValueError):
    """A stored payload that does not fit the engine's record classes."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(em))


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], value) if len(args) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_build(item, v) for v in value]
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(_build(a, v) for a, v in zip(args, value, strict=False))
    if origin is dict:
        return dict(value)
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, value)
    return value


def _dataclass(cls: type, data: dict) -> Any:
    if not isinstance(data, dict):
        raise PayloadError(f"{cls.__name__}: expected an object")
    hints = _hints(cls)
    kwargs = {f.name: _build(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**kwargs)


def kind_of(record: Any) -> str:
    return type(record).__name__.lower()


def to_payload(record: Any) -> dict:
    return dataclasses.asdict(record)


def from_payload(kind: str, payload: dict) -> Any:
    data = dict(payload)
    try:
        cls = KINDS[kind]
    except KeyError:
        raise PayloadError(f"unknown record kind {kind!r}") from None
    return _dataclass(cls, data)


def label(record: Any) -> str:
    """A short human label of a record: title, name or number."""
    for attr in ("title", "name"):
        value = getattr(record, attr, "")
        if value:
            return str(value)
    inst = getattr(record, "institution", None)
    if inst is not None and getattr(inst, "name", ""):
        return inst.name
    return getattr(record, "id", "")
