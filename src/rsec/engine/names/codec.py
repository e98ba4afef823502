"""Stored readings (読みの保存形式): prepared names written once at index build, read back on demand.

Preparing a name (:func:`rsec.engine.names.readings.prepare`) costs about 0.3 ms: dictionary look-ups,
transliteration, phonetic keys. A watch list does not change between screenings, so the screening index
stores every listed name already prepared and a query pays only for its own name. The format is JSON
(orjson), not pickle: an index directory can be copied between machines, and reading it must never
execute anything.

A prepared name is only valid for the name analysis that produced it. :func:`fingerprint` identifies
that analysis (the source of this package and the versions of the dictionaries it reads); an index
records it, and refuses stored readings made by another version.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import orjson

from .readings import PreparedName, Reading, Token

#: Distributions whose data shape the readings (dictionaries, transliteration tables).
DICTIONARIES = (
    "anyascii",
    "fugashi",
    "hangul-romanize",
    "hanja",
    "iuliia",
    "jaconv",
    "jamdict",
    "jamdict-data",
    "korean-romanizer",
    "opencc",
    "pypinyin",
    "rapidfuzz",
    "unidic-lite",
)


#: Modules of this package that score, not read: a change to the matcher's features or weights, the
#: index or the evaluation leaves stored readings and keys valid. Every other module (readings,
#: normalisation, transliteration, dictionaries, keys, this codec) is part of the name analysis.
SCORING_MODULES = frozenset({"__init__", "config", "evaluate", "features", "index", "matcher", "ranking"})


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Identifier of the name analysis: a hash of the modules that make readings and keys, and of the
    dictionaries' versions."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.stem not in SCORING_MODULES:
            h.update(path.stem.encode())
            h.update(path.read_bytes())
    for dist in DICTIONARIES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist}={version};".encode())
    return h.hexdigest()[:32]


def _token(t: Token) -> list:
    return [t.alts, t.notes, t.role, t.generic, t.phons, t.jfolds, t.fines, t.lengths, t.light]


def _reading(r: Reading) -> list:
    return [[_token(t) for t in r.tokens], r.method, r.translit, r.japanese, r.detail, r.japanese_name]


def encode(p: PreparedName) -> bytes:
    """``p`` as compact JSON: nested arrays in field order."""
    return orjson.dumps(
        [
            p.original,
            p.script,
            p.kind,
            [_reading(r) for r in p.readings],
            sorted(p.legal_forms),
            [_reading(r) for r in p.written],
        ]
    )


# Decoding fills the frozen dataclasses' __dict__ directly: the generated __init__ of a frozen dataclass
# sets each field through object.__setattr__, which would cost more than reading the JSON.
_new = object.__new__


def _dec_token(x: list) -> Token:
    t = _new(Token)
    t.__dict__.update(
        alts=tuple(x[0]),
        notes=tuple(x[1]),
        role=x[2],
        generic=x[3],
        phons=tuple(x[4]),
        jfolds=tuple(x[5]),
        fines=tuple(x[6]),
        lengths=tuple(x[7]),
        light=x[8],
    )
    return t


def _dec_reading(x: list) -> Reading:
    r = _new(Reading)
    r.__dict__.update(
        tokens=tuple(map(_dec_token, x[0])),
        method=x[1],
        translit=x[2],
        japanese=x[3],
        detail=x[4],
        japanese_name=x[5],
    )
    return r


class CodecError(ValueError):
    """Stored readings that cannot be decoded."""


def decode(data: bytes | memoryview) -> PreparedName:
    """The :class:`PreparedName` written by :func:`encode`."""
    try:
        x = orjson.loads(bytes(data))
        p = _new(PreparedName)
        p.__dict__.update(
            original=x[0],
            script=x[1],
            kind=x[2],
            readings=tuple(map(_dec_reading, x[3])),
            legal_forms=frozenset(x[4]),
            written=tuple(map(_dec_reading, x[5])),
        )
    except (orjson.JSONDecodeError, IndexError, KeyError, TypeError) as exc:
        raise CodecError(f"unreadable stored reading: {exc}") from exc
    return p
