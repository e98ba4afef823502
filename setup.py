"""Build of rsec: everything is in pyproject.toml, except the name matcher's compiled modules.

The modules of the name matcher and of bulk screening (``rsec._native.COMPILED``) are also compiled
by Cython from their unchanged Python source (annotations are not read as C types, so the compiled
module behaves as the source does); screening runs about a fifth faster. One module,
``rsec.engine.names.ranking``, turns annotation typing on in its header: its loops over the key index
run as C, and as plain Python they are the same algorithm (the annotations are never evaluated). The extensions are optional:
where no C compiler is at hand the package installs and runs as pure Python. ``RSEC_PURE_PYTHON=1``
at build time skips them. Each build records the SHA-256 of every compiled source in
``rsec/_native.json``; a compiled module whose source has changed since is not imported (the source
is), so an edit never runs stale compiled code (``rsec._native``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SRC = Path(__file__).resolve().parent / "src"
sys.path.insert(0, str(SRC / "rsec"))
from _native import COMPILED, MANIFEST  # noqa: E402  (rsec's own list, read without importing rsec)

sys.path.pop(0)


def _source(module: str) -> Path:
    return SRC.joinpath(*module.split(".")).with_suffix(".py")


class BuildCompiled(build_ext):
    """build_ext on both cores, writing the manifest of the compiled sources beside the package."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        super().run()
        built = {
            ext.name: SOURCE_HASHES[ext.name]
            for ext in self.extensions
            if ext.name in SOURCE_HASHES and Path(self.get_ext_fullpath(ext.name)).exists()
        }
        package_dir = Path(self.get_ext_fullpath("rsec._x")).parent
        package_dir.mkdir(parents=True, exist_ok=True)
        (package_dir / MANIFEST).write_text(json.dumps(built, indent=1, sort_keys=True) + "\n")


def _extensions() -> list[Extension]:
    if os.environ.get("RSEC_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    exts = [
        Extension(module, [str(_source(module).relative_to(SRC.parent))], optional=True)
        for module in COMPILED
    ]
    # each source's hash is taken before Cython reads it, and every C file is made again from the source
    # (not only those older than it): the manifest then never vouches for code compiled from another text
    SOURCE_HASHES.update((m, hashlib.sha256(_source(m).read_bytes()).hexdigest()) for m in COMPILED)
    directives = {"language_level": 3, "binding": True, "annotation_typing": False}
    return cythonize(exts, compiler_directives=directives, quiet=True, force=True)


#: module → SHA-256 of the source handed to Cython in this build
SOURCE_HASHES: dict[str, str] = {}


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildCompiled})
