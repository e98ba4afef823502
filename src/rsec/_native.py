"""Compiled modules of the name matcher, imported only while they match their source.

``setup.py`` compiles the modules listed in :data:`COMPILED` with Cython from their unchanged Python
source and records each source's SHA-256 in ``_native.json`` beside this file. Python would import a
compiled module in preference to its source whatever the source says now; the finder installed here
imports the compiled module only while its source is the one it was compiled from, and the source
otherwise (an edit since the last build, a checkout of other code), so a stale build never runs.
``RSEC_PURE_PYTHON=1`` in the environment imports every module from its source.

This module imports nothing of rsec: ``setup.py`` reads :data:`COMPILED` from it before rsec is built.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

#: the modules compiled by ``setup.py``: the name analysis and matcher, and bulk screening around them
#: (not the dictionaries' data, ``nickname_data``, nor the benchmarks' ``evaluate``)
COMPILED: tuple[str, ...] = tuple(
    f"rsec.engine.names.{m}"
    for m in (
        "arabic", "chinese", "codec", "config", "cyrillic_asian", "features", "index", "japanese",
        "kana", "keys", "korean", "matcher", "nicknames", "normalize", "orgs", "phonetic", "ranking",
        "readings", "slavic",
    )
) + ("rsec.engine.lists.model", "rsec.engine.lists.screening")  # fmt: skip

#: the build's record of the compiled sources: module → SHA-256 of the source it was compiled from
MANIFEST = "_native.json"

PURE_PYTHON_ENV = "RSEC_PURE_PYTHON"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CompiledWhileCurrent(importlib.abc.MetaPathFinder):
    """Finds the modules of :data:`COMPILED`: the compiled one where the manifest records the source as
    it is now, the source otherwise. Every other module is left to the usual finders."""

    def __init__(self, manifest: dict[str, str], pure: bool = False):
        self.manifest = manifest
        self.pure = pure
        #: module → "compiled" or why the source was imported ("pure Python", "not built", "stale")
        self.status: dict[str, str] = {}

    def find_spec(self, fullname, path, target=None):
        if fullname not in COMPILED or not path:
            return None
        stem = fullname.rpartition(".")[2]
        for directory in path:
            source = Path(directory) / f"{stem}.py"
            if source.exists():
                break
        else:
            return None
        compiled = [
            p for s in importlib.machinery.EXTENSION_SUFFIXES if (p := source.with_name(stem + s)).exists()
        ]
        if self.pure:
            why = "pure Python"
        elif not compiled or fullname not in self.manifest:
            why = "not built"
        elif _sha256(source) != self.manifest[fullname]:
            why = "stale"
        else:
            self.status[fullname] = "compiled"
            loader = importlib.machinery.ExtensionFileLoader(fullname, str(compiled[0]))
            return importlib.util.spec_from_file_location(fullname, compiled[0], loader=loader)
        self.status[fullname] = why
        loader = importlib.machinery.SourceFileLoader(fullname, str(source))
        return importlib.util.spec_from_file_location(fullname, source, loader=loader)


def read_manifest(directory: Path) -> dict[str, str]:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def install() -> CompiledWhileCurrent:
    """Put the finder first on ``sys.meta_path`` (once per process) and return it."""
    for finder in sys.meta_path:
        if isinstance(finder, CompiledWhileCurrent):
            return finder
    finder = CompiledWhileCurrent(
        read_manifest(Path(__file__).parent), pure=bool(os.environ.get(PURE_PYTHON_ENV))
    )
    sys.meta_path.insert(0, finder)
    return finder


def up_to_date() -> bool:
    """Whether every module of :data:`COMPILED` has a compiled form built from its present source."""
    root = Path(__file__).parent.parent
    manifest = read_manifest(Path(__file__).parent)
    for module in COMPILED:
        source = root.joinpath(*module.split(".")).with_suffix(".py")
        built = any(
            source.with_name(source.stem + s).exists() for s in importlib.machinery.EXTENSION_SUFFIXES
        )
        if not built or manifest.get(module) != _sha256(source):
            return False
    return True


def status() -> dict[str, str]:
    """How each module of :data:`COMPILED` imported so far was imported: "compiled", or why not."""
    return dict(install().status)
