"""Evidence store on DuckDB (証拠データベース): bulk load of evidence records and the queries used by
due diligence (works of a person, co-authors with institutions and countries in a look-back window,
grants, positions, patents).

Loading path: records are serialised by orjson (which writes dataclasses natively, in C) into
newline-delimited JSON staging files, which DuckDB reads with ``read_json`` and an explicit column
schema derived from :mod:`rsec.engine.evidence.model` — no per-row Python inserts. Authorships,
work funders and patent parties are unnested in SQL. A load is one transaction: malformed input
rolls it back and leaves the database as it was. Re-loading a record (same source and record id)
replaces the earlier copy.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import tempfile
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import orjson

from rsec.engine.evidence import model as m

KIND_OF = {
    m.Work: "works",
    m.Author: "authors",
    m.Institution: "institutions",
    m.Funder: "funders",
    m.Grant: "grants",
    m.Position: "positions",
    m.Patent: "patents",
}
TABLE_CLASS = {v: k for k, v in KIND_OF.items()}
# Nested lists moved to child tables (still kept on the parent row only where small).
_WORK_CHILDREN = ("authorships", "funding")

DEFAULT_BATCH = 200_000


def _duck_type(tp: Any) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _duck_type(inner[0]) if len(inner) == 1 else "JSON"
    if tp is str:
        return "VARCHAR"
    if tp is bool:
        return "BOOLEAN"
    if tp is int:
        return "BIGINT"
    if origin is list:
        return f"{_duck_type(args[0])}[]"
    if origin is tuple:
        return "VARCHAR[]"  # (value, lang) pairs are written by orjson as 2-element arrays
    if origin is dict:
        return "JSON"
    if dataclasses.is_dataclass(tp):
        return _struct(tp)
    return "JSON"


def _struct(cls: type) -> str:
    hints = typing.get_type_hints(cls, vars(m))
    parts = [f'"{f.name}" {_duck_type(hints[f.name])}' for f in dataclasses.fields(cls)]
    return f"STRUCT({', '.join(parts)})"


def _columns(cls: type) -> dict[str, str]:
    hints = typing.get_type_hints(cls, vars(m))
    return {f.name: _duck_type(hints[f.name]) for f in dataclasses.fields(cls)}


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _columns_literal(cols: dict[str, str]) -> str:
    return "{" + ", ".join(f"{_sql_str(k)}: {_sql_str(v)}" for k, v in cols.items()) + "}"


class EvidenceStoreError(RuntimeError):
    """A load failed; nothing was written."""


class EvidenceStore:
    """A DuckDB database of evidence. ``path`` ":memory:" for a throw-away store."""

    def __init__(self, path: str | os.PathLike = ":memory:", threads: int | None = None):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path)
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self._create()

    # -- schema ----------------------------------------------------------------------------------
    def _create(self) -> None:
        con = self.con
        con.execute(
            "CREATE MACRO IF NOT EXISTS name_key(s) AS array_to_string(list_sort(list_filter("
            r"string_split_regex(lower(strip_accents(coalesce(s, ''))), '[\s.,\-‐・]+'), lambda x: x <> '')), ' ')"
        )
        con.execute(
            "CREATE TABLE IF NOT EXISTS loads (load_id BIGINT, source VARCHAR, files VARCHAR[], "
            "retrieved VARCHAR, started TIMESTAMP, finished TIMESTAMP, counts JSON)"
        )
        for table, cls in TABLE_CLASS.items():
            cols = _columns(cls)
            if cls is m.Work:
                for child in _WORK_CHILDREN:
                    cols.pop(child)
            defs = ", ".join(f'"{k}" {v}' for k, v in cols.items())
            con.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (source VARCHAR, record_id VARCHAR, load_id BIGINT, {defs})"
            )
        auth = _columns(m.Authorship)
        defs = ", ".join(f'"{k}" {v}' for k, v in auth.items())
        con.execute(
            f"CREATE TABLE IF NOT EXISTS authorships (work_id VARCHAR, source VARCHAR, load_id BIGINT, "
            f"seq INTEGER, name_key VARCHAR, {defs})"
        )
        fund = ", ".join(f'"{k}" {v}' for k, v in _columns(m.Funding).items())
        con.execute(
            f"CREATE TABLE IF NOT EXISTS work_funding (work_id VARCHAR, source VARCHAR, load_id BIGINT, {fund})"
        )
        party = ", ".join(f'"{k}" {v}' for k, v in _columns(m.PatentParty).items())
        con.execute(
            f"CREATE TABLE IF NOT EXISTS patent_parties (patent_id VARCHAR, source VARCHAR, load_id BIGINT, "
            f"name_key VARCHAR, {party})"
        )

    # -- loading ---------------------------------------------------------------------------------
    def load(
        self,
        records: Iterable[Any],
        source: str = "",
        files: list[str] | None = None,
        retrieved: str = "",
        batch: int = DEFAULT_BATCH,
    ) -> dict[str, int]:
        """Load ``records`` in one transaction; returns the number of records per table."""
        con = self.con
        load_id = (con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchone() or [1])[0]
        started = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
        counts: dict[str, int] = {t: 0 for t in TABLE_CLASS}
        tmpdir = tempfile.mkdtemp(prefix="rsec-evidence-")
        handles: dict[str, Any] = {}
        pending = 0
        con.execute("BEGIN TRANSACTION")
        try:
            for rec in records:
                table = KIND_OF.get(type(rec))
                if table is None:
                    raise TypeError(f"not an evidence record: {type(rec).__name__}")
                fh = handles.get(table)
                if fh is None:
                    fh = handles[table] = open(os.path.join(tmpdir, f"{table}.jsonl"), "wb")
                fh.write(orjson.dumps(rec, option=orjson.OPT_APPEND_NEWLINE))
                counts[table] += 1
                pending += 1
                if pending >= batch:
                    self._flush(handles, tmpdir, load_id)
                    pending = 0
            self._flush(handles, tmpdir, load_id)
            con.execute(
                "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    load_id,
                    source,
                    list(files or []),
                    retrieved,
                    started,
                    _dt.datetime.now(_dt.UTC).replace(tzinfo=None),
                    orjson.dumps(counts).decode(),
                ],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            for fh in handles.values():
                fh.close()
            for name in os.listdir(tmpdir):
                os.unlink(os.path.join(tmpdir, name))
            os.rmdir(tmpdir)
        return {k: v for k, v in counts.items() if v}

    def _flush(self, handles: dict[str, Any], tmpdir: str, load_id: int) -> None:
        for table, fh in list(handles.items()):
            fh.close()
            path = os.path.join(tmpdir, f"{table}.jsonl")
            if os.path.getsize(path):
                self._ingest(table, path, load_id)
            handles[table] = open(path, "wb")  # truncate for the next batch

    def _ingest(self, table: str, path: str, load_id: int) -> None:
        con = self.con
        cls = TABLE_CLASS[table]
        cols = _columns(cls)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM read_json({_sql_str(path)}, "
            f"format = 'newline_delimited', columns = {_columns_literal(cols)}, maximum_object_size = 134217728)"
        )
        key = "provenance.source, provenance.record_id"
        # replace earlier copies (from earlier loads) of the same records
        con.execute(
            f"DELETE FROM {table} WHERE load_id <> ? AND (source, record_id) IN (SELECT {key} FROM stage)",
            [load_id],
        )
        keep = [c for c in cols if not (cls is m.Work and c in _WORK_CHILDREN)]
        select = ", ".join(f'"{c}"' for c in keep)
        con.execute(
            f"INSERT INTO {table} (source, record_id, load_id, {select}) "
            f"SELECT provenance.source, provenance.record_id, ?, {select} FROM stage",
            [load_id],
        )
        if cls is m.Work:
            con.execute(
                "DELETE FROM authorships WHERE load_id <> ? AND (source, work_id) IN (SELECT provenance.source, id FROM stage)",
                [load_id],
            )
            con.execute(
                "DELETE FROM work_funding WHERE load_id <> ? AND (source, work_id) IN (SELECT provenance.source, id FROM stage)",
                [load_id],
            )
            acols = list(_columns(m.Authorship))
            con.execute(
                f"INSERT INTO authorships (work_id, source, load_id, seq, name_key, {', '.join(acols)}) "
                f"SELECT work_id, source, ?, seq, name_key(a.name), {', '.join('a.' + c for c in acols)} FROM ("
                "SELECT id AS work_id, provenance.source AS source, "
                "unnest(range(1, len(authorships) + 1)) AS seq, unnest(authorships) AS a FROM stage)",
                [load_id],
            )
            fcols = list(_columns(m.Funding))
            con.execute(
                f"INSERT INTO work_funding (work_id, source, load_id, {', '.join(fcols)}) "
                f"SELECT work_id, source, ?, {', '.join('f.' + c for c in fcols)} FROM ("
                "SELECT id AS work_id, provenance.source AS source, unnest(funding) AS f FROM stage)",
                [load_id],
            )
        elif cls is m.Patent:
            con.execute(
                "DELETE FROM patent_parties WHERE load_id <> ? AND (source, patent_id) IN (SELECT provenance.source, id FROM stage)",
                [load_id],
            )
            pcols = list(_columns(m.PatentParty))
            for role_list in ("applicants", "inventors", "owners"):
                con.execute(
                    f"INSERT INTO patent_parties (patent_id, source, load_id, name_key, {', '.join(pcols)}) "
                    f"SELECT patent_id, source, ?, name_key(p.name), {', '.join('p.' + c for c in pcols)} FROM ("
                    f"SELECT id AS patent_id, provenance.source AS source, unnest({role_list}) AS p FROM stage)",
                    [load_id],
                )
        con.execute("DROP TABLE stage")

    def load_file(
        self, source: str, paths: list[str], retrieved: str = "", batch: int = DEFAULT_BATCH
    ) -> dict[str, int]:
        """Read ``paths`` with :func:`read_evidence` and load them all in one transaction."""
        from rsec.engine.evidence.readers import read_evidence

        def records():
            for p in paths:
                yield from read_evidence(source, p, retrieved=retrieved)

        return self.load(
            records(), source=source, files=[str(p) for p in paths], retrieved=retrieved, batch=batch
        )

    # -- queries used by due diligence -----------------------------------------------------------
    def _rows(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in (*TABLE_CLASS, "authorships", "work_funding", "patent_parties"):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    @staticmethod
    def _person_filter(
        author_id: str = "", orcid: str = "", name: str = "", alias: str = "a"
    ) -> tuple[str, list]:
        clauses, params = [], []
        if author_id:
            clauses.append(f"{alias}.author_id = ?")
            params.append(author_id)
        if orcid:
            clauses.append(f"{alias}.orcid = ?")
            params.append(orcid.rsplit("/", 1)[-1])
        if name:
            clauses.append(f"{alias}.name_key = name_key(?)")
            params.append(name)
        if not clauses:
            raise ValueError("give an author id, an ORCID or a name")
        return "(" + " OR ".join(clauses) + ")", params

    def works_by_author(
        self, author_id: str = "", orcid: str = "", name: str = "", since_year: int | None = None
    ) -> list[dict]:
        """Works where the person is an author (by source author id, ORCID or name key), newest first."""
        cond, params = self._person_filter(author_id, orcid, name)
        year = ""
        if since_year is not None:
            year = "AND w.year >= ?"
            params.append(since_year)
        return self._rows(
            f"""SELECT w.id, w.doi, w.title, w.year, w.venue, w.source, w.provenance, a.position,
                       a.is_corresponding, a.countries, a.raw_affiliations,
                       [i.name FOR i IN a.institutions] AS institutions
                FROM authorships a JOIN works w ON w.id = a.work_id AND w.source = a.source
                WHERE {cond} {year}
                ORDER BY w.year DESC NULLS LAST, w.id""",
            params,
        )

    def coauthors(
        self,
        author_id: str = "",
        orcid: str = "",
        name: str = "",
        since_year: int | None = None,
        until_year: int | None = None,
    ) -> list[dict]:
        """Co-authors of a person within a look-back window, with their institutions and countries.

        One row per co-author (grouped by author id, else ORCID, else name key): number of shared
        works, first/last shared year, the institutions (name, ROR id, country) and countries they
        were listed with, and the shared work ids. Most frequent first.
        """
        cond, params = self._person_filter(author_id, orcid, name, alias="me")
        window = ""
        if since_year is not None:
            window += " AND w.year >= ?"
            params.append(since_year)
        if until_year is not None:
            window += " AND w.year <= ?"
            params.append(until_year)
        return self._rows(
            f"""WITH mine AS (
                    SELECT DISTINCT me.work_id, me.source, me.seq
                    FROM authorships me JOIN works w ON w.id = me.work_id AND w.source = me.source
                    WHERE {cond} {window}
                ),
                co AS (
                    SELECT a.*, w.year,
                           coalesce(nullif(a.author_id, ''), nullif(a.orcid, ''), 'name:' || a.name_key) AS co_key
                    FROM mine JOIN authorships a ON a.work_id = mine.work_id AND a.source = mine.source
                                                  AND a.seq <> mine.seq
                    JOIN works w ON w.id = a.work_id AND w.source = a.source
                )
                SELECT co_key,
                       any_value(author_id) AS author_id,
                       any_value(name) AS name,
                       max(orcid) AS orcid,
                       count(DISTINCT work_id) AS works,
                       min(year) AS first_year,
                       max(year) AS last_year,
                       list_sort(list_distinct(flatten(list(countries)))) AS countries,
                       list_distinct(flatten(list([{{'id': i.id, 'name': i.name, 'ror_id': i.ror_id,
                                                     'country': i.country}} FOR i IN institutions]))) AS institutions,
                       list_sort(list_distinct(list(work_id))) AS work_ids
                FROM co
                GROUP BY co_key
                ORDER BY works DESC, name""",
            params,
        )

    def grants_for(self, erad_id: str = "", orcid: str = "", researchmap_id: str = "") -> list[dict]:
        """Grants naming the person (as owner or as a member)."""
        ids = [x for x in (erad_id, orcid, researchmap_id) if x]
        if not ids:
            raise ValueError("give an e-Rad/KAKEN number, an ORCID or a researchmap id")
        return self._rows(
            "SELECT * EXCLUDE (load_id) FROM grants WHERE list_has_any(researcher_ids, ?) "
            "OR owner.erad_id IN ? OR owner.orcid IN ? OR owner.researchmap_id IN ? ORDER BY start DESC",
            [ids, ids, ids, ids],
        )

    def positions_for(self, erad_id: str = "", orcid: str = "", researchmap_id: str = "") -> list[dict]:
        ids = [x for x in (erad_id, orcid, researchmap_id) if x]
        if not ids:
            raise ValueError("give an e-Rad/KAKEN number, an ORCID or a researchmap id")
        return self._rows(
            "SELECT * EXCLUDE (load_id) FROM positions WHERE person.erad_id IN ? OR person.orcid IN ? "
            "OR person.researchmap_id IN ? ORDER BY start DESC",
            [ids, ids, ids],
        )

    def patents_by_party(self, name: str, role: str = "") -> list[dict]:
        """Patents where ``name`` (by name key) is an applicant, inventor or owner."""
        params: list = [name]
        extra = ""
        if role:
            extra = " AND pp.role = ?"
            params.append(role)
        return self._rows(
            "SELECT DISTINCT p.id, p.family, p.title, p.jurisdiction, p.publication_date, pp.role, pp.country, p.provenance "
            "FROM patent_parties pp JOIN patents p ON p.id = pp.patent_id AND p.source = pp.source "
            f"WHERE pp.name_key = name_key(?){extra} ORDER BY p.publication_date DESC",
            params,
        )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EvidenceStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
