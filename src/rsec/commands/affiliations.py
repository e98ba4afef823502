"""``rsec affiliations`` — resolve affiliation strings to ROR institutions (所属機関の同定).

``rsec affiliations match --ror ROR_DUMP --input STRINGS.csv --output OUT.jsonl``
reads a CSV with the columns ``id,affiliation`` and writes one JSON object per input row, in order:
``{"id": …, "ror_ids": [...], "explanation": …}``. The output is written to a temporary file and
renamed when complete, so a failure never leaves a half-written file.

``rsec affiliations cache --ror ROR_DUMP --output CACHE`` writes the registry in its compact cache
form, which ``--ror`` also accepts.

``match`` keeps the matcher index in a persistent cache keyed by the ROR file's content hash
(``--cache-dir``; ``--no-cache`` to build in memory only), so a second run starts in about a fifth of
the build time.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from pathlib import Path

import orjson

from rsec.engine.evidence.affiliations import (
    AffiliationIndex,
    AffiliationMatcher,
    MatcherConfig,
    load_index,
)
from rsec.engine.evidence.ror import RorFormatError, RorRegistry

REQUIRED_COLUMNS = ("id", "affiliation")


class AffiliationInputError(ValueError):
    """Bad input CSV; names the file, the row (1-based, header = row 1) and the field."""

    def __init__(self, file: str, row: int | None, message: str, field: str = ""):
        self.file, self.row, self.field, self.reason = str(file), row, field, message
        where = self.file
        if row is not None:
            where += f": row {row}"
        if field:
            where += f": field {field!r}"
        super().__init__(f"{where}: {message}")


def read_affiliation_csv(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """Rows ``(id, affiliation)`` of ``path``; raises :class:`AffiliationInputError` on bad input."""
    p = Path(path)
    try:
        fh = open(p, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise AffiliationInputError(str(p), None, f"cannot open: {exc.strerror or exc}") from None
    rows: list[tuple[str, str]] = []
    with fh:
        try:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise AffiliationInputError(str(p), None, "file is empty (expected a header id,affiliation)")
            names = [h.strip().lower() for h in header]
            missing = [c for c in REQUIRED_COLUMNS if c not in names]
            if missing:
                raise AffiliationInputError(
                    str(p), 1, f"missing column(s) {', '.join(missing)}; found {', '.join(header)}"
                )
            i_id, i_aff = names.index("id"), names.index("affiliation")
            seen: set[str] = set()
            for rowno, rec in enumerate(reader, start=2):
                if not rec or all(not c.strip() for c in rec):
                    continue
                if len(rec) != len(header):
                    raise AffiliationInputError(
                        str(p), rowno, f"has {len(rec)} fields, the header has {len(header)}"
                    )
                rid = rec[i_id].strip()
                if not rid:
                    raise AffiliationInputError(str(p), rowno, "empty id", "id")
                if rid in seen:
                    raise AffiliationInputError(str(p), rowno, f"duplicate id {rid!r}", "id")
                seen.add(rid)
                rows.append((rid, rec[i_aff]))
        except csv.Error as exc:
            raise AffiliationInputError(str(p), reader.line_num, f"malformed CSV: {exc}") from None
        except UnicodeDecodeError:
            raise AffiliationInputError(str(p), None, "not UTF-8 text") from None
    return rows


def _write_jsonl_atomic(path: Path, objects: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for obj in objects:
                out.write(orjson.dumps(obj) + b"\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_match(args: argparse.Namespace) -> int:
    try:
        rows = read_affiliation_csv(args.input)
        if args.no_cache:
            index: RorRegistry | AffiliationIndex = RorRegistry.load(args.ror)
        else:
            index, report = load_index(args.ror, args.cache_dir)
            how = "read from cache" if report.from_cache else "built"
            print(
                f"matcher index {how} in {report.registry_seconds + report.index_seconds:.1f} s",
                file=sys.stderr,
            )
    except (AffiliationInputError, RorFormatError) as exc:
        print(f"rsec affiliations: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"rsec affiliations: error: {args.ror}: cannot read: {exc}", file=sys.stderr)
        return 2
    config = MatcherConfig() if args.threshold is None else MatcherConfig(threshold=args.threshold)
    matcher = AffiliationMatcher(index, config)
    out = []
    for rid, text in rows:
        matches = matcher.match(text)
        out.append(
            {
                "id": rid,
                "ror_ids": [m.ror_id for m in matches],
                "explanation": " | ".join(m.explanation for m in matches)
                if matches
                else "no institution above the decision threshold",
            }
        )
    try:
        _write_jsonl_atomic(Path(args.output), out)
    except OSError as exc:
        print(f"rsec affiliations: error: {args.output}: cannot write: {exc}", file=sys.stderr)
        return 2
    print(f"{len(out)} rows, {sum(1 for o in out if o['ror_ids'])} matched → {args.output}", file=sys.stderr)
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    try:
        registry = RorRegistry.load(args.ror)
        registry.save(args.output)
    except (RorFormatError, OSError) as exc:
        print(f"rsec affiliations: error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(registry)} ROR records → {args.output}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "affiliations", help="resolve affiliation strings to ROR institutions (所属機関の同定)"
    )
    sub = parser.add_subparsers(dest="affiliations_command", metavar="ACTION", required=True)
    m = sub.add_parser("match", help="match a CSV of affiliation strings (columns id,affiliation)")
    m.add_argument("--ror", required=True, help="ROR v2 dump (json, json.gz, zip, jsonl) or registry cache")
    m.add_argument("--input", required=True, help="CSV with columns id,affiliation")
    m.add_argument("--output", required=True, help="JSON-lines output, one object per input row, in order")
    m.add_argument("--threshold", type=float, default=None, help="decision threshold (default 0.70)")
    m.add_argument(
        "--cache-dir",
        default=None,
        help="where the matcher index is cached, keyed by the ROR file's content "
        "(default $RSEC_CACHE_DIR/affiliations or ~/.cache/rsec/affiliations)",
    )
    m.add_argument("--no-cache", action="store_true", help="build the index in memory, write no cache")
    m.set_defaults(func=cmd_match)
    c = sub.add_parser("cache", help="write the registry as a compact cache for a faster start")
    c.add_argument("--ror", required=True, help="ROR v2 dump")
    c.add_argument("--output", required=True, help="cache file to write (.jsonl.gz)")
    c.set_defaults(func=cmd_cache)
