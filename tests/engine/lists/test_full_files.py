"""Every reader on the FULL real file from ../shared/data/lists (skipped when it is absent).

Counts are checked against plausible ranges for the published editions, not exact figures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rsec.engine.lists.mof import split_english
from rsec.engine.lists.readers import detect_format, read_list

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
LISTS = SHARED / "lists"

pytestmark = pytest.mark.skipif(not LISTS.exists(), reason="../shared/data/lists not present")

CASES = [
    # file, format, min entities, max entities, schemata that must appear
    ("un_sc_consolidated_2026-02-27.xml", "un_sc", 950, 1100, {"Person", "Organization"}),
    ("meti_end_user_list_2025-09-29.xlsx", "meti_eul", 800, 900, {"Organization"}),
    ("mof_asset_freeze_2026-03-05.xlsx", "mof_af", 2500, 3200, {"Person", "Organization"}),
    ("ofac_sdn_2021", "ofac_sdn", 8500, 9500, {"Person", "Organization", "Vessel", "Airplane"}),
    ("us_bis_dpl.txt", "bis_dpl", 550, 600, {"LegalEntity"}),
    ("us_csl/csl_sample.csv", "us_csl", 100, 130, {"Person"}),
    ("opensanctions/ua_war_sanctions.targets.simple.csv", "os_simple", 5500, 5700, {"Person", "Vessel"}),
    ("opensanctions/sa_wiki_peps_v2.entities.ftm.json", "ftm", 500, 800, {"Person"}),
    ("aspi_china_defence_universities_misp.json", "aspi", 159, 159, {"Organization"}),
]


_READ: dict[str, list] = {}


def entities_of(name: str) -> list:
    """Each full file is read once per test session (the MOF workbook alone takes seconds)."""
    if name not in _READ:
        _READ[name] = list(read_list(LISTS / name))
    return _READ[name]


@pytest.mark.parametrize(("name", "fmt", "low", "high", "schemata"), CASES)
def test_full_file(name, fmt, low, high, schemata):
    path = LISTS / name
    assert detect_format(path) == fmt
    entities = entities_of(name)
    assert low <= len(entities) <= high
    assert len({e.id for e in entities}) == len(entities)
    assert schemata <= {e.schema for e in entities}
    assert all(e.names and e.names[0].value for e in entities)
    assert all(e.id.startswith(e.list.replace("_", "-") + ":") for e in entities)
    for e in entities:
        assert all(len(c) == 2 and c.islower() for c in e.countries), e.id
        assert all(d[:4].isdigit() for d in e.birth_dates), e.id


def test_full_mof_katakana_english_pairs_share_an_entity():
    """P-3: the MOF list's katakana ↔ English pairs (benchmark set) end up in one entity."""
    pairs_file = SHARED / "bench" / "names" / "mof_katakana_english_pairs.csv"
    if not pairs_file.exists():
        pytest.skip("benchmark pairs not present")
    entities = entities_of("mof_asset_freeze_2026-03-05.xlsx")
    together: set[tuple[str, str]] = set()
    for e in entities:
        values = [" ".join(n.value.split()) for n in e.names]
        together.update((a, b) for a in values for b in values)
    # the pairs keep the English cell whole, "(original script: …)" included; the reader splits it off
    with open(pairs_file, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 2000
    found = sum(
        1 for r in rows if (" ".join(r["name_ja"].split()), split_english(r["name_en"])[0]) in together
    )
    assert found / len(rows) >= 0.99  # measured: 2,814 of 2,814


def test_full_un_has_original_scripts_and_ranges():
    entities = entities_of("un_sc_consolidated_2026-02-27.xml")
    originals = [n for e in entities for n in e.names if n.kind == "original_script"]
    assert len(originals) > 300 and {"Arab"} <= {n.script for n in originals}
    assert sum(1 for e in entities if any(n.kind == "weak_alias" for n in e.names)) > 100
    assert sum(1 for e in entities if len(e.birth_dates) > 1) > 50
