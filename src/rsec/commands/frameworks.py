"""``rsec frameworks`` — list, show and validate framework libraries (フレームワーク定義).

rsec frameworks list [--lang ja|en] [--format table|json]
rsec frameworks show ID|FILE [--version V] [--lang ja|en] [--format text|json]
rsec frameworks validate FILE… | --all
rsec frameworks schema KIND
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Mapping
from typing import Any

from rsec.engine.frameworks import (
    PACKAGE_DIR,
    FrameworkError,
    Library,
    candidates,
    known_kinds,
    load_library,
    read_library,
    schema_for,
)

LABELS = {
    "ja": {
        "id": "ID",
        "version": "版",
        "kind": "種別",
        "title": "名称",
        "where": "所在",
        "package": "（同梱）",
        "source": "出典",
        "section": "該当箇所",
        "requirements": "要件",
        "basis": "根拠の種類",
        "configurable": "機関が設定する既定値",
        "items": "項目",
        "overrides": "上書き",
        "ok": "OK",
    },
    "en": {
        "id": "id",
        "version": "version",
        "kind": "kind",
        "title": "title",
        "where": "where",
        "package": "(package)",
        "source": "source",
        "section": "section",
        "requirements": "requirements",
        "basis": "basis",
        "configurable": "institution-configurable default",
        "items": "items",
        "overrides": "overrides",
        "ok": "OK",
    },
}


def _where(lib: Library, lang: str) -> str:
    if lib.path is None:
        return ""
    if lib.path.parent.resolve() == PACKAGE_DIR.resolve():
        return LABELS[lang]["package"]
    return str(lib.path)


def _is_text(value: Any) -> bool:
    return isinstance(value, Mapping) and set(value) == {"ja", "en"}


def render(value: Any, lang: str, indent: int = 0) -> list[str]:
    """Plain-text rendering of library data; bilingual texts shown in ``lang``."""
    pad = "  " * indent
    if _is_text(value):
        return [pad + value[lang]]
    if isinstance(value, Mapping):
        lines = []
        for key, sub in value.items():
            if _is_text(sub) or not isinstance(sub, (Mapping, list, tuple)):
                shown = sub[lang] if _is_text(sub) else json.dumps(sub, ensure_ascii=False)
                if isinstance(sub, str):
                    shown = sub
                lines.append(f"{pad}{key}: {shown}")
            elif isinstance(sub, (list, tuple)) and all(isinstance(x, str) for x in sub):
                lines.append(f"{pad}{key}: {', '.join(sub)}")
            else:
                lines.append(f"{pad}{key}:")
                lines.extend(render(sub, lang, indent + 1))
        return lines
    if isinstance(value, (list, tuple)):
        lines = []
        for sub in value:
            inner = render(sub, lang, indent + 1)
            if inner:
                inner[0] = pad + "- " + inner[0].lstrip()
            lines.extend(inner)
        return lines
    return [pad + (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _width(text: str) -> int:
    """Display width in a terminal: East Asian wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def cmd_list(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        groups = candidates()
    except FrameworkError as exc:
        print(exc, file=sys.stderr)
        return 1
    libs = [groups[k][0] for k in sorted(groups)]
    if args.format == "json":
        out = [
            {
                "id": lib.id,
                "version": lib.version,
                "kind": lib.kind,
                "title": {"ja": lib.title.ja, "en": lib.title.en},
                "path": str(lib.path),
                "requirements": sorted(lib.requirements()),
                "overrides": [{"version": o.version, "path": str(o.path)} for o in groups[lib.id][1:]],
            }
            for lib in libs
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    lb = LABELS[lang]
    rows = [[lb["id"], lb["version"], lb["kind"], lb["title"], lb["where"]]]
    for lib in libs:
        where = _where(lib, lang)
        shadowed = groups[lib.id][1:]
        if shadowed:
            where += f" ({lb['overrides']} {', '.join(o.version for o in shadowed)})"
        rows.append([lib.id, lib.version, lib.kind, lib.title.get(lang), where])
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(_pad(cell, widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip())
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        lib = load_library(args.library, version=args.version)
    except FrameworkError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(_plain(lib.data), ensure_ascii=False, indent=2))
        return 0
    lb = LABELS[lang]
    src = lib.source
    out = [
        f"{lib.title.get(lang)}",
        f"{lb['id']}: {lib.id}  {lb['version']}: {lib.version}  {lb['kind']}: {lib.kind}",
    ]
    if lib.description:
        out.append(lib.description.get(lang))
    document = src.document.get(lang) if src.document else ""
    out.append(f"{lb['source']}: {document}" + (f" ({src.date})" if src.date else ""))
    out.append(f"{lb['section']}: {src.section}")
    out.append(f"{lb['requirements']}: {', '.join(src.requirements)}  {lb['basis']}: {src.basis}")
    if lib.configurable:
        out.append(f"* {lb['configurable']}")
    if src.note:
        out.append(src.note.get(lang))
    skip = {"id", "version", "kind", "title", "description", "source", "items", "configurable"}
    for key, value in lib.data.items():
        if key not in skip:
            out.append("")
            out.append(f"{key}:")
            out.extend(render(value, lang, 1))
    out.append("")
    out.append(f"{lb['items']} ({len(lib.items)}):")
    for item in lib.items:
        reqs = f" [{', '.join(item.requirements)}]" if item.requirements else ""
        out.append(f"- {item.id}{reqs}: {item.title.get(lang)}")
        rest = {k: v for k, v in item.data.items() if k not in ("id", "title", "requirement")}
        out.extend(render(rest, lang, 2))
    print("\n".join(out))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    paths = list(args.files)
    if args.all:
        try:
            groups = candidates()
        except FrameworkError as exc:
            print(exc, file=sys.stderr)
            return 1
        paths += [str(lib.path) for libs in groups.values() for lib in libs]
    if not paths:
        print("rsec frameworks validate: give FILE… or --all", file=sys.stderr)
        return 2
    for path in paths:
        try:
            lib = read_library(path)
        except FrameworkError as exc:
            failed += 1
            print(exc, file=sys.stderr)
            continue
        print(f"OK {path}: {lib.id} {lib.version} ({lib.kind}, {len(lib.items)} items)")
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.kind not in ("base", *known_kinds()):
        print(f"unknown kind {args.kind!r} (known: base, {', '.join(known_kinds())})", file=sys.stderr)
        return 1
    print(json.dumps(schema_for(None if args.kind == "base" else args.kind), ensure_ascii=False, indent=2))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "frameworks",
        help="framework libraries as data: list, show, validate (フレームワーク定義)",
        description="Framework libraries (checklists, catalogues, criteria …) in rsec/frameworks/ and "
        "RSEC_FRAMEWORKS_PATH: list, show, validate.",
    )
    sub = parser.add_subparsers(dest="frameworks_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help="the effective libraries (highest version of each id)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="one library, by id or file")
    p.add_argument("library", metavar="ID|FILE")
    p.add_argument("--version", help="an exact version instead of the highest")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "validate", help="check files against the schemas; exit 1 with file and path of each error"
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--all", action="store_true", help="also every library on the search path")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a kind (or base)")
    p.add_argument("kind")
    p.set_defaults(func=cmd_schema)
