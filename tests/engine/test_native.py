"""The name matcher's compiled modules: the same results as the source, never a stale build."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

from rsec import _native

#: pairs across scripts and kinds, each path of the matcher (readings, alignment, qualifiers)
PAIRS = [
    ("山田太郎", "Taro Yamada", "Person"),
    ("やまだ たろう", "YAMADA, Taro", "Person"),
    ("ヤマダ タロウ", "Jiro Yamada", "Person"),
    ("张伟", "Wei Zhang", "Person"),
    ("김민준", "Kim Min-jun", "Person"),
    ("Ким Мин Чжун", "Kim Min-ho", "Person"),
    ("Гнатюк Микола", "Mykola Hnatiuk", "Person"),
    ("محمد علي", "Mohammed Ali", "Person"),
    ("SALMAN BIN MUHAMMAD", "MUHAMMAD BIN SALMAN", "Person"),
    ("北京航空航天大学", "Beihang University", "Organization"),
    ("哈尔滨工业大学", "哈爾浜工業大学", "Organization"),
    ("University of Tokyo", "Tokyo University of Science", "Organization"),
    ("株式会社サンプル商事", "Sample Shoji Co., Ltd.", "Company"),
    ("Новосибирский государственный университет", "Novosibirsk State University", "Organization"),
]

SCORE_SCRIPT = """
import importlib, json, sys
from rsec import _native
for module in _native.COMPILED:
    importlib.import_module(module)
from rsec.engine.lists.model import ListEntity, Name
from rsec.engine.names import Matcher, Query, latin_keys
m = Matcher()
out = []
for q, c, schema in json.loads(sys.argv[1]):
    r = m.compare(Query(q, schema), ListEntity(id="t", schema=schema, names=[Name.of(c)], list="t"))
    out.append([round(r.score, 12), r.explanation, sorted(latin_keys(q, schema))])
print(json.dumps({"results": out, "status": _native.status()}))
"""


def _run(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != _native.PURE_PYTHON_ENV}
    if pure:
        env[_native.PURE_PYTHON_ENV] = "1"
    proc = subprocess.run(
        [sys.executable, "-c", SCORE_SCRIPT, json.dumps(PAIRS)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_compiled_and_source_give_the_same_scores_keys_and_explanations():
    pure, default = _run(pure=True), _run(pure=False)
    assert set(pure["status"].values()) == {"pure Python"}
    assert pure["results"] == default["results"]
    # the results are the matcher's, not empty placeholders
    assert pure["results"][0][0] >= 0.7 and pure["results"][2][0] < 0.7 and pure["results"][0][2]


def test_the_installed_build_runs_compiled():
    """``make test`` installs rsec with its compiled modules (setup.py): every one of them is in use,
    unless the environment asks for pure Python."""
    status = _run(pure=bool(os.environ.get(_native.PURE_PYTHON_ENV)))["status"]
    expected = "pure Python" if os.environ.get(_native.PURE_PYTHON_ENV) else "compiled"
    assert set(_native.COMPILED) <= set(status)
    assert set(status.values()) == {expected}, f"{status} (after an edit, `make install` rebuilds them)"


def _fake_build(tmp_path: Path, module: str) -> tuple[Path, Path]:
    """A package directory holding ``module``'s source and a compiled file beside it (never loaded:
    the finder only chooses which of the two to import)."""
    stem = module.rpartition(".")[2]
    source = tmp_path / f"{stem}.py"
    source.write_text("VALUE = 1\n")
    compiled = tmp_path / f"{stem}{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    compiled.write_bytes(b"")
    return source, compiled


def test_a_compiled_module_is_imported_only_while_its_source_is_unchanged(tmp_path):
    module = "rsec.engine.names.features"
    source, compiled = _fake_build(tmp_path, module)
    current = hashlib.sha256(source.read_bytes()).hexdigest()

    finder = _native.CompiledWhileCurrent({module: current})
    spec = finder.find_spec(module, [str(tmp_path)])
    assert isinstance(spec.loader, importlib.machinery.ExtensionFileLoader) and spec.origin == str(compiled)
    assert finder.status[module] == "compiled"

    source.write_text("VALUE = 2\n")  # edited since the build
    spec = finder.find_spec(module, [str(tmp_path)])
    assert isinstance(spec.loader, importlib.machinery.SourceFileLoader) and spec.origin == str(source)
    assert finder.status[module] == "stale"

    finder = _native.CompiledWhileCurrent({})  # no manifest: the build made nothing it vouches for
    assert isinstance(finder.find_spec(module, [str(tmp_path)]).loader, importlib.machinery.SourceFileLoader)
    assert finder.status[module] == "not built"

    finder = _native.CompiledWhileCurrent({module: hashlib.sha256(b"VALUE = 2\n").hexdigest()}, pure=True)
    assert isinstance(finder.find_spec(module, [str(tmp_path)]).loader, importlib.machinery.SourceFileLoader)
    assert finder.status[module] == "pure Python"
    # modules it does not compile are left to Python's own finders
    assert finder.find_spec("rsec.engine.names.nickname_data", [str(tmp_path)]) is None


def test_a_broken_manifest_counts_as_no_build(tmp_path):
    (tmp_path / _native.MANIFEST).write_text("{not json")
    assert _native.read_manifest(tmp_path) == {}
    (tmp_path / _native.MANIFEST).write_text(json.dumps({"rsec.engine.names.features": "ab"}))
    assert _native.read_manifest(tmp_path) == {"rsec.engine.names.features": "ab"}
