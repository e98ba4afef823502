"""Institution libraries from RSEC_FRAMEWORKS_PATH override shipped ones by id and higher version (P-4)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rsec.engine.frameworks import (
    ENV_VAR,
    FrameworkError,
    LibraryNotFound,
    candidates,
    list_libraries,
    load_library,
)


def _institution_copy(directory: Path, shipped_text, name: str, version: str, edit=None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    text = shipped_text(name).replace('version: "1.0.0"', f'version: "{version}"', 1)
    if edit:
        text = edit(text)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _stricter_matrix(text: str) -> str:
    """An institution that rates unlikely × severe as high instead of medium."""
    return text.replace(
        "  low: {low: low, medium: low, high: medium}", "  low: {low: low, medium: low, high: high}"
    )


def test_higher_version_overrides_the_package(tmp_path, shipped_text, monkeypatch):
    """P-4: an institution's own risk matrix, published as 1.1.0, replaces the shipped 1.0.0 default."""
    assert load_library("risk_matrix").rate("low", "high").id == "medium"
    path = _institution_copy(tmp_path / "inst", shipped_text, "risk_matrix.yaml", "1.1.0", _stricter_matrix)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "inst"))
    lib = load_library("risk_matrix")
    assert lib.version == "1.1.0" and lib.path == path
    assert lib.rate("low", "high").id == "high"
    assert load_library("risk_matrix", version="1.0.0").rate("low", "high").id == "medium"
    assert [lib.version for lib in candidates()["risk_matrix"]] == ["1.1.0", "1.0.0"]
    assert {lib.id: lib.version for lib in list_libraries()}["risk_matrix"] == "1.1.0"


def test_lower_version_does_not_override(tmp_path, shipped_text, monkeypatch):
    _institution_copy(tmp_path / "inst", shipped_text, "risk_matrix.yaml", "0.9.0", _stricter_matrix)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "inst"))
    assert load_library("risk_matrix").version == "1.0.0"


def test_versions_compare_as_semver_not_as_strings(tmp_path, shipped_text, monkeypatch):
    """1.10.0 > 1.9.0 > 1.9.0-rc.1 (string order would say otherwise)."""
    for n, version in enumerate(["1.9.0", "1.10.0", "1.9.0-rc.1"]):
        _institution_copy(tmp_path / f"d{n}", shipped_text, "risk_matrix.yaml", version, _stricter_matrix)
    monkeypatch.setenv(ENV_VAR, os.pathsep.join(str(tmp_path / f"d{n}") for n in range(3)))
    assert [lib.version for lib in candidates()["risk_matrix"]] == ["1.10.0", "1.9.0", "1.9.0-rc.1", "1.0.0"]


def test_same_version_with_different_content_is_a_conflict(tmp_path, shipped_text, monkeypatch):
    path = _institution_copy(tmp_path / "inst", shipped_text, "risk_matrix.yaml", "1.0.0", _stricter_matrix)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "inst"))
    with pytest.raises(FrameworkError) as info:
        load_library("risk_matrix")
    assert "risk_matrix" in str(info.value) and "higher version" in str(info.value)
    assert str(info.value).startswith(f"{path}: version: ")  # the institution's file is the one to fix


def test_identical_copy_is_not_a_conflict(tmp_path, shipped_text, monkeypatch):
    _institution_copy(tmp_path / "inst", shipped_text, "risk_matrix.yaml", "1.0.0")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "inst"))
    assert load_library("risk_matrix").version == "1.0.0"


def test_institution_adds_a_new_library(tmp_path, shipped_text, monkeypatch):
    """P-5: an institution's own extra catalogue, under a new id, appears beside the shipped ones."""
    _institution_copy(
        tmp_path / "inst",
        shipped_text,
        "mitigation_measures.yaml",
        "1.0.0",
        lambda t: t.replace("id: mitigation_measures", "id: our_mitigation_measures", 1),
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "inst"))
    ids = {lib.id for lib in list_libraries()}
    assert {"our_mitigation_measures", "mitigation_measures"} <= ids


def test_broken_institution_file_is_reported_with_its_name(tmp_path, shipped_text, monkeypatch):
    path = _institution_copy(
        tmp_path / "inst",
        shipped_text,
        "risk_matrix.yaml",
        "2.0.0",
        lambda t: t.replace("rank: 3", "rank: three", 1),
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "inst"))
    with pytest.raises(FrameworkError) as info:
        load_library("risk_matrix")
    assert str(info.value).startswith(f"{path}: levels[2].rank: 'three' is not of type 'integer'")


def test_missing_directory_and_unknown_id(tmp_path, monkeypatch):
    with pytest.raises(LibraryNotFound) as info:
        load_library("no_such_library")
    assert "known:" in str(info.value) and "risk_matrix" in str(info.value)
    with pytest.raises(LibraryNotFound):
        load_library("risk_matrix", version="9.9.9")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "absent"))
    with pytest.raises(FrameworkError) as info:
        list_libraries()
    assert "absent" in str(info.value) and ENV_VAR in str(info.value)


def test_edited_file_is_reread(tmp_path, shipped_text):
    """The cache is keyed on modification time and size: an edit is seen on the next load."""
    path = _institution_copy(tmp_path, shipped_text, "risk_matrix.yaml", "1.0.0")
    assert load_library(path).rate("low", "high").id == "medium"
    path.write_text(_stricter_matrix(path.read_text(encoding="utf-8")), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_library(path).rate("low", "high").id == "high"
