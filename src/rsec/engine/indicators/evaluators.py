"""Indicator evaluators (リスク指標の評価関数) and the findings they produce.

Each evaluator is a small function ``(context, indicator) -> Iterable[Finding]`` registered under a
name with :func:`evaluator`; ``rsec/frameworks/indicators.yaml`` chooses which ones run, with which
parameters and at which default severity. A :class:`Finding` names the indicator, its severity, the
evidence records (with provenance) and the declaration item it contradicts — or ``None``, meaning
"not declared" (未申告).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from rsec.engine.evidence.affiliations import name_key
from rsec.engine.evidence.model import InstitutionRef, Provenance
from rsec.engine.evidence.profile import EvidenceItem, EvidenceProfile, short_ror, year_of
from rsec.engine.indicators.declaration import Declaration, DeclaredItem
from rsec.engine.indicators.library import SEVERITIES, Indicator, IndicatorLibrary
from rsec.engine.indicators.screen import ListHit, ListScreen

NOT_DECLARED = {"ja": "未申告", "en": "not declared"}


# --------------------------------------------------------------------------- findings


@dataclass
class EvidenceRef:
    """An evidence item a finding rests on, with its provenance and why it is relevant."""

    kind: str
    label: str
    detail: str = ""
    provenance: list[Provenance] = field(default_factory=list)
    confidence: float = 1.0
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, item: EvidenceItem, detail: str = "") -> EvidenceRef:
        return cls(item.kind, item.label, detail, list(item.provenance), item.confidence, item.as_dict())

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "detail": self.detail,
            "confidence": self.confidence,
            "provenance": [
                {
                    "source": p.source,
                    "record_id": p.record_id,
                    "retrieved": p.retrieved,
                    "reliability": p.reliability,
                    "url": p.url,
                    "file": p.file,
                }
                for p in self.provenance
            ],
        }


@dataclass
class Finding:
    """One indicator raised (指摘事項)."""

    indicator: str
    title: dict[str, str]
    severity: str
    status: str  # listed | not_declared | declared | unconfirmed | foreign
    summary: dict[str, str]
    evidence: list[EvidenceRef]
    declaration: DeclaredItem | None = None  # None: nothing declared matches ("not declared")
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def declaration_label(self) -> dict[str, str]:
        if self.declaration is None:
            return dict(NOT_DECLARED)
        return {"ja": self.declaration.label, "en": self.declaration.label}

    def as_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "summary": self.summary,
            "declaration": self.declaration.as_dict() if self.declaration else None,
            "declaration_label": self.declaration_label,
            "evidence": [e.as_dict() for e in self.evidence],
            "details": self.details,
        }


@dataclass
class Context:
    """What every evaluator may look at."""

    declaration: Declaration
    profile: EvidenceProfile
    library: IndicatorLibrary
    screen: ListScreen | None = None
    ror: Any = None  # RorRegistry
    reference_date: _dt.date = field(default_factory=_dt.date.today)

    def since(self, indicator: Indicator) -> int:
        years = int(indicator.parameters.get("lookback_years", 5))
        return self.reference_date.year - years

    def param(self, indicator: Indicator, key: str, default: Any = None) -> Any:
        return self.library.resolve(indicator.parameters.get(key, default))


Evaluator = Callable[[Context, Indicator], Iterable[Finding]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(name: str) -> Callable[[Evaluator], Evaluator]:
    """Register an evaluator under ``name`` (the name ``indicators.yaml`` refers to)."""

    def deco(fn: Evaluator) -> Evaluator:
        EVALUATORS[name] = fn
        return fn

    return deco


def _finding(
    ind: Indicator,
    status: str,
    ja: str,
    en: str,
    evidence: list[EvidenceRef],
    declaration: DeclaredItem | None = None,
    severity: str = "",
    **details: Any,
) -> Finding:
    return Finding(
        indicator=ind.id,
        title=dict(ind.title),
        severity=severity or ind.severity,
        status=status,
        summary={"ja": ja, "en": en},
        evidence=evidence,
        declaration=declaration,
        details=details,
    )


# --------------------------------------------------------------------------- comparing with the declaration


def _key(text: str) -> str:
    toks = name_key(text or "")
    return " ".join(toks) if any(t.isascii() for t in toks) else "".join(toks)


def _contains(big: str, small: str) -> bool:
    """``small`` occurs in ``big`` on word boundaries (Latin) or as a substring (CJK)."""
    if not big or not small:
        return False
    if " " in big or " " in small or big.isascii():
        return f" {small} " in f" {big} "
    return small in big


def _names_agree(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb or _contains(ka, kb) or _contains(kb, ka):
        return True
    return len(ka) >= 8 and len(kb) >= 8 and fuzz.ratio(ka, kb) >= 90


def _inst_names(inst: InstitutionRef, ror: Any) -> list[str]:
    names = [inst.name]
    if ror is not None and inst.ror_id:
        org = ror.get(inst.ror_id)
        if org is not None:
            names += [n.value for n in org.names if "acronym" not in n.types]
    return [n for n in names if n]


def _ror_family(ror_id: str, ror: Any) -> set[str]:
    """The ROR id with its ancestors (a lab of a declared university is that university's)."""
    if not ror_id:
        return set()
    out = {short_ror(ror_id)}
    if ror is not None:
        out |= {short_ror(x) for x in ror.lineage(ror_id)}
    return out


def declared_institution(ctx: Context, inst: InstitutionRef) -> DeclaredItem | None:
    """The declared affiliation that covers ``inst`` (same ROR or an ancestor, or agreeing names)."""
    fam = _ror_family(inst.ror_id, ctx.ror)
    found_names = _inst_names(inst, ctx.ror)
    for item in ctx.declaration.section("affiliations"):
        if item.get("ror") and short_ror(item.get("ror")) in fam:
            return item
        declared_names = [item.get("institution"), *(item.get("institution_names", []) or [])]
        if item.get("ror") and ctx.ror is not None:
            declared_names += _inst_names(InstitutionRef(ror_id=item.get("ror")), ctx.ror)
        if any(_names_agree(f, d) for f in found_names for d in declared_names if d):
            return item
    return None


def _norm_id(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", (text or "").casefold())


def declared_funding(ctx: Context, funder: str, award: str, programme: str = "") -> DeclaredItem | None:
    """The declared grant, support or talent programme that covers a funder / award."""
    a = _norm_id(award)
    for item in ctx.declaration.section("grants"):
        da = _norm_id(item.get("award_id"))
        if a and da and (a == da or (len(da) >= 5 and da in a) or (len(a) >= 5 and a in da)):
            return item
        if (not a or not da) and (
            _names_agree(funder, item.get("funder"))
            or (programme and _names_agree(programme, item.get("programme")))
        ):
            return item
    for item in ctx.declaration.section("support"):
        if _names_agree(funder, item.get("provider")):
            return item
    for item in ctx.declaration.section("talent_programmes"):
        if _names_agree(funder, item.get("name")) or (
            programme and _names_agree(programme, item.get("name"))
        ):
            return item
    return None


def declared_patent(ctx: Context, data: dict) -> DeclaredItem | None:
    num = _norm_id(data.get("number", ""))
    core = re.sub(r"[a-z]\d?$", "", num)  # drop the kind code (A1, B2 …)
    for item in ctx.declaration.section("patents"):
        dn = _norm_id(item.get("number"))
        dcore = re.sub(r"[a-z]\d?$", "", dn)
        if dn and (
            dn == num or (dcore and dcore == core) or _norm_id(data.get("application_number", "")) == dn
        ):
            return item
        if (
            item.get("title")
            and data.get("title")
            and fuzz.ratio(item.get("title").casefold(), data["title"].casefold()) >= 90
        ):
            return item
    return None


def _in_window(item: EvidenceItem, since: int) -> bool:
    return item.within(since)


def _severity_max(*values: str) -> str:
    return max((v for v in values if v in SEVERITIES), key=SEVERITIES.index, default="info")


def _country_of(inst: InstitutionRef | None, ctx: Context) -> str:
    if inst is None:
        return ""
    if inst.country:
        return inst.country.upper()
    if ctx.ror is not None and inst.ror_id:
        org = ctx.ror.get(inst.ror_id)
        if org is not None:
            return (org.country_code or "").upper()
    return ""


# --------------------------------------------------------------------------- evaluators


@evaluator("listed_affiliation")
def listed_affiliation(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Affiliations (found within the look-back, and declared ones) with a listed entity, directly or via ROR lineage."""
    if ctx.screen is None:
        return []
    since = ctx.since(ind)
    via = bool(ind.parameters.get("via_lineage", True))
    out: dict[tuple[str, str], Finding] = {}
    candidates: list[tuple[InstitutionRef, EvidenceItem | None, DeclaredItem | None]] = []
    for item in ctx.profile.affiliations:
        if item.institution and _in_window(item, since):
            candidates.append((item.institution, item, declared_institution(ctx, item.institution)))
    if ind.parameters.get("include_declared", True):
        for d in ctx.declaration.section("affiliations"):
            candidates.append(
                (InstitutionRef(name=d.get("institution"), ror_id=short_ror(d.get("ror"))), None, d)
            )
    for inst, item, decl in candidates:
        for hit in ctx.screen.match_institution(inst, via_lineage=via):
            key = (hit.entity.list, hit.entity.id)
            ev = (
                EvidenceRef.of(item, hit.detail)
                if item
                else EvidenceRef("declaration", decl.label if decl else "", hit.detail)
            )
            ev.data["list_hit"] = hit.as_dict()
            if key in out:
                out[key].evidence.append(ev)
                if decl is not None and out[key].declaration is None:
                    out[key].declaration = decl
                continue
            name = hit.entity.caption
            out[key] = _finding(
                ind,
                "listed",
                f"所属機関「{inst.name}」がリスト（{hit.entity.list}）掲載の「{name}」に該当する"
                + ("（上位組織経由）" if hit.via else ""),
                f"Affiliation '{inst.name}' matches '{name}' on list {hit.entity.list}"
                + (" (via parent organisation)" if hit.via else ""),
                [ev],
                decl,
                list_hit=hit.as_dict(),
            )
    return list(out.values())


@evaluator("listed_coauthor_institution")
def listed_coauthor_institution(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Co-authors at listed or defence-linked institutions within the look-back; one finding per listed entity."""
    if ctx.screen is None:
        return []
    since = ctx.since(ind)
    via = bool(ind.parameters.get("via_lineage", True))
    out: dict[tuple[str, str], Finding] = {}
    cache: dict[tuple[str, str], list[ListHit]] = {}
    for item in ctx.profile.coauthors:
        if not _in_window(item, since):
            continue
        for raw in item.data.get("institutions", []):
            inst = InstitutionRef(
                name=raw.get("name", ""), ror_id=raw.get("ror", ""), country=raw.get("country", "")
            )
            k = (inst.name, inst.ror_id)
            if k not in cache:
                cache[k] = ctx.screen.match_institution(inst, via_lineage=via)
            for hit in cache[k]:
                key = (hit.entity.list, hit.entity.id)
                ev = EvidenceRef.of(item, f"co-author on {item.data.get('work')} at {hit.detail}")
                if key in out:
                    out[key].evidence.append(ev)
                    out[key].details["works"] = sorted(
                        {*out[key].details["works"], item.data.get("work", "")}
                    )
                    continue
                name = hit.entity.caption
                out[key] = _finding(
                    ind,
                    "listed",
                    f"{since}年以降の共著者にリスト掲載・国防関連機関「{name}」所属の研究者がいる",
                    f"Co-author(s) since {since} at listed or defence-linked institution '{name}' ({hit.entity.list})",
                    [ev],
                    None,
                    list_hit=hit.as_dict(),
                    works=[item.data.get("work", "")],
                )
    return list(out.values())


def _programme_names(ctx: Context, ind: Indicator) -> list[tuple[dict, str, str]]:
    progs = ctx.param(ind, "programmes", "talent_programmes") or []
    out = []
    for prog in progs:
        for n in prog.get("names", []):
            k = _key(n)
            if k:
                out.append((prog, n, k))
    return out


def _texts_of(item: EvidenceItem) -> list[str]:
    d = item.data
    texts = [item.label]
    for key in ("funder", "award_id", "programme", "title", "department"):
        if d.get(key):
            texts.append(str(d[key]))
    texts += [str(t) for t in d.get("titles", [])]
    if item.institution is not None and item.institution.name:
        texts.append(item.institution.name)
    return texts


def talent_programme_hits(
    ctx: Context, ind: Indicator, items: Iterable[EvidenceItem]
) -> list[tuple[EvidenceItem, dict, str, str]]:
    names = _programme_names(ctx, ind)
    hits = []
    for item in items:
        for text in _texts_of(item):
            kt = _key(text)
            for prog, name, k in names:
                if _contains(kt, k):
                    hits.append((item, prog, name, text))
                    break
            else:
                continue
            break
    return hits


def _declared_programme(ctx: Context, prog: dict) -> DeclaredItem | None:
    names = prog.get("names", [])
    for section in ("talent_programmes", "support", "grants"):
        for d in ctx.declaration.section(section):
            texts = [
                d.get("name"),
                d.get("provider"),
                d.get("programme"),
                d.get("funder"),
                d.get("description"),
            ]
            if any(t and _names_agree(t, n) for t in texts for n in names):
                return d
    return None


@evaluator("talent_programme")
def talent_programme(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """A foreign talent programme in acknowledgements, grants, positions or affiliations (names from YAML data)."""
    since = ctx.since(ind)
    p = ctx.profile
    items = [i for i in p.funding + p.grants + p.positions + p.affiliations if _in_window(i, since)]
    out: dict[str, Finding] = {}
    for item, prog, name, text in talent_programme_hits(ctx, ind, items):
        ev = EvidenceRef.of(item, f"'{name}' in '{text}'")
        if prog["id"] in out:
            out[prog["id"]].evidence.append(ev)
            continue
        decl = _declared_programme(ctx, prog)
        sev = ind.severity if decl is None else ind.parameters.get("severity_if_declared", ind.severity)
        out[prog["id"]] = _finding(
            ind,
            "not_declared" if decl is None else "declared",
            f"外国の人材招へいプログラム（{name}）による支援の記録がある"
            + ("（未申告）" if decl is None else "（申告済み）"),
            f"Record of support from a foreign talent programme ({name})"
            + (" — not declared" if decl is None else " — declared"),
            [ev],
            decl,
            severity=sev,
            programme=prog["id"],
            country=prog.get("country", ""),
        )
    return list(out.values())


@evaluator("foreign_funding")
def foreign_funding(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Funding from foreign-government funders (by country or by the YAML funder list) that was not declared."""
    since = ctx.since(ind)
    home = str(ind.parameters.get("home_country", "JP")).upper()
    funders = ctx.param(ind, "funders", "foreign_government_funders") or []
    talent = {id(i) for i, *_ in talent_programme_hits(ctx, ind, ctx.profile.funding + ctx.profile.grants)}
    out: dict[str, Finding] = {}
    for item in ctx.profile.funding + ctx.profile.grants:
        if id(item) in talent or not _in_window(item, since):
            continue
        funder = item.data.get("funder", "")
        country = item.country
        listed = next((f for f in funders if _names_agree(funder, f.get("name", ""))), None)
        if listed is not None:
            country = country or str(listed.get("country", "")).upper()
        if not country or country == home or (listed is None and not item.country):
            continue
        if declared_funding(ctx, funder, item.data.get("award_id", ""), item.data.get("programme", "")):
            continue
        key = _key(funder)
        ev = EvidenceRef.of(item, f"funder '{funder}' ({country})")
        if key in out:
            out[key].evidence.append(ev)
            continue
        out[key] = _finding(
            ind,
            "not_declared",
            f"外国（{country}）の政府系資金「{funder}」の記録があるが申告されていない",
            f"Funding from foreign ({country}) government funder '{funder}' was not declared",
            [ev],
            None,
            funder=funder,
            country=country,
        )
    return list(out.values())


@evaluator("undeclared")
def undeclared(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Items of a kind (affiliations / grants / patents) found in the evidence but absent from the declaration."""
    section = ind.parameters.get("section", "affiliations")
    since = ctx.since(ind)
    out: list[Finding] = []
    if section == "affiliations":
        home = str(ind.parameters.get("home_country", "JP")).upper()
        for item in ctx.profile.affiliations:
            if item.institution is None or not _in_window(item, since):
                continue
            if declared_institution(ctx, item.institution) is not None:
                continue
            country = _country_of(item.institution, ctx) or item.country
            sev = ind.severity
            if country and country == home:
                sev = ind.parameters.get("home_country_severity", ind.severity)
            span = _span(item)
            out.append(
                _finding(
                    ind,
                    "not_declared",
                    f"所属「{item.label}」（{country or '国不明'}、{span}）が公開情報にあるが申告されていない",
                    f"Affiliation '{item.label}' ({country or 'country unknown'}, {span}) found but not declared",
                    [EvidenceRef.of(item, "; ".join(item.reasons[:3]))],
                    None,
                    severity=sev,
                    institution=item.institution.name,
                    ror=item.institution.ror_id,
                    country=country,
                )
            )
    elif section == "grants":
        groups: dict[str, Finding] = {}
        for item in ctx.profile.funding + ctx.profile.grants:
            if not _in_window(item, since):
                continue
            d = item.data
            if declared_funding(ctx, d.get("funder", ""), d.get("award_id", ""), d.get("programme", "")):
                continue
            key = _key(d.get("funder", "")) + "|" + _norm_id(d.get("award_id", "") or d.get("id", ""))
            ev = EvidenceRef.of(item, "; ".join(item.reasons[:2]))
            if key in groups:
                groups[key].evidence.append(ev)
                continue
            groups[key] = _finding(
                ind,
                "not_declared",
                f"研究費・支援「{item.label}」が公開情報にあるが申告されていない",
                f"Funding '{item.label}' found but not declared",
                [ev],
                None,
                funder=d.get("funder", ""),
                award_id=d.get("award_id", "") or d.get("id", ""),
                country=item.country,
            )
        out.extend(groups.values())
    elif section == "patents":
        for item in ctx.profile.patents:
            if not _in_window(item, since) or declared_patent(ctx, item.data):
                continue
            out.append(
                _finding(
                    ind,
                    "not_declared",
                    f"発明者として記載された特許「{item.label}」が申告されていない",
                    f"Patent '{item.label}' naming the researcher as inventor was not declared",
                    [EvidenceRef.of(item, "; ".join(item.reasons[:2]))],
                    None,
                    number=item.data.get("number", ""),
                )
            )
    else:  # pragma: no cover - guarded by the library check below
        raise ValueError(f"undeclared: unknown section {section!r}")
    return out


def _span(item: EvidenceItem) -> str:
    if item.start or item.end:
        return f"{item.start or '?'}–{item.end or ''}"
    if item.years:
        ys = sorted(item.years)
        return str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"
    return "dates unknown"


@evaluator("unconfirmed")
def unconfirmed(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Declared items no loaded evidence confirms (only for kinds of evidence actually loaded)."""
    p = ctx.profile
    loaded = p.kinds_loaded
    since = ctx.since(ind)
    out: list[Finding] = []
    for section in ind.parameters.get("sections", ["affiliations", "grants", "patents"]):
        for d in ctx.declaration.section(section):
            end = year_of(d.get("end"))
            if end and end < since:
                continue
            if section == "affiliations":
                if not ({"work", "position"} & loaded):
                    continue
                ok = any(
                    i.institution is not None and declared_institution(ctx, i.institution) is d
                    for i in p.affiliations
                )
            elif section == "grants":
                if "grant" not in loaded and not p.funding:
                    continue
                ok = any(
                    declared_funding(
                        ctx,
                        i.data.get("funder", ""),
                        i.data.get("award_id", "") or i.data.get("id", ""),
                        i.data.get("programme", ""),
                    )
                    is d
                    for i in p.funding + p.grants
                )
            elif section == "patents":
                if "patent" not in loaded:
                    continue
                ok = any(declared_patent(ctx, i.data) is d for i in p.patents)
            else:
                continue
            if not ok:
                out.append(
                    _finding(
                        ind,
                        "unconfirmed",
                        f"申告事項「{d.label}」を読み込んだ公開情報で確認できない",
                        f"Declared item '{d.label}' is not confirmed by the loaded evidence",
                        [],
                        d,
                        sources=sorted(p.sources),
                    )
                )
    return out


@evaluator("foreign_patent")
def foreign_patent(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Patents naming the researcher as inventor whose applicant or owner is foreign (or listed)."""
    home = str(ind.parameters.get("home_country", "JP")).upper()
    min_score = float(ind.parameters.get("min_inventor_score", 0.85))
    since = ctx.since(ind)
    out: list[Finding] = []
    for item in ctx.profile.patents:
        if item.confidence < min_score or not _in_window(item, since):
            continue
        parties = item.data.get("applicants", []) + item.data.get("owners", [])
        foreign = [x for x in parties if x.get("country") and x["country"].upper() != home]
        listed: list[ListHit] = []
        if ctx.screen is not None:
            for x in parties:
                listed += ctx.screen.match_name(x.get("name", ""))
        if not foreign and not listed:
            continue
        names = ", ".join(sorted({x["name"] for x in foreign} | {h.matched_name for h in listed}))
        decl = declared_patent(ctx, item.data)
        sev = _severity_max(ind.severity, "high" if listed else "")
        out.append(
            _finding(
                ind,
                "listed" if listed else "foreign",
                f"発明者として記載された特許「{item.data.get('number')}」の出願人・権利者に外国の者（{names}）がいる",
                f"Patent {item.data.get('number')} naming the researcher as inventor has foreign applicant/owner(s): {names}",
                [EvidenceRef.of(item, "; ".join(item.reasons))],
                decl,
                severity=sev,
                foreign_parties=foreign,
                list_hits=[h.as_dict() for h in listed],
            )
        )
    return out


_ROLE_JA = {
    "partner": "相手機関",
    "declared affiliation": "申告された所属機関",
    "affiliation found": "公開情報上の所属機関",
}


@evaluator("partner_category")
def partner_category(ctx: Context, ind: Indicator) -> Iterable[Finding]:
    """Partner and affiliated institutions in ASPI's tracker; severity from the category (YAML data)."""
    if ctx.screen is None:
        return []
    categories: dict[str, str] = ctx.param(ind, "categories", "aspi_category_severity") or {}
    targets: list[tuple[InstitutionRef, DeclaredItem | None, EvidenceItem | None, str]] = []
    for d in ctx.declaration.section("partners"):
        targets.append(
            (InstitutionRef(name=d.get("institution"), ror_id=short_ror(d.get("ror"))), d, None, "partner")
        )
    for d in ctx.declaration.section("affiliations"):
        targets.append(
            (
                InstitutionRef(name=d.get("institution"), ror_id=short_ror(d.get("ror"))),
                d,
                None,
                "declared affiliation",
            )
        )
    for item in ctx.profile.affiliations:
        if item.institution is not None and item.within(ctx.since(ind)):
            targets.append(
                (item.institution, declared_institution(ctx, item.institution), item, "affiliation found")
            )
    out: dict[str, Finding] = {}
    for inst, decl, item, role in targets:
        for hit in ctx.screen.match_institution(inst):
            cats = [t for t in hit.entity.topics if t in categories]
            if not cats:
                continue
            sev = _severity_max(*(categories[c] for c in cats))
            ev = (
                EvidenceRef.of(item, hit.detail)
                if item
                else EvidenceRef("declaration", decl.label if decl else inst.name, hit.detail)
            )
            key = hit.entity.id
            if key in out:
                out[key].evidence.append(ev)
                continue
            out[key] = _finding(
                ind,
                "listed",
                f"{_ROLE_JA.get(role, role)}「{inst.name}」は ASPI の区分 {', '.join(cats)} に該当する",
                f"{role.capitalize()} '{inst.name}' is in ASPI's tracker as {', '.join(cats)}",
                [ev],
                decl,
                severity=sev,
                categories=cats,
                role=role,
                list_hit=hit.as_dict(),
            )
    return list(out.values())


# --------------------------------------------------------------------------- running a library


def evaluate(ctx: Context, only: Iterable[str] | None = None) -> list[Finding]:
    """Run every indicator of the library (or ``only`` those ids); highest severity first."""
    wanted = set(only) if only else None
    findings: list[Finding] = []
    for ind in ctx.library.indicators:
        if wanted is not None and ind.id not in wanted:
            continue
        findings.extend(EVALUATORS[ind.evaluator](ctx, ind))
    order = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    return sorted(findings, key=lambda f: (order.get(f.severity, 9), f.indicator))
