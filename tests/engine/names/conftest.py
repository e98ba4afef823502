"""Fixtures of the name-matching tests."""

from __future__ import annotations

import pytest

from rsec.engine.names import Matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()
