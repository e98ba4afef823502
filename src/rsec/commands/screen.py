"""``rsec screen``, ``rsec screen-name`` and ``rsec screen-index``: screening names against watch lists.

Contract (other tools depend on it)::

    rsec screen --list FILE[:FORMAT] [--list …] --input QUERIES.csv --output RESULTS.jsonl
                [--threshold T] [--limit K]

QUERIES.csv has ``id,name`` and optional ``schema`` (Person, Organization, Company, LegalEntity),
``country``, ``birth_date``. RESULTS.jsonl has one object per query, in input order::

    {"id": …, "matches": [{"list_entity_id": …, "list": …, "score": 0–1, "matched_name": …,
                           "explanation": …}, …]}

matches best first, only at or above the threshold. Bad input stops with an error naming the file and
row, and no output file is written (results go to a temporary file renamed at the end).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

QUERY_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity")
QUERY_COLUMNS = ("id", "name", "schema", "country", "birth_date")


class ScreeningInputError(ValueError):
    """A queries file (or option) that cannot be screened: names the file, row and field."""

    def __init__(self, path: str | os.PathLike, row: int | None, field: str, message: str):
        self.path = str(path)
        self.row = row
        self.field = field
        self.reason = message
        where = self.path
        if row is not None:
            where += f": row {row}"
        if field:
            where += f", column {field!r}"
        super().__init__(f"{where}: {message}")


def _make_query(name: str, schema: str | None, country: str | None, birth_date: str | None) -> Any:
    from rsec.engine.names import Query

    return Query(
        name=name,
        schema=schema or "Person",
        country=country or None,
        birth_date=birth_date or None,
        identifiers={},
    )


def _country(value: str, path: Path, row: int | None) -> str | None:
    value = value.strip()
    if not value:
        return None
    from rsec.engine.lists.countries import country_code

    code = country_code(value)
    if not code:
        raise ScreeningInputError(path, row, "country", f"unknown country {value!r}")
    return code


def _birth_date(value: str, path: Path, row: int | None) -> str | None:
    value = value.strip()
    if not value:
        return None
    from rsec.engine.lists.dates import parse_dates

    dates = parse_dates(value)
    if not dates:
        raise ScreeningInputError(path, row, "birth_date", f"unreadable date {value!r} (use YYYY[-MM[-DD]])")
    return dates[0]


def _schema(value: str, path: Path, row: int | None) -> str | None:
    value = value.strip()
    if not value:
        return None
    if value not in QUERY_SCHEMATA:
        raise ScreeningInputError(
            path, row, "schema", f"unknown schema {value!r} (one of {', '.join(QUERY_SCHEMATA)})"
        )
    return value


def read_queries(path: str | os.PathLike) -> list[tuple[str, Any]]:
    """``(id, Query)`` pairs of a queries CSV, validated completely before anything is screened."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ScreeningInputError(path, None, "", f"cannot open: {exc.strerror or exc}") from exc
    out: list[tuple[str, Any]] = []
    seen: dict[str, int] = {}
    with fh:
        reader = csv.DictReader(fh)
        try:
            header = [h.strip() for h in (reader.fieldnames or [])]
        except UnicodeDecodeError as exc:
            raise ScreeningInputError(path, 1, "", "not UTF-8 text") from exc
        if not header:
            raise ScreeningInputError(path, 1, "", "empty file: expected a header with id,name")
        missing = [c for c in ("id", "name") if c not in header]
        if missing:
            raise ScreeningInputError(
                path, 1, missing[0], f"missing column(s) {', '.join(missing)} in header"
            )
        reader.fieldnames = header
        row_no = 1
        try:
            for row in reader:
                row_no = reader.line_num
                if None in row:
                    raise ScreeningInputError(path, row_no, "", "more fields than the header has")
                values = {k: (row.get(k) or "").strip() for k in QUERY_COLUMNS}
                if not any((v or "").strip() for v in row.values()):
                    continue  # blank line
                if not values["id"]:
                    raise ScreeningInputError(path, row_no, "id", "empty id")
                if not values["name"]:
                    raise ScreeningInputError(path, row_no, "name", "empty name")
                if values["id"] in seen:
                    raise ScreeningInputError(
                        path,
                        row_no,
                        "id",
                        f"duplicate id {values['id']!r} (first on row {seen[values['id']]})",
                    )
                seen[values["id"]] = row_no
                query = _make_query(
                    values["name"],
                    _schema(values["schema"], path, row_no),
                    _country(values["country"], path, row_no),
                    _birth_date(values["birth_date"], path, row_no),
                )
                out.append((values["id"], query))
        except UnicodeDecodeError as exc:
            raise ScreeningInputError(path, row_no + 1, "", "not UTF-8 text") from exc
        except csv.Error as exc:
            raise ScreeningInputError(path, reader.line_num, "", f"malformed CSV: {exc}") from exc
    return out


def load_lists(specs: list[str]) -> list:
    """Entities of every ``FILE[:FORMAT]`` in ``specs`` (format auto-detected when not given)."""
    from rsec.engine.lists.readers import parse_list_spec, read_list

    entities = []
    for spec in specs:
        path, fmt = parse_list_spec(spec)
        entities.extend(read_list(path, fmt))
    return entities


def open_index(args: argparse.Namespace):
    from rsec.engine.names.index import ScreeningIndex

    if getattr(args, "index", None):
        if args.list:
            raise ScreeningInputError(args.index, None, "", "give --list or --index, not both")
        return ScreeningIndex.load(args.index)
    if not args.list:
        raise ScreeningInputError(
            "--list", None, "", "at least one --list FILE[:FORMAT] (or --index DIR) is required"
        )
    return ScreeningIndex.build(load_lists(args.list))


def write_results(path: str | os.PathLike, results: Iterator[tuple[str, list]]) -> int:
    """Write JSON lines atomically: a temporary file beside ``path``, renamed when complete."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    count = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for qid, hits in results:
                out.write(orjson.dumps({"id": qid, "matches": [h.as_json() for h in hits]}))
                out.write(b"\n")
                count += 1
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return count


def _check_options(args: argparse.Namespace) -> None:
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise ScreeningInputError("--threshold", None, "", f"must be between 0 and 1, got {args.threshold}")
    if args.limit is not None and args.limit < 1:
        raise ScreeningInputError("--limit", None, "", f"must be at least 1, got {args.limit}")


def _errors() -> tuple[type[Exception], ...]:
    from rsec.engine.lists.errors import ListFormatError
    from rsec.engine.names.index import IndexFormatError

    return (ScreeningInputError, ListFormatError, IndexFormatError)


def cmd_screen(args: argparse.Namespace) -> int:
    from rsec.engine.lists.screening import screen_queries

    try:
        _check_options(args)
        queries = read_queries(args.input)
        index = open_index(args)
        results = screen_queries(
            index, queries, limit=args.limit, threshold=args.threshold, workers=args.workers
        )
        n = write_results(args.output, results)
    except _errors() as exc:
        print(f"rsec screen: error: {exc}", file=sys.stderr)
        return 2
    print(
        f"screened {n} queries against {index.n_entities} listed entities ({index.n_names} names)",
        file=sys.stderr,
    )
    return 0


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=False))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))
    return "\n".join(lines)


def cmd_screen_name(args: argparse.Namespace) -> int:
    path = Path("<command line>")
    try:
        _check_options(args)
        if not args.name.strip():
            raise ScreeningInputError(path, None, "name", "empty name")
        query = _make_query(
            args.name.strip(),
            _schema(args.schema or "", path, None),
            _country(args.country or "", path, None),
            _birth_date(args.birth_date or "", path, None),
        )
        index = open_index(args)
        hits = index.search(query, limit=args.limit, threshold=args.threshold)
    except _errors() as exc:
        print(f"rsec screen-name: error: {exc}", file=sys.stderr)
        return 2
    if not hits:
        print("no matches at or above the threshold")
        return 0
    rows = [[f"{h.score:.3f}", h.list, h.list_entity_id, h.matched_name, h.explanation] for h in hits]
    print(_table(rows, ["score", "list", "entity id", "matched name", "explanation"]))
    return 0


def cmd_screen_index(args: argparse.Namespace) -> int:
    from rsec.engine.names.index import ScreeningIndex

    try:
        index = ScreeningIndex.build(load_lists(args.list))
        index.save(args.output)
    except _errors() as exc:
        print(f"rsec screen-index: error: {exc}", file=sys.stderr)
        return 2
    print(f"indexed {index.n_entities} entities ({index.n_names} names) into {args.output}", file=sys.stderr)
    return 0


def _add_source_options(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument(
        "--list",
        action="append",
        default=[],
        required=required,
        metavar="FILE[:FORMAT]",
        help="watch list to screen against (repeatable); FORMAT names a reader, detected when left out",
    )
    if not required:
        p.add_argument("--index", metavar="DIR", help="a saved index (rsec screen-index) instead of --list")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "screen",
        help="screen a CSV of names against watch lists (スクリーニング)",
        description="Screen QUERIES.csv (id,name[,schema,country,birth_date]) against watch lists; "
        "write one JSON object per query, in input order, to RESULTS.jsonl.",
    )
    _add_source_options(p)
    p.add_argument("--input", required=True, metavar="QUERIES.csv")
    p.add_argument("--output", required=True, metavar="RESULTS.jsonl")
    p.add_argument("--threshold", type=float, default=None, help="minimum score (default: the matcher's)")
    p.add_argument("--limit", type=int, default=10, help="maximum matches per query (default 10)")
    p.add_argument(
        "--workers", type=int, default=None, help="processes (default: all cores for large inputs)"
    )
    p.set_defaults(func=cmd_screen)

    n = subparsers.add_parser("screen-name", help="screen one name and print the matches as a table")
    n.add_argument("name", metavar="NAME")
    n.add_argument("--schema", choices=QUERY_SCHEMATA)
    n.add_argument("--country")
    n.add_argument("--birth-date", dest="birth_date")
    _add_source_options(n)
    n.add_argument("--threshold", type=float, default=None)
    n.add_argument("--limit", type=int, default=10)
    n.set_defaults(func=cmd_screen_name)

    i = subparsers.add_parser("screen-index", help="build a screening index of watch lists and save it")
    _add_source_options(i, required=True)
    i.add_argument("--output", required=True, metavar="DIR")
    i.set_defaults(func=cmd_screen_index)
