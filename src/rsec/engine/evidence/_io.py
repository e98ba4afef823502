"""Streaming input helpers shared by the evidence readers: transparent gzip, JSON lines / JSON documents,
XML through defusedxml, and :class:`EvidenceFormatError`."""

from __future__ import annotations

import gc
import gzip
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import orjson

try:  # ISA-L gunzip is 2-3x faster than zlib's; optional
    from isal import igzip as _gzip_impl
except ImportError:  # pragma: no cover - isal missing
    _gzip_impl = gzip

READ_BUFFER = 1 << 20  # 1 MiB read buffer: fewer syscalls and decompressor calls per line

PathLike = str | os.PathLike


_GC_LOCK = threading.Lock()
_GC_USERS = 0
_GC_SAVED: tuple[int, ...] = ()
BULK_GC_GEN0 = 20_000


@contextmanager
def bulk_gc() -> Iterator[None]:
    """Collect young objects less often while a bulk reader runs.

    A parsed snapshot record is a tree of hundreds of dicts and lists that dies young; with the default
    generation-0 threshold (700 allocations) the cyclic collector walks each tree several times, which
    costs 15-20% of ingestion time. The threshold is raised while any bulk reader is active (nesting
    counted) and restored afterwards; collection is deferred, never disabled.
    """
    global _GC_USERS, _GC_SAVED
    with _GC_LOCK:
        if _GC_USERS == 0:
            _GC_SAVED = gc.get_threshold()
            if _GC_SAVED[0] and _GC_SAVED[0] < BULK_GC_GEN0:
                gc.set_threshold(BULK_GC_GEN0, *_GC_SAVED[1:])
        _GC_USERS += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_USERS -= 1
            if _GC_USERS == 0 and _GC_SAVED:
                gc.set_threshold(*_GC_SAVED)


class EvidenceFormatError(ValueError):
    """Malformed evidence input; names the file, the line / element and, where known, the field."""

    def __init__(self, file: str, location: str, message: str, field: str = ""):
        self.file = str(file)
        self.location = location
        self.field = field
        self.reason = message
        where = f"{self.file}: {location}" if location else self.file
        if field:
            where += f": field {field!r}"
        super().__init__(f"{where}: {message}")


def _name(path: Any) -> str:
    if hasattr(path, "read"):  # an open file: its name, or a placeholder
        return str(getattr(path, "name", "<stream>"))
    return str(path)


@contextmanager
def open_binary(path: PathLike | IO[bytes]) -> Iterator[IO[bytes]]:
    """Open ``path`` for buffered binary reading; gzip (by magic bytes) is decompressed on the fly.

    ``path`` may also be an already open binary file object (it is not closed here).
    """
    if hasattr(path, "read"):
        fh = path
        raw = fh if isinstance(fh, io.BufferedIOBase) and hasattr(fh, "peek") else io.BufferedReader(fh)  # type: ignore[arg-type]
        if raw.peek(2)[:2] == b"\x1f\x8b":
            gz = _gzip_impl.GzipFile(fileobj=raw, mode="rb")
            yield io.BufferedReader(gz, buffer_size=READ_BUFFER)
        else:
            yield raw
        return
    try:
        raw = open(path, "rb", buffering=READ_BUFFER)
    except OSError as exc:
        raise EvidenceFormatError(str(path), "", f"cannot open: {exc.strerror or exc}") from exc
    try:
        if raw.peek(2)[:2] == b"\x1f\x8b":
            gz = _gzip_impl.GzipFile(fileobj=raw, mode="rb")
            with io.BufferedReader(gz, buffer_size=READ_BUFFER) as fh:
                yield fh
        else:
            yield raw
    finally:
        raw.close()


def _container_items(obj: Any, keys: tuple[str, ...]) -> tuple[list | None, str]:
    """If ``obj`` is a known wrapper (API response, dump), return its item list and the key used."""
    if isinstance(obj, list):
        return obj, ""
    if isinstance(obj, dict):
        for key in keys:
            value = obj.get(key)
            if isinstance(value, list):
                return value, key
            if isinstance(value, dict) and key == "message":  # Crossref {"message": {...}}
                items = value.get("items")
                if isinstance(items, list):
                    return items, "message.items"
                return [value], "message"
    return None, ""


def iter_json(
    path: PathLike | IO[bytes], containers: tuple[str, ...] = ("results",)
) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, object)`` from JSON lines or a JSON document (gzip transparent).

    Both are streamed. JSON lines: one line in memory at a time. A JSON document that spans several lines
    (an API page, a pretty-printed array or dump) is parsed incrementally (:func:`_stream_document`),
    one item in memory at a time. A line or a document that is a wrapper — a JSON array or an object
    holding one of ``containers`` as a list (e.g. an API response's ``results``) — is expanded into its
    items.
    """
    name = _name(path)
    with open_binary(path) as fh:
        first = fh.readline()
        while first and not first.strip():
            first = fh.readline()
        if not first:
            return
        try:
            first_obj = orjson.loads(first)
        except orjson.JSONDecodeError:
            first_obj = None
        if first_obj is None:  # a multi-line JSON document
            yield from _stream_document(_Prepended(first, fh), containers, name)
            return
        yield from _expand(first_obj, containers, "line 1")
        loads = orjson.loads
        decode_error = orjson.JSONDecodeError
        lineno = 1
        for line in fh:  # the hot loop of snapshot ingestion: keep it lean
            lineno += 1
            try:
                obj = loads(line)
            except decode_error as exc:
                if not line.strip():
                    continue
                raise EvidenceFormatError(name, f"line {lineno}", f"invalid JSON ({exc.msg})") from exc
            if type(obj) is dict and not any(key in obj for key in containers):
                yield f"line {lineno}", obj
            else:
                yield from _expand(obj, containers, f"line {lineno}")


class _Prepended(io.RawIOBase):
    """A binary stream: ``head`` (already read) followed by the rest of ``fh``."""

    def __init__(self, head: bytes, fh: IO[bytes]):
        self._head = head
        self._fh = fh

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self._head:
            if n is None or n < 0:
                out, self._head = self._head + self._fh.read(), b""
                return out
            out, self._head = self._head[:n], self._head[n:]
            return out
        return self._fh.read(n)

    def readinto(self, buffer) -> int:  # pragma: no cover - ijson reads through read()
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


_VALUE_EVENTS = frozenset(
    {"start_map", "start_array", "null", "boolean", "integer", "double", "number", "string"}
)


def _stream_document(fh: IO[bytes], containers: tuple[str, ...], name: str) -> Iterator[tuple[str, Any]]:
    """Items of a JSON document, parsed incrementally (``ijson``): a top-level array's elements, or the
    list held by the first of ``containers`` present at the top level (``message.items`` for Crossref),
    or else the document itself. Only the item being read, and the rest of the document without the
    streamed items, are held in memory."""
    import ijson

    labels = {"item": "element"}  # ijson prefix of an item -> label of its location
    for key in containers:
        labels.setdefault(f"{key}.item", key)
    if "message" in containers:
        labels["message.items.item"] = "message.items"
    parent = {p: p[: -len(".item")] if p.endswith(".item") else "" for p in labels}
    arrays = set(parent.values())
    rest = ijson.ObjectBuilder()  # the document without the streamed items (small)
    started: set[str] = set()  # container arrays opened at their place
    streaming: str | None = None  # the prefix of the items being streamed
    item: Any = None
    depth = count = 0
    where = "document"
    try:
        for prefix, event, value in ijson.parse(fh, use_float=True):
            if item is not None:  # inside an item: build it, yield it when it closes
                item.event(event, value)
                if event == "start_map" or event == "start_array":
                    depth += 1
                elif event == "end_map" or event == "end_array":
                    depth -= 1
                if depth == 0:
                    yield where, item.value
                    count += 1
                    item = None
                    where = f"{labels[prefix]}[{count}]"
                continue
            if event == "start_array" and streaming is None and prefix in arrays:
                started.add(prefix)
            elif (
                prefix in labels
                and event in _VALUE_EVENTS
                and parent[prefix] in started
                and streaming in (None, prefix)
            ):
                streaming = prefix
                where = f"{labels[prefix]}[{count}]"
                item = ijson.ObjectBuilder()
                item.event(event, value)
                depth = 1 if event == "start_map" or event == "start_array" else 0
                if depth == 0:  # a scalar item
                    yield where, item.value
                    count += 1
                    item = None
                    where = f"{labels[prefix]}[{count}]"
                continue
            rest.event(event, value)
    except ijson.JSONError as exc:
        # the parser's first line only: the next ones quote the file's content (it may be personal data)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise EvidenceFormatError(name, where, f"invalid JSON ({reason})") from exc
    if streaming is None and hasattr(rest, "value"):
        yield from _expand(rest.value, containers, "")


def _expand(obj: Any, containers: tuple[str, ...], where: str) -> Iterator[tuple[str, Any]]:
    items, key = _container_items(obj, containers)
    if items is None:
        yield (where or "document"), obj
        return
    prefix = f"{where} " if where else ""
    label = f"{key}" if key else "element"
    for i, item in enumerate(items):
        yield f"{prefix}{label}[{i}]", item


def text_of(value: Any) -> str:
    """Text of a scalar or a ``{"value": …}`` wrapper (ORCID JSON), stripped; "" for None."""
    while isinstance(value, dict) and "value" in value:
        value = value["value"]
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]
