"""Finding, reading and validating framework libraries.

Libraries are YAML files in the package directory ``rsec/frameworks/`` and in the directories named
by ``RSEC_FRAMEWORKS_PATH`` (``os.pathsep``-separated, like ``PATH``). When several files carry the
same library id, the highest semantic version wins, so an institution overrides a shipped library by
publishing its own copy with a higher version. Two different files with the same id and version are
a conflict and are rejected rather than resolved by search order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rsec.engine.frameworks import schema
from rsec.engine.frameworks.errors import FrameworkError, Issue, LibraryNotFound
from rsec.engine.frameworks.model import Library, library_class
from rsec.engine.frameworks.yamlio import PathElem, format_path, line_at, load_yaml

ENV_VAR = "RSEC_FRAMEWORKS_PATH"
PACKAGE_DIR = schema.PACKAGE_DIR
SUFFIXES = (".yaml", ".yml")

# Top-level keys whose lists of {id: …} share one id namespace; everything under ``items``
# (items, criteria sub-items, follow-up checks, considerations) is one namespace, since items are
# referred to by id from cases, findings and other libraries.
_ITEMS_KEY = "items"


def search_path() -> list[Path]:
    """The package directory, then every directory of ``RSEC_FRAMEWORKS_PATH``."""
    dirs = [PACKAGE_DIR]
    for part in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if not part.strip():
            continue
        path = Path(part).expanduser()
        if not path.is_dir():
            raise FrameworkError.single(path, f"is not a directory (from {ENV_VAR})")
        dirs.append(path)
    return dirs


def _duplicate_ids(data: Mapping[str, Any]) -> list[tuple[list[PathElem], str]]:
    problems: list[tuple[list[PathElem], str]] = []

    def walk(value: Any, path: list[PathElem], seen: dict[str, str]) -> None:
        if isinstance(value, Mapping):
            for key, sub in value.items():
                walk(sub, [*path, key], seen)
        elif isinstance(value, list):
            for n, sub in enumerate(value):
                if isinstance(sub, Mapping) and isinstance(sub.get("id"), str):
                    where = format_path([*path, n, "id"])
                    first = seen.setdefault(sub["id"], where)
                    if first != where:
                        problems.append(([*path, n, "id"], f"duplicate id {sub['id']!r} (first at {first})"))
                walk(sub, [*path, n], seen)

    for key, value in data.items():
        walk(value, [key], {})  # one namespace per top-level key
    return problems


@dataclass(frozen=True)
class _Cached:
    stamp: tuple[int, int]
    library: Library


_cache: dict[Path, _Cached] = {}


def read_library(path: str | Path) -> Library:
    """Read and validate one library file; raise :class:`FrameworkError` listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise FrameworkError.single(name, f"cannot read: {exc.strerror or exc}") from None
    key = path.resolve()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached.library
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkError.single(name, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise FrameworkError.single(name, f"cannot read: {exc.strerror or exc}") from None
    library = parse_library(text, name, path=path)
    _cache[key] = _Cached(stamp, library)
    return library


def parse_library(text: str, file: str, path: Path | None = None) -> Library:
    """Validate YAML ``text`` (named ``file`` in errors) and build its typed :class:`Library`."""
    data, root = load_yaml(text, file)
    issues = schema.validate(data, file, root)
    if not issues and isinstance(data, Mapping):
        cls = library_class(data["kind"])
        problems = _duplicate_ids(data) + cls.cross_check(data)
        issues = [Issue(file, format_path(p), msg, line_at(root, p)) for p, msg in problems]
    if issues:
        raise FrameworkError(sorted(issues, key=lambda i: (i.line or 0, i.path)))
    return library_class(data["kind"]).from_data(data, path=path)


def _files(dirs: Iterable[Path]) -> list[Path]:
    out = []
    for d in dirs:
        out.extend(sorted(p for p in d.iterdir() if p.suffix in SUFFIXES and p.is_file()))
    return out


def candidates(dirs: Iterable[Path] | None = None) -> dict[str, list[Library]]:
    """Every library on the search path, grouped by id, highest version first."""
    groups: dict[str, list[Library]] = {}
    issues: list[Issue] = []
    for file in _files(search_path() if dirs is None else dirs):
        try:
            lib = read_library(file)
        except FrameworkError as exc:
            issues.extend(exc.issues)
            continue
        groups.setdefault(lib.id, []).append(lib)
    if issues:
        raise FrameworkError(issues)
    for lib_id, libs in groups.items():
        libs.sort(key=lambda lib: lib.semver, reverse=True)
        top = libs[0]
        for other in libs[1:]:
            if other.semver == top.semver and other.data != top.data:
                raise FrameworkError.single(
                    other.path or lib_id,
                    f"library {lib_id!r} version {top.version} is also defined, differently, in {top.path}; "
                    "give the override a higher version",
                    path="version",
                )
    return groups


def list_libraries() -> list[Library]:
    """The effective libraries (highest version of each id), sorted by id."""
    return [libs[0] for _id, libs in sorted(candidates().items())]


def _looks_like_path(ref: str | Path) -> bool:
    if isinstance(ref, Path):
        return True
    return ref.endswith(SUFFIXES) or os.sep in ref or (os.altsep is not None and os.altsep in ref)


def load_library(path_or_id: str | Path, version: str | None = None) -> Library:
    """A library by file path, or by id from the search path (highest version, or exactly ``version``)."""
    if _looks_like_path(path_or_id):
        return read_library(path_or_id)
    ref = str(path_or_id)
    libs = candidates().get(ref)
    if not libs:
        known = ", ".join(sorted(candidates())) or "none"
        raise LibraryNotFound.single(ref, f"no framework library with this id (known: {known})")
    if version is None:
        return libs[0]
    for lib in libs:
        if lib.version == version:
            return lib
    have = ", ".join(lib.version for lib in libs)
    raise LibraryNotFound.single(ref, f"no version {version} (available: {have})")
