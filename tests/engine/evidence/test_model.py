"""Evidence model: provenance on every record, serialisation (P-3: source, record id, date, grade)."""

from __future__ import annotations

import orjson

from rsec.engine.evidence.model import (
    RELIABILITY_GRADES,
    SOURCE_RELIABILITY,
    Authorship,
    InstitutionRef,
    Provenance,
    Work,
    to_dict,
)


def test_every_source_has_a_known_grade_and_authoritative_sources_rank_first():
    assert set(SOURCE_RELIABILITY.values()) <= set(RELIABILITY_GRADES)
    assert SOURCE_RELIABILITY["kaken"] < SOURCE_RELIABILITY["openalex"] < SOURCE_RELIABILITY["researchmap"]


def test_to_dict_and_orjson_agree_and_carry_provenance():
    w = Work(
        id="W1",
        doi="10.1/x",
        authorships=[Authorship(author_id="A1", institutions=[InstitutionRef(id="I1", country="JP")])],
        provenance=Provenance("openalex", "W1", "2025-06-01", "B", "https://openalex.org/W1"),
    )
    d = to_dict(w)
    assert d["kind"] == "work"
    assert d["provenance"] == {
        "source": "openalex",
        "record_id": "W1",
        "retrieved": "2025-06-01",
        "reliability": "B",
        "url": "https://openalex.org/W1",
        "file": "",
    }
    via_orjson = orjson.loads(orjson.dumps(w))
    d.pop("kind")
    assert via_orjson == d
