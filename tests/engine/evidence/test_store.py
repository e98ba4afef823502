"""DuckDB evidence store: bulk load round trip, replace on reload, all-or-nothing loads, and the
queries due diligence uses — works and co-authors with institutions and countries in a window (P-3)."""

from __future__ import annotations

import pytest

from rsec.engine.evidence.readers import EvidenceFormatError, read_evidence
from rsec.engine.evidence.store import EvidenceStore

EV = "evidence"


@pytest.fixture
def works_file(fixtures_dir):
    return fixtures_dir / EV / "openalex" / "works_current.jsonl.gz"


def test_round_trip_works_and_authorships(tmp_path, works_file):
    db = tmp_path / "ev.duckdb"
    records = list(read_evidence("openalex-works", works_file, retrieved="2025-06-01"))
    with EvidenceStore(db) as store:
        assert store.load(records, source="openalex-works", files=[str(works_file)]) == {
            "works": len(records)
        }
    with EvidenceStore(db) as store:  # persisted
        counts = store.counts()
        assert counts["works"] == len(records)
        assert counts["authorships"] == sum(len(w.authorships) for w in records)
        w0 = records[0]
        row = store.con.execute(
            "SELECT title, year, doi, provenance.retrieved, provenance.reliability FROM works WHERE id = ?",
            [w0.id],
        ).fetchone()
        assert row == (w0.title, w0.year, w0.doi, "2025-06-01", "B")
        a0 = w0.authorships[0]
        got = store.con.execute(
            "SELECT author_id, orcid, position, countries, [i.ror_id FOR i IN institutions], raw_affiliations "
            "FROM authorships WHERE work_id = ? AND seq = 1",
            [w0.id],
        ).fetchone()
        assert got == (
            a0.author_id,
            a0.orcid,
            a0.position,
            a0.countries,
            [i.ror_id for i in a0.institutions],
            a0.raw_affiliations,
        )


def test_coauthors_with_institutions_countries_and_window(works_file):
    works = list(read_evidence("openalex-works", works_file))
    me = works[0].authorships[0]
    with EvidenceStore() as store:
        store.load(works)
        rows = store.coauthors(author_id=me.author_id)
        expected = {
            a.author_id
            for w in works
            if me.author_id in {x.author_id for x in w.authorships}
            for a in w.authorships
        }
        expected.discard(me.author_id)
        assert {r["author_id"] for r in rows} == expected
        some = next(a for a in works[0].authorships if a.author_id != me.author_id and a.institutions)
        row = next(r for r in rows if r["author_id"] == some.author_id)
        assert row["countries"] == sorted(set(some.countries))
        assert {i["ror_id"] for i in row["institutions"]} == {i.ror_id for i in some.institutions}
        assert row["work_ids"] == [works[0].id] and row["first_year"] == works[0].year
        # the same person found by ORCID and by name key (word order, case and accents ignored)
        if me.orcid:
            assert {r["co_key"] for r in store.coauthors(orcid=me.orcid)} == {r["co_key"] for r in rows}
        flipped = " ".join(reversed(me.name.upper().split()))
        assert {r["co_key"] for r in store.coauthors(name=flipped)} == {r["co_key"] for r in rows}
        # look-back window excludes older works
        assert store.coauthors(author_id=me.author_id, since_year=works[0].year + 1) == []
        assert store.works_by_author(author_id=me.author_id)[0]["id"] == works[0].id


def test_reload_replaces_and_failed_load_changes_nothing(tmp_path, works_file):
    with EvidenceStore(tmp_path / "ev.duckdb") as store:
        store.load_file("openalex-works", [works_file])
        before = store.counts()
        store.load_file("openalex-works", [works_file])  # same records again: replaced, not duplicated
        assert store.counts() == before
        bad = tmp_path / "bad.jsonl"
        bad.write_text(
            '{"id": "https://openalex.org/W900", "authorships": []}\n{"id": "https://openalex.org/W901", "authorships": 3}\n'
        )
        with pytest.raises(EvidenceFormatError):
            store.load_file("openalex-works", [bad], batch=1)  # W900 was flushed before the error
        assert store.counts() == before
        assert store.con.execute("SELECT count(*) FROM works WHERE id = 'W900'").fetchone()[0] == 0


def test_grants_positions_and_patents(fixtures_dir):
    with EvidenceStore() as store:
        store.load_file("kaken", [fixtures_dir / EV / "kaken" / "researchers_pseudonymised.json"])
        store.load_file("kaken", [fixtures_dir / EV / "kaken" / "grants_invented.xml"])
        store.load_file("epo-ops", [fixtures_dir / EV / "epo_ops" / "get_biblio.xml"])
        grants = store.grants_for(erad_id="99990001")
        assert {g["id"] for g in grants} == {"KAKENHI-PROJECT-99000001", "KAKENHI-PROJECT-99000002"}
        assert len(grants) == 2  # the XML copy replaced the researcher-JSON copy of each project
        assert {g["amount"] for g in grants} == {16900000, None}
        assert {p["institution"]["name"] for p in store.positions_for(erad_id="99990001")} == {
            "架空大学",
            "見本工業大学",
        }
        (hit,) = store.patents_by_party("Sami Herrala", role="inventor")
        assert (hit["id"], hit["country"]) == ("EP2400812A1", "FI")
        assert store.patents_by_party("Nobody Known") == []
