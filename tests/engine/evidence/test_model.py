"""Evidence model: provenance on every record, serialisation (P-3: source, record id, date, grade)."""

from __future__ import annotations

import orjson

from rsec.engine.evidence.model import (
    RELIABILITY_GRADES,
    SOURCE_RELIABILITY,
    Authorship,
    InstitutionRef,
    Patent,
    PersonIds,
    Position,
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
    assert d["record"] == "work"
    assert d["provenance"] == {
        "source": "openalex",
        "record_id": "W1",
        "retrieved": "2025-06-01",
        "reliability": "B",
        "url": "https://openalex.org/W1",
        "file": "",
    }
    via_orjson = orjson.loads(orjson.dumps(w))
    d.pop("record")
    assert via_orjson == d


def test_to_dict_keeps_a_records_own_kind():
    """A patent's kind code and a position's kind are data of the record, not its type."""
    patent = Patent(id="EP1000000A1", jurisdiction="EP", kind="A1")
    position = Position(
        person=PersonIds(orcid="0000-0000-0000-0000"),
        institution=InstitutionRef(name="Example University"),
        kind="education",
    )
    assert (to_dict(patent)["kind"], to_dict(patent)["record"]) == ("A1", "patent")
    assert (to_dict(position)["kind"], to_dict(position)["record"]) == ("education", "position")
