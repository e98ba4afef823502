"""OpenAlex readers on real records (P-3: publications, affiliations, co-authors, funders)."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from rsec.engine.evidence.model import Author, Funder, Institution, Work
from rsec.engine.evidence.readers import EvidenceFormatError, read_evidence

OA = "evidence/openalex"


def test_current_schema_works_keep_authorships_institutions_countries(fixtures_dir):
    """P-3: authorships carry author ids, ORCIDs, positions, institutions with ROR ids and countries."""
    works = list(
        read_evidence("openalex-works", fixtures_dir / OA / "works_current.jsonl.gz", retrieved="2025-06-01")
    )
    assert len(works) == 4 and all(isinstance(w, Work) for w in works)
    w = works[0]
    assert w.id.startswith("W") and not w.id.startswith("https")
    assert w.doi and not w.doi.startswith("https://")
    first = w.authorships[0]
    assert first.position == "first"
    assert first.author_id.startswith("A")
    assert all(len(c) == 2 and c.isupper() for a in w.authorships for c in a.countries)
    multi = [a for w in works for a in w.authorships if len(set(a.countries)) >= 2]
    assert multi, "fixture holds authors with affiliations in two countries"
    inst = multi[0].institutions[0]
    assert inst.id.startswith("I") and len(inst.ror_id) == 9 and inst.country
    assert w.provenance.source == "openalex" and w.provenance.reliability == "B"
    assert w.provenance.retrieved == "2025-06-01" and w.provenance.url.endswith(w.id)
    assert "line 1" in w.provenance.file


def test_2022_schema_singular_raw_affiliation_and_host_venue(fixtures_dir):
    """The 2022 snapshot schema: raw_affiliation_string (singular), host_venue, no countries list."""
    works = list(read_evidence("openalex-works", fixtures_dir / OA / "works_2022.jsonl.gz"))
    assert len(works) == 3
    raw = json.loads(gzip.open(fixtures_dir / OA / "works_2022.jsonl.gz", "rt").readline())
    a0 = raw["authorships"][0]
    assert "raw_affiliation_string" in a0 and "raw_affiliation_strings" not in a0
    got = works[0].authorships[0]
    assert got.raw_affiliations == [a0["raw_affiliation_string"]]
    assert got.countries == sorted(
        {i["country_code"] for i in a0["institutions"]},
        key=[i["country_code"] for i in a0["institutions"]].index,
    )
    assert works[0].venue == raw["host_venue"]["display_name"]


def test_api_results_response_and_corresponding_author(fixtures_dir):
    works = list(read_evidence("openalex-works", fixtures_dir / OA / "works_api_results.json"))
    assert [w.id for w in works] == ["W2741809807", "W2755950973"]
    raw = json.load(open(fixtures_dir / OA / "works_api_results.json"))["results"][0]
    assert [a.is_corresponding for a in works[0].authorships] == [
        bool(a.get("is_corresponding")) for a in raw["authorships"]
    ]
    assert works[0].venue == "PeerJ"


def test_grants_funders_and_awards_become_funding():
    """P-3 funders/awards: the 2023 `grants` list and the 2025 `awards`/`funders` lists."""
    work = {
        "id": "https://openalex.org/W1",
        "authorships": [],
        "grants": [
            {"funder": "https://openalex.org/F4320332161", "funder_display_name": "NIH", "award_id": "R01-1"}
        ],
        "awards": [
            {
                "funder_id": "https://openalex.org/F2",
                "funder_display_name": "JSPS",
                "funder_award_id": "21K00001",
            }
        ],
        "funders": [
            {"id": "https://openalex.org/F2", "display_name": "JSPS"},
            {"id": "https://openalex.org/F3", "display_name": "NSFC", "country_code": "CN"},
        ],
    }
    (w,) = read_evidence("openalex-works", io.BytesIO(json.dumps(work).encode()))
    assert [(f.funder_id, f.award_id) for f in w.funding] == [
        ("F4320332161", "R01-1"),
        ("F2", "21K00001"),
        ("F3", ""),
    ]
    assert w.funding[-1].funder_country == "CN"


def test_authors_institutions_funders(fixtures_dir):
    authors = list(read_evidence("openalex-authors", fixtures_dir / OA / "authors.jsonl.gz"))
    assert len(authors) == 3 and all(isinstance(a, Author) for a in authors)
    (jp,) = read_evidence("openalex-authors", fixtures_dir / OA / "A5023888391.json")
    assert jp.orcid == "0000-0001-6187-6610" and jp.ids.openalex_id == "A5023888391"
    years = {a.institution.name: a.years for a in jp.affiliations}
    assert years["OurResearch"][-1] == 2023 and 2019 in years["OurResearch"]
    (old,) = read_evidence(
        "openalex-authors", fixtures_dir / OA / "A-api-response.json"
    )  # last_known_institution
    assert old.affiliations and old.affiliations[0].institution.id.startswith("I")
    (inst,) = read_evidence("openalex-institutions", fixtures_dir / OA / "I27837315.json")
    assert isinstance(inst, Institution) and inst.ror_id == "00jmfr291" and inst.country == "US"
    assert ("ミシガン大学", "ja") in inst.names
    insts = list(read_evidence("openalex-institutions", fixtures_dir / OA / "institutions.jsonl.gz"))
    assert len(insts) == 3
    (funder,) = read_evidence("openalex-funders", fixtures_dir / OA / "F4320332161.json")
    assert isinstance(funder, Funder) and funder.crossref_id == "100000002" and ("NIH", "") in funder.names
    # generic "openalex" dispatches on the id letter
    assert isinstance(next(iter(read_evidence("openalex", fixtures_dir / OA / "F4320332161.json"))), Funder)


def test_wrong_entity_kind_is_an_error(fixtures_dir):
    with pytest.raises(EvidenceFormatError) as err:
        list(read_evidence("openalex-works", fixtures_dir / OA / "authors.jsonl.gz"))
    assert "authors.jsonl.gz" in str(err.value) and "line 1" in str(err.value) and err.value.field == "id"


@pytest.mark.parametrize(
    ("payload", "where", "field"),
    [
        (
            b'{"id": "https://openalex.org/W1", "authorships": []}\n{"id": "https://openalex.org/W2", "authorships": [\n',
            "line 2",
            "",
        ),
        (b'{"id": "https://openalex.org/W1"}\n{"title": "no id"}\n', "line 2", "id"),
        (b'{"id": "https://openalex.org/W1", "authorships": 7}\n', "line 1", ""),
        (b'{"id": "https://openalex.org/W1"}\n[1, 2]\n', "line 2 element[0]", ""),
    ],
)
def test_malformed_input_names_file_and_line(tmp_path, payload, where, field):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(payload)
    with pytest.raises(EvidenceFormatError) as err:
        list(read_evidence("openalex-works", path))
    assert err.value.file == str(path)
    assert err.value.location == where
    assert err.value.field == field


def test_unknown_source_and_missing_file(tmp_path):
    with pytest.raises(ValueError, match="unknown evidence source"):
        read_evidence("scopus", tmp_path / "x")
    with pytest.raises(EvidenceFormatError, match="cannot open"):
        list(read_evidence("openalex-works", tmp_path / "missing.jsonl"))
