"""ROR v2 dump reader and registry (evidence for P-3 (2): the partner institution and its lineage)."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from rsec.engine.evidence.ror import RorFormatError, RorRegistry, iter_ror_records, normalize_ror_id

KYOTO = "https://ror.org/02kpeqv85"
KYOTO_IAE = "https://ror.org/00dtr7z10"
CAS = "https://ror.org/034t30j35"
IHEP = "https://ror.org/03v8tnc06"
NIWA = "https://ror.org/04hxcaz34"
ESNZ = "https://ror.org/02zww1c82"


@pytest.fixture(scope="module")
def cut_path() -> Path:
    return Path(__file__).parents[2] / "fixtures" / "evidence" / "ror" / "ror_v2_cut.json"


@pytest.fixture(scope="module")
def records(cut_path) -> list[dict]:
    return json.loads(cut_path.read_text(encoding="utf-8"))


def _write_variants(tmp_path: Path, records: list[dict]) -> dict[str, Path]:
    text = json.dumps(records, ensure_ascii=False)
    out = {}
    out["json.gz"] = tmp_path / "dump.json.gz"
    out["json.gz"].write_bytes(gzip.compress(text.encode()))
    out["zip"] = tmp_path / "v2.9-ror-data.zip"
    with zipfile.ZipFile(out["zip"], "w") as zf:
        zf.writestr("v2.9-ror-data_schema_v1.json", "[]")
        zf.writestr("v2.9-ror-data_schema_v2.json", text)
    out["jsonl"] = tmp_path / "dump.jsonl"
    out["jsonl"].write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return out


def test_reads_every_dump_form_with_the_same_content(cut_path, records, tmp_path):
    """P-3: the registry loads from the Zenodo JSON (plain, gzip, zip) and from JSON-lines subsets."""
    expected = [r["id"] for r in records]
    assert [o.id for o in iter_ror_records(cut_path)] == expected
    for kind, path in _write_variants(tmp_path, records).items():
        assert [o.id for o in iter_ror_records(path)] == expected, kind


def test_streaming_across_chunk_boundaries(records, tmp_path, monkeypatch):
    """The array reader decodes record by record, also when records straddle read chunks."""
    import rsec.engine.evidence.ror as ror

    monkeypatch.setattr(ror, "_CHUNK", 97)
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    assert [o.id for o in iter_ror_records(path)] == [r["id"] for r in records]


def test_record_fields(cut_path):
    reg = RorRegistry.from_dump(cut_path)
    kyoto = reg[KYOTO]
    assert kyoto.display_name == "Kyoto University"
    assert kyoto.country_code == "JP" and kyoto.city == "Kyoto"
    assert "education" in kyoto.types and kyoto.status == "active"
    ja = [n.value for n in kyoto.names if n.lang == "ja"]
    assert ja == ["京都大学"]
    assert any("acronym" in n.types for n in reg[CAS].names)
    assert KYOTO_IAE in reg.children(KYOTO)


def test_lineage_walks_child_to_parent(cut_path):
    """A lab of a listed university is the university's: lineage gives the ancestors, nearest first."""
    reg = RorRegistry.from_dump(cut_path)
    assert reg.lineage(KYOTO_IAE) == [KYOTO]
    assert reg.lineage(IHEP) == [CAS]
    assert reg.lineage(KYOTO) == []


def test_lineage_survives_cycles():
    from rsec.engine.evidence.ror import RorName, RorOrganization, RorRelationship

    a = RorOrganization(
        "https://ror.org/0aaaaaa00",
        (RorName("A", "en", ("ror_display",)),),
        "active",
        relationships=(RorRelationship("parent", "https://ror.org/0bbbbbb00", "B"),),
    )
    b = RorOrganization(
        "https://ror.org/0bbbbbb00",
        (RorName("B", "en", ("ror_display",)),),
        "active",
        relationships=(RorRelationship("parent", "https://ror.org/0aaaaaa00", "A"),),
    )
    reg = RorRegistry([a, b])
    assert reg.lineage(a.id) == [b.id]


def test_inactive_record_follows_successor(cut_path):
    reg = RorRegistry.from_dump(cut_path)
    assert reg[NIWA].status == "inactive"
    assert reg.current(NIWA) == ESNZ
    assert reg.current(KYOTO) == KYOTO


def test_cache_roundtrip(cut_path, tmp_path):
    reg = RorRegistry.from_dump(cut_path)
    cache = tmp_path / "ror.cache.jsonl.gz"
    reg.save(cache)
    again = RorRegistry.load(cache)
    assert len(again) == len(reg)
    for org in reg:
        assert again[org.id] == org
    assert again.lineage(KYOTO_IAE) == [KYOTO]


def test_normalize_ror_id():
    assert normalize_ror_id("02kpeqv85") == KYOTO
    assert normalize_ror_id("ror.org/02kpeqv85") == KYOTO
    assert normalize_ror_id(KYOTO) == KYOTO


def test_bad_input_names_file_record_and_field(records, tmp_path):
    """Bad input: the error names the file, the record and the field."""
    broken = json.loads(json.dumps(records[:3]))
    broken[1]["status"] = "dormant"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(RorFormatError) as err:
        list(iter_ror_records(path))
    assert err.value.record == 2 and err.value.field == "status"
    assert "bad.json" in str(err.value)

    v1 = tmp_path / "v1.json"
    v1.write_text(json.dumps([{"id": "https://ror.org/02kpeqv85", "name": "Kyoto University"}]))
    with pytest.raises(RorFormatError, match="schema v1"):
        list(iter_ror_records(v1))

    truncated = tmp_path / "trunc.json"
    truncated.write_text(json.dumps(records[:2])[:-40], encoding="utf-8")
    with pytest.raises(RorFormatError) as err:
        list(iter_ror_records(truncated))
    assert "trunc.json" in str(err.value)

    with pytest.raises(RorFormatError, match="not found"):
        list(iter_ror_records(tmp_path / "missing.json"))


def test_shared_subset_loads_when_present():
    """The 35,990-record development subset loads and resolves lineage (skipped without shared data)."""
    path = Path(__file__).resolve().parents[4] / "shared" / "data" / "evidence" / "ror"
    dump = path / "ror_v2_subset_JP.jsonl.gz"
    if not dump.exists():
        pytest.skip("shared data not present")
    reg = RorRegistry.load(dump)
    assert len(reg) == 4676
    assert all(o.country_code == "JP" for o in reg)
