from __future__ import annotations

import pytest

from rsec.engine.frameworks import ENV_VAR, PACKAGE_DIR


@pytest.fixture(autouse=True)
def _no_institution_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see only the package libraries unless they set RSEC_FRAMEWORKS_PATH themselves."""
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def shipped_text():
    """Text of a shipped library, to be mutated into malformed variants."""

    def _read(name: str) -> str:
        return (PACKAGE_DIR / name).read_text(encoding="utf-8")

    return _read
