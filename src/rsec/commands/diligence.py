"""``rsec diligence`` — due diligence on one researcher (研究者のデュー・ディリジェンス, P-3 ①).

    rsec diligence --person PERSON.json --evidence DIR --lists FILE[:FORMAT] [--lists …]
                   [--ror ROR_DUMP] [--indicators YAML] [--only ID,ID] [--retrieved DATE]
                   [--format table|json] [--output FILE]

PERSON.json is the declaration (schema: ``rsec/engine/indicators/person.schema.json``). DIR holds
evidence files in their published formats; each file's source is told by its name or content
(OpenAlex, ORCID, Crossref, KAKEN, researchmap, Lens, EPO OPS). ``--lists`` loads watch lists as
``rsec lists`` reads them (format detected unless given after a colon). ``--ror`` loads a ROR dump
or cache so that institutions are matched through their parent organisations.

Findings are printed highest severity first, as a table with Japanese and English labels or as
JSON (findings, evidence with provenance, and the evidence profile). Exit status: 0 no findings at
``medium`` or above, 1 such findings exist, 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import orjson

SEVERITY_JA = {"high": "高", "medium": "中", "low": "低", "info": "情報"}
STATUS_LABEL = {
    "listed": ("リスト該当", "listed"),
    "not_declared": ("未申告", "not declared"),
    "declared": ("申告済み", "declared"),
    "unconfirmed": ("未確認", "unconfirmed"),
    "foreign": ("外国関係", "foreign party"),
}


def _load_inputs(args):
    from rsec.engine.evidence.ror import RorRegistry
    from rsec.engine.indicators import load_declaration, load_library
    from rsec.engine.indicators.sources import read_evidence_dir
    from rsec.engine.lists.readers import parse_list_spec, read_list

    declaration = load_declaration(args.person)
    library = load_library(args.indicators)
    records = [
        rec for _path, _source, rec in read_evidence_dir(args.evidence, retrieved=args.retrieved or "")
    ]
    entities = []
    for spec in args.lists or []:
        path, fmt = parse_list_spec(spec)
        entities.extend(read_list(path, fmt))
    ror = RorRegistry.load(args.ror) if args.ror else None
    return declaration, library, records, entities, ror


class _LazyAffiliationMatcher:
    """Builds the affiliation index only when a byline has raw affiliation strings the source left unresolved."""

    def __init__(self, ror):
        self.ror = ror
        self._matcher = None

    def match(self, text: str):
        if self._matcher is None:
            from rsec.engine.evidence.affiliations import AffiliationMatcher

            self._matcher = AffiliationMatcher(self.ror)
        return self._matcher.match(text)


def _table(result) -> str:
    lines = []
    findings = result.findings
    lines.append(
        f"指摘 / findings: {len(findings)}   "
        f"論文 / works attributed: {len(result.profile.works)} (要確認 / possible: {len(result.profile.possible_works)})   "
        f"指標 / indicators: {result.library.id} {result.library.version}"
    )
    if not findings:
        lines.append("指摘なし / no findings")
        return "\n".join(lines)
    for n, f in enumerate(findings, 1):
        ja_status, en_status = STATUS_LABEL.get(f.status, (f.status, f.status))
        decl = f.declaration_label
        lines.append("")
        lines.append(
            f"[{n}] 重大度 / severity: {SEVERITY_JA.get(f.severity, f.severity)} / {f.severity}   "
            f"区分 / status: {ja_status} / {en_status}"
        )
        lines.append(
            f"    指標 / indicator: {f.indicator} — {f.title.get('ja', '')} / {f.title.get('en', '')}"
        )
        lines.append(f"    内容: {f.summary['ja']}")
        lines.append(f"    Summary: {f.summary['en']}")
        lines.append(
            f"    申告 / declaration: {decl['ja']}"
            + (f" ({f.declaration.ref})" if f.declaration is not None else f" / {decl['en']}")
        )
        for e in f.evidence[:8]:
            provs = "; ".join(
                f"{p.source}:{p.record_id} (取得 / retrieved {p.retrieved or '?'}, 信頼度 / reliability {p.reliability})"
                for p in e.provenance
            )
            lines.append(f"    証拠 / evidence: {e.label} — {provs or 'declaration'}")
            if e.detail:
                lines.append(f"        {e.detail}")
        if len(f.evidence) > 8:
            lines.append(f"    … {len(f.evidence) - 8} more")
    return "\n".join(lines)


def _write(text: str, output: str | None) -> None:
    if not output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out = Path(output)
    fd, tmp = tempfile.mkstemp(dir=out.parent or ".", prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_diligence(args) -> int:
    from rsec.engine.evidence._io import EvidenceFormatError
    from rsec.engine.evidence.ror import RorFormatError
    from rsec.engine.indicators import DeclarationError, IndicatorLibraryError, run_diligence
    from rsec.engine.indicators.sources import EvidenceDirError
    from rsec.engine.lists.readers import ListFormatError

    try:
        declaration, library, records, entities, ror = _load_inputs(args)
    except (
        DeclarationError,
        IndicatorLibraryError,
        EvidenceFormatError,
        EvidenceDirError,
        ListFormatError,
        RorFormatError,
        FileNotFoundError,
        ValueError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    only = [x.strip() for x in args.only.split(",") if x.strip()] if args.only else None
    if only:
        unknown = sorted(set(only) - {i.id for i in library.indicators})
        if unknown:
            print(f"error: --only: unknown indicator(s) {', '.join(unknown)}", file=sys.stderr)
            return 2
    matcher = _LazyAffiliationMatcher(ror) if ror is not None else None
    result = run_diligence(
        declaration, records, entities, ror=ror, library=library, only=only, affiliation_matcher=matcher
    )
    if args.format == "json":
        text = orjson.dumps(result.as_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    else:
        text = _table(result)
    _write(text, args.output)
    serious = [f for f in result.findings if f.severity in ("medium", "high")]
    return 1 if serious else 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "diligence",
        help="due diligence on a researcher: declaration vs open-source evidence and watch lists",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--person", required=True, metavar="PERSON.json", help="the researcher's declaration")
    p.add_argument("--evidence", required=True, metavar="DIR", help="folder of evidence files")
    p.add_argument(
        "--lists",
        action="append",
        default=[],
        metavar="FILE[:FORMAT]",
        help="watch list file (repeatable); format detected unless given",
    )
    p.add_argument("--ror", metavar="ROR_DUMP", help="ROR dump or cache (parent organisations)")
    p.add_argument(
        "--indicators", metavar="YAML", help="indicator library (default: rsec/frameworks/indicators.yaml)"
    )
    p.add_argument("--only", metavar="ID,ID", help="run only these indicators")
    p.add_argument("--retrieved", metavar="DATE", help="retrieval date recorded in the provenance (ISO)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=cmd_diligence)
