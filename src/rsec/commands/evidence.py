"""``rsec evidence`` — read open-source evidence files and load them into the DuckDB evidence store.

rsec evidence read SOURCE FILE [--limit N]          print records as JSON lines
rsec evidence load SOURCE FILE… [--db PATH]         bulk load (one transaction)
rsec evidence works --db PATH (--orcid X | --author-id X | --name X) [--since YEAR]
rsec evidence coauthors --db PATH (--orcid X | --author-id X | --name X) [--since YEAR] [--until YEAR]
"""

from __future__ import annotations

import sys
import time

import orjson

DEFAULT_DB = "var/evidence.duckdb"


def _read(args) -> int:
    from rsec.engine.evidence.model import to_dict
    from rsec.engine.evidence.readers import EvidenceFormatError, read_evidence

    out = sys.stdout.buffer
    try:
        for n, rec in enumerate(read_evidence(args.source, args.file, retrieved=args.retrieved or ""), 1):
            out.write(orjson.dumps(to_dict(rec), option=orjson.OPT_APPEND_NEWLINE))
            if args.limit and n >= args.limit:
                break
    except EvidenceFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _load(args) -> int:
    from rsec.engine.evidence.readers import EvidenceFormatError
    from rsec.engine.evidence.store import EvidenceStore

    started = time.perf_counter()
    try:
        with EvidenceStore(args.db) as store:
            counts = store.load_file(args.source, args.files, retrieved=args.retrieved or "")
    except EvidenceFormatError as exc:
        print(f"error: {exc} (nothing loaded)", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    total = sum(counts.values())
    summary = ", ".join(f"{k} {v:,}" for k, v in counts.items()) or "no records"
    print(f"loaded {total:,} records into {args.db} in {seconds:.1f} s: {summary}")
    return 0


def _person_args(p) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default {DEFAULT_DB})")
    p.add_argument("--orcid", default="")
    p.add_argument("--author-id", default="", help="source author id, e.g. OpenAlex A5023888391")
    p.add_argument("--name", default="", help="author name (matched by name key)")
    p.add_argument("--since", type=int, default=None, help="first publication year of the look-back window")


def _query(args, method: str) -> int:
    from rsec.engine.evidence.store import EvidenceStore

    if not (args.orcid or args.author_id or args.name):
        print("error: give --orcid, --author-id or --name", file=sys.stderr)
        return 2
    with EvidenceStore(args.db) as store:
        kwargs = {
            "author_id": args.author_id,
            "orcid": args.orcid,
            "name": args.name,
            "since_year": args.since,
        }
        if method == "coauthors":
            kwargs["until_year"] = args.until
        rows = getattr(store, method)(**kwargs)
    out = sys.stdout.buffer
    for row in rows:
        out.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE, default=str))
    return 0


def register(subparsers) -> None:
    from rsec.engine.evidence.readers import SOURCES

    parser = subparsers.add_parser("evidence", help="open-source evidence: read, load, query (公開情報)")
    sub = parser.add_subparsers(dest="evidence_command", metavar="ACTION")

    p = sub.add_parser("read", help="print the records of one file as JSON lines")
    p.add_argument("source", choices=SOURCES)
    p.add_argument("file")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--retrieved", help="retrieval / snapshot date (ISO) recorded in provenance")
    p.set_defaults(func=_read)

    p = sub.add_parser("load", help="bulk load files into the DuckDB evidence store")
    p.add_argument("source", choices=SOURCES)
    p.add_argument("files", nargs="+")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default {DEFAULT_DB})")
    p.add_argument("--retrieved", help="retrieval / snapshot date (ISO) recorded in provenance")
    p.set_defaults(func=_load)

    p = sub.add_parser("works", help="works of a person")
    _person_args(p)
    p.set_defaults(func=lambda a: _query(a, "works_by_author"))

    p = sub.add_parser("coauthors", help="co-authors of a person with institutions and countries")
    _person_args(p)
    p.add_argument("--until", type=int, default=None, help="last publication year of the window")
    p.set_defaults(func=lambda a: _query(a, "coauthors"))

    parser.set_defaults(func=lambda a: (parser.print_help(), 0)[1])
