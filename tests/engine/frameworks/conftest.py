from __future__ import annotations

from pathlib import Path

import pytest

from rsec.engine.frameworks import ENV_VAR, PACKAGE_DIR

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


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


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    for n, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in text")
