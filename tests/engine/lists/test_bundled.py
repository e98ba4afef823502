"""The list editions shipped with rsec (rsec/data/lists): each is read by the reader it is declared with,
its edition date is the one stated, and the files are the real published formats (the first thing a
fresh installation screens against)."""

from __future__ import annotations

import pytest

from rsec.engine.lists.bundled import BUNDLED, DATA_DIR, bundled_lists
from rsec.engine.lists.readers import detect_format
from rsec.engine.lists.snapshot import load_snapshot


def test_every_declared_edition_is_shipped_and_documented():
    assert [b.file for b in bundled_lists()] == [b.file for b in BUNDLED]
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for b in BUNDLED:
        assert b.file.split("/")[0] in readme, b.file  # source and licence written beside each file


@pytest.mark.parametrize("b", BUNDLED, ids=lambda b: b.format)
def test_a_shipped_edition_reads_with_its_declared_reader(b):
    assert detect_format(b.path) == b.format  # also what an officer's upload of the same file gets
    snap = load_snapshot(b.path, b.format, b.published)
    assert snap.entity_count > 50
    if b.published:
        assert snap.published == b.published
    assert all(e.names and e.list == b.format for e in snap.entities.values())  # a name to screen against
    assert all(key == e.id for key, e in snap.entities.items())
