"""Shared test configuration.

Tests never need ``../shared/``; a test that reads it skips itself when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
