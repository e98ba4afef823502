"""``rsec lists`` — read watch lists, export them as FtM and compare two editions.

rsec lists formats                                    the list formats rsec reads
rsec lists info FILE[:FORMAT] [--published DATE] [--json]
                                                      format, entity count by schema, SHA-256, date
rsec lists export FILE[:FORMAT] --output OUT.ftm.json FtM line-JSON (written only when all is read)
rsec lists diff OLD[:FORMAT] NEW[:FORMAT] [--json] [--ids N]
                                                      added / removed / changed entities
"""

from __future__ import annotations

import json
import sys


def _fail(exc: Exception) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 2


def _formats(args) -> int:
    from rsec.engine.lists import readers

    for name in readers.FORMATS:
        print(f"{name:10s} {readers.LIST_CODES[name]:14s} {readers.DESCRIPTIONS[name]}")
    return 0


def _info(args) -> int:
    from rsec.engine.lists.errors import ListFormatError
    from rsec.engine.lists.readers import parse_list_spec
    from rsec.engine.lists.snapshot import load_snapshot

    path, fmt = parse_list_spec(args.file)
    try:
        snap = load_snapshot(path, fmt, args.published)
    except (ListFormatError, OSError) as exc:
        return _fail(exc)
    info = {
        "file": snap.source,
        "format": snap.format,
        "list": snap.list,
        "published": snap.published,
        "sha256": snap.sha256,
        "entities": snap.entity_count,
        "by_schema": snap.count_by_schema(),
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    for key in ("file", "format", "list", "published", "sha256", "entities"):
        print(f"{key:10s} {info[key] if info[key] != '' else '-'}")
    for schema, count in info["by_schema"].items():
        print(f"  {schema:14s} {count:,}")
    return 0


def _export(args) -> int:
    from rsec.engine.lists.errors import ListFormatError
    from rsec.engine.lists.readers import parse_list_spec
    from rsec.engine.lists.snapshot import load_snapshot, write_snapshot

    path, fmt = parse_list_spec(args.file)
    try:
        snap = load_snapshot(path, fmt, args.published)
        count = write_snapshot(snap, args.output)
    except (ListFormatError, OSError) as exc:
        return _fail(exc)
    print(f"wrote {count:,} {snap.list} entities to {args.output}", file=sys.stderr)
    return 0


def _diff(args) -> int:
    from rsec.engine.lists.errors import ListFormatError
    from rsec.engine.lists.readers import parse_list_spec
    from rsec.engine.lists.snapshot import diff, load_snapshot

    try:
        old = load_snapshot(*parse_list_spec(args.old))
        new = load_snapshot(*parse_list_spec(args.new))
    except (ListFormatError, OSError) as exc:
        return _fail(exc)
    if old.list != new.list:
        print(f"warning: comparing different lists ({old.list} vs {new.list})", file=sys.stderr)
    result = diff(old, new)
    summary = result.summary()
    if args.json:
        payload = {
            "old": {"file": old.source, "published": old.published, "sha256": old.sha256},
            "new": {"file": new.source, "published": new.published, "sha256": new.sha256},
            **summary,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"{old.list}: {old.published or old.source} → {new.published or new.source}")
    print(f"added {summary['added']}, removed {summary['removed']}, changed {summary['changed']}")
    limit = args.ids
    for label, ids in (("+", summary["added_ids"]), ("-", summary["removed_ids"])):
        for ident in ids[:limit]:
            print(f"  {label} {ident}")
        if len(ids) > limit:
            print(f"  {label} … {len(ids) - limit} more")
    changed = list(summary["changed_ids"].items())
    for ident, fields in changed[:limit]:
        print(f"  ~ {ident} ({', '.join(fields)})")
    if len(changed) > limit:
        print(f"  ~ … {len(changed) - limit} more")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lists",
        help="watch lists (ウォッチリスト): info, FtM export, diff between editions",
        description="Read watch-list files (UN, METI, MOF, OFAC, BIS, CSL, OpenSanctions, ASPI, CSV). "
        "FILE may carry its format as FILE:FORMAT; see `rsec lists formats`.",
    )
    sub = parser.add_subparsers(dest="lists_command", metavar="SUBCOMMAND", required=True)

    p = sub.add_parser("formats", help="list the formats rsec reads")
    p.set_defaults(func=_formats)

    p = sub.add_parser("info", help="format, counts by schema, SHA-256 and publication date")
    p.add_argument("file", metavar="FILE[:FORMAT]")
    p.add_argument("--published", default=None, help="publication date (YYYY-MM-DD) if not in the file name")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_info)

    p = sub.add_parser("export", help="write the list as FollowTheMoney line-JSON")
    p.add_argument("file", metavar="FILE[:FORMAT]")
    p.add_argument("--output", "-o", required=True, metavar="OUT.ftm.json")
    p.add_argument("--published", default=None)
    p.set_defaults(func=_export)

    p = sub.add_parser("diff", help="entities added, removed and changed between two editions")
    p.add_argument("old", metavar="OLD[:FORMAT]")
    p.add_argument("new", metavar="NEW[:FORMAT]")
    p.add_argument("--json", action="store_true", help="print JSON (all ids)")
    p.add_argument("--ids", type=int, default=20, help="ids to show per kind in text output (default 20)")
    p.set_defaults(func=_diff)
