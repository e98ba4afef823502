"""Evidence profile of a person or an institution (公開情報プロファイル).

What the open sources say, gathered in one place for comparison with a declaration (P-3 ①):
affiliations over time, co-authors with their institutions and countries, funders and award ids
acknowledged on works, grants (KAKEN, ORCID, researchmap), positions (researchmap, ORCID, KAKEN)
and patents (applicants, inventors, owners, countries). Every item keeps the
:class:`~rsec.engine.evidence.model.Provenance` of the records it came from — source, record id,
retrieval date, reliability — and, for a person, how confidently the record was attributed.

Attribution of records to the person:
- records carrying the person's identifiers (ORCID, KAKEN / e-Rad, researchmap) are theirs;
- works are attributed by :func:`rsec.engine.evidence.authors.resolve_person` (ORCID, names in any
  script, declared institutions, co-authors); only ``match`` decisions enter the profile, ``possible``
  ones are listed in :attr:`EvidenceProfile.possible_works` for an officer;
- patents by inventor name (patents rarely carry researcher ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rsec.engine.evidence.authors import (
    DEFAULT_CONFIG,
    AuthorMatch,
    Feature,
    PersonQuery,
    ResolverConfig,
    name_similarity,
    resolve_person,
    signatures_from_works,
)
from rsec.engine.evidence.model import (
    Author,
    Grant,
    InstitutionRef,
    Patent,
    PatentParty,
    PersonIds,
    Position,
    Provenance,
    Work,
)


def year_of(date: str | int | None) -> int | None:
    if isinstance(date, int):
        return date
    s = (date or "").strip()
    return int(s[:4]) if s[:4].isdigit() else None


def short_ror(value: str) -> str:
    v = (value or "").strip().rstrip("/")
    return v.rsplit("/", 1)[-1] if v else ""


@dataclass
class EvidenceItem:
    """One fact in a profile, with where it came from (出典) and how it was attributed."""

    kind: str  # affiliation | coauthor | funding | grant | position | patent
    label: str  # short human-readable description (no personal names for coauthors beyond the record)
    start: str = ""
    end: str = ""
    years: set[int] = field(default_factory=set)
    institution: InstitutionRef | None = None
    country: str = ""  # ISO alpha-2 upper case, "" when unknown
    data: dict[str, Any] = field(default_factory=dict)  # kind-specific fields
    provenance: list[Provenance] = field(default_factory=list)
    confidence: float = 1.0  # attribution to the person
    reasons: list[str] = field(default_factory=list)

    @property
    def first_year(self) -> int | None:
        ys = [y for y in ([year_of(self.start)] + sorted(self.years)) if y]
        return min(ys) if ys else None

    @property
    def last_year(self) -> int | None:
        if self.start and not self.end and self.kind in ("affiliation", "position", "grant"):
            return 9999  # ongoing
        ys = [y for y in ([year_of(self.end), year_of(self.start)] + sorted(self.years)) if y]
        return max(ys) if ys else None

    def within(self, since_year: int) -> bool:
        """True when the item reaches into the window starting at ``since_year`` (unknown dates count)."""
        last = self.last_year
        return last is None or last >= since_year

    def as_dict(self) -> dict:
        inst = self.institution
        return {
            "kind": self.kind,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "years": sorted(self.years),
            "institution": (
                {"name": inst.name, "ror": inst.ror_id, "country": inst.country, "id": inst.id}
                if inst
                else None
            ),
            "country": self.country,
            "data": self.data,
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
            "confidence": self.confidence,
            "reasons": self.reasons,
        }


@dataclass
class EvidenceProfile:
    """Everything found about one subject, by kind; ``sources`` lists the source codes seen."""

    subject: str  # "person" | "institution"
    affiliations: list[EvidenceItem] = field(default_factory=list)
    coauthors: list[EvidenceItem] = field(default_factory=list)
    funding: list[EvidenceItem] = field(default_factory=list)  # acknowledgements on works
    grants: list[EvidenceItem] = field(default_factory=list)  # grant records
    positions: list[EvidenceItem] = field(default_factory=list)
    patents: list[EvidenceItem] = field(default_factory=list)
    works: list[AuthorMatch] = field(default_factory=list)
    possible_works: list[AuthorMatch] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)  # sources of the loaded evidence
    kinds_loaded: set[str] = field(default_factory=set)  # work | grant | position | patent | author

    def items(self) -> list[EvidenceItem]:
        return self.affiliations + self.coauthors + self.funding + self.grants + self.positions + self.patents

    def as_dict(self) -> dict:
        return {
            "subject": self.subject,
            "works": [
                {"work": m.signature.work_id, "confidence": m.confidence, "reasons": m.reasons}
                for m in self.works
            ],
            "possible_works": [
                {"work": m.signature.work_id, "confidence": m.confidence, "reasons": m.reasons}
                for m in self.possible_works
            ],
            **{
                k: [i.as_dict() for i in getattr(self, k)]
                for k in ("affiliations", "coauthors", "funding", "grants", "positions", "patents")
            },
        }


# --------------------------------------------------------------------------- helpers


def _inst_key(inst: InstitutionRef) -> str:
    if inst.ror_id:
        return "ror:" + short_ror(inst.ror_id)
    if inst.id:
        return "id:" + inst.id
    return "name:" + " ".join(inst.name.casefold().split())


def _ids_overlap(a: PersonIds | None, declared: dict[str, str]) -> str:
    """Name of the identifier shared by a record owner and the declaration ("" if none)."""
    if a is None:
        return ""
    pairs = (
        ("orcid", a.orcid),
        ("kaken", a.kaken_id),
        ("erad", a.erad_id),
        ("kaken", a.erad_id),
        ("erad", a.kaken_id),
        ("researchmap", a.researchmap_id),
        ("openalex", a.openalex_id),
    )
    permalink = a.other.get("researchmap_permalink", "")
    if permalink:
        pairs = (*pairs, ("researchmap", permalink))
    for key, value in pairs:
        mine = (declared.get(key) or "").replace("https://orcid.org/", "").strip()
        if value and mine and value.strip().casefold() == mine.casefold():
            return key
        if key == "researchmap" and value and mine and value.rstrip("/").rsplit("/", 1)[-1] == mine:
            return key
    return ""


def _merge_affiliation(
    index: dict[str, EvidenceItem],
    inst: InstitutionRef,
    prov: Provenance | None,
    year: int | None = None,
    start: str = "",
    end: str = "",
    origin: str = "",
    confidence: float = 1.0,
    reasons: Iterable[str] = (),
    title: str = "",
) -> None:
    if not (inst.name or inst.ror_id or inst.id):
        return
    key = _inst_key(inst)
    item = index.get(key)
    if item is None:
        item = EvidenceItem(
            kind="affiliation",
            label=inst.name or inst.ror_id,
            institution=inst,
            country=(inst.country or "").upper(),
            data={"origins": [], "titles": []},
            confidence=confidence,
        )
        index[key] = item
    if year:
        item.years.add(year)
    if start and (not item.start or start < item.start):
        item.start = start
    if end and (not item.end or end > item.end):
        item.end = end
    if start and not end and origin == "position":
        item.data["ongoing"] = True
    if origin and origin not in item.data["origins"]:
        item.data["origins"].append(origin)
    if title and title not in item.data["titles"]:
        item.data["titles"].append(title)
    if prov is not None and prov not in item.provenance:
        item.provenance.append(prov)
    item.confidence = max(item.confidence, confidence) if item.provenance else confidence
    for r in reasons:
        if r not in item.reasons:
            item.reasons.append(r)


def _party_dict(p: PatentParty) -> dict:
    return {"name": p.name, "country": p.country, "role": p.role}


def _institutions_of(au: Any, matcher: Any, keep_raw: bool) -> list[InstitutionRef]:
    """The institutions of an authorship; raw strings the source left unresolved go through ``matcher``
    (ROR), and — for the person themself — are kept as raw names when nothing resolves them."""
    insts = list(au.institutions)
    if insts or not au.raw_affiliations:
        return insts
    if matcher is not None:
        for raw in au.raw_affiliations:
            for hit in matcher.match(raw):
                insts.append(
                    InstitutionRef(
                        name=hit.name,
                        ror_id=short_ror(hit.ror_id),
                        country=hit.country_code,
                        lineage=[short_ror(x) for x in hit.lineage],
                    )
                )
    if not insts and keep_raw:
        parts = [p.strip() for raw in au.raw_affiliations for p in raw.split(";")]
        insts = [InstitutionRef(name=p) for p in dict.fromkeys(parts) if p]
    return insts


# --------------------------------------------------------------------------- person profile


def person_query(declaration: Any) -> PersonQuery:
    """The resolver query of a :class:`~rsec.engine.indicators.declaration.Declaration`."""
    institutions: list[str] = []
    rors: set[str] = set()
    for item in declaration.section("affiliations"):
        institutions.append(item.get("institution"))
        institutions.extend(item.get("institution_names", []) or [])
        if item.get("ror"):
            rors.add(short_ror(item.get("ror")))
    return PersonQuery(
        names=declaration.all_names(),
        orcid=declaration.orcid,
        institutions=[i for i in institutions if i],
        ror_ids=rors,
    )


def build_person_profile(
    declaration: Any,
    records: Iterable[Any],
    config: ResolverConfig = DEFAULT_CONFIG,
    affiliation_matcher: Any = None,
    min_inventor_score: float = 0.85,
) -> EvidenceProfile:
    """Gather the evidence about the declared person from ``records`` (any evidence model records).

    ``affiliation_matcher`` (an :class:`~rsec.engine.evidence.affiliations.AffiliationMatcher`), when
    given, resolves raw affiliation strings that the source left unresolved to ROR institutions.
    """
    prof = EvidenceProfile(subject="person")
    ids = dict(declaration.ids)
    works: list[Work] = []
    owned_works: list[tuple[Work, str]] = []
    grants: list[tuple[Grant, str]] = []
    positions: list[tuple[Position, str]] = []
    authors: list[tuple[Author, str]] = []
    patents: list[Patent] = []
    for rec in records:
        prov = getattr(rec, "provenance", None)
        if prov is not None:
            prof.sources.add(prov.source)
        if isinstance(rec, Work):
            prof.kinds_loaded.add("work")
            via = _ids_overlap(rec.owner, ids)
            if rec.owner is not None and via:
                owned_works.append((rec, via))
            elif rec.owner is None:
                works.append(rec)
        elif isinstance(rec, Grant):
            prof.kinds_loaded.add("grant")
            via = _ids_overlap(rec.owner, ids)
            if not via:
                for m in rec.members:
                    via = _ids_overlap(m.ids, ids)
                    if via:
                        break
            if not via:
                mine = {ids.get("kaken", ""), ids.get("erad", "")} - {""}
                if mine & set(rec.researcher_ids):
                    via = "kaken"
            if via:
                grants.append((rec, via))
        elif isinstance(rec, Position):
            prof.kinds_loaded.add("position")
            via = _ids_overlap(rec.person, ids)
            if via:
                positions.append((rec, via))
        elif isinstance(rec, Author):
            via = _ids_overlap(rec.ids, ids) or (
                "orcid" if rec.orcid and rec.orcid == declaration.orcid else ""
            )
            if via:
                authors.append((rec, via))
        elif isinstance(rec, Patent):
            prof.kinds_loaded.add("patent")
            patents.append(rec)

    # --- works: resolve the person among the authors
    query = person_query(declaration)
    matches = resolve_person(query, works, config)
    prof.works = [m for m in matches if m.decision == "match"]
    prof.possible_works = [m for m in matches if m.decision == "possible"]
    for work, via in owned_works:
        best = None
        for i, au in enumerate(work.authorships):
            f = max((name_similarity(n, au.name) for n in query.names), key=lambda f: f.score or 0.0)
            if (f.score or 0) >= config.name_gate and (best is None or (f.score or 0) > (best[1].score or 0)):
                best = (i, f)
        sigs = signatures_from_works([work])
        sig = sigs[best[0]] if best else None
        if sig is None:  # the profile owner's work, but the byline does not show their name form
            continue
        prof.works.append(
            AuthorMatch(
                sig,
                "match",
                1.0,
                [Feature("owner", 1.0, f"listed on the person's own profile ({via})"), best[1]],
            )
        )

    affs: dict[str, EvidenceItem] = {}
    coauthors: dict[str, EvidenceItem] = {}
    for m in prof.works:
        work, au = m.signature.work, m.signature.authorship
        assert work is not None and au is not None
        insts = _institutions_of(au, affiliation_matcher, keep_raw=True)
        for inst in insts:
            _merge_affiliation(
                affs,
                inst,
                work.provenance,
                work.year,
                origin="publication",
                confidence=m.confidence,
                reasons=[f"byline of {work.id}"],
            )
        # co-authors
        for other in work.authorships:
            if other is au:
                continue
            key = (other.author_id or other.orcid or other.name) + "|" + work.id
            other_insts = _institutions_of(other, affiliation_matcher, keep_raw=False)
            coauthors[key] = EvidenceItem(
                kind="coauthor",
                label=other.name,
                years={work.year} if work.year else set(),
                institution=other_insts[0] if other_insts else None,
                country=(other.countries[0] if other.countries else "").upper(),
                data={
                    "name": other.name,
                    "author_id": other.author_id,
                    "work": work.id,
                    "doi": work.doi,
                    "title": work.title,
                    "institutions": [
                        {"name": i.name, "ror": i.ror_id, "country": i.country, "lineage": list(i.lineage)}
                        for i in other_insts
                    ],
                    "raw_affiliations": list(other.raw_affiliations),
                    "countries": list(other.countries),
                },
                provenance=[work.provenance] if work.provenance else [],
                confidence=m.confidence,
                reasons=m.reasons,
            )
        for f in work.funding:
            prof.funding.append(_funding_item(work, f, work.provenance))
    prof.coauthors = list(coauthors.values())

    for pos, via in positions:
        item = EvidenceItem(
            kind="position",
            label=" / ".join(x for x in (pos.institution.name, pos.title, pos.kind) if x),
            start=pos.start,
            end=pos.end,
            institution=pos.institution,
            country=(pos.institution.country or "").upper(),
            data={"title": pos.title, "kind": pos.kind, "department": pos.department},
            provenance=[pos.provenance] if pos.provenance else [],
            reasons=[f"record of the person ({via})"],
        )
        prof.positions.append(item)
        if pos.kind not in (
            "education",
            "qualification",
            "distinction",
            "membership",
            "committee",
            "service",
        ):
            _merge_affiliation(
                affs,
                pos.institution,
                pos.provenance,
                start=pos.start,
                end=pos.end,
                origin="position",
                reasons=[f"{pos.kind} record ({via})"],
                title=pos.title,
            )
    for author, via in authors:
        for a in author.affiliations:
            for y in a.years or [None]:
                _merge_affiliation(
                    affs,
                    a.institution,
                    author.provenance,
                    y,
                    a.start,
                    a.end,
                    origin="author-record",
                    reasons=[f"author record ({via})"],
                    title=a.title,
                )
    prof.affiliations = sorted(affs.values(), key=lambda i: (i.first_year or 0, i.label))

    for g, via in grants:
        prof.grants.append(
            EvidenceItem(
                kind="grant",
                label=" / ".join(x for x in (g.funder, g.programme, g.id) if x),
                start=g.start,
                end=g.end,
                institution=g.institution,
                country=(g.funder_country or "").upper(),
                data={
                    "id": g.id,
                    "title": g.title,
                    "funder": g.funder,
                    "programme": g.programme,
                    "role": g.role,
                    "amount": g.amount,
                    "currency": g.currency,
                },
                provenance=[g.provenance] if g.provenance else [],
                reasons=[f"grant record of the person ({via})"],
            )
        )

    for p in patents:
        best = None
        for inv in p.inventors:
            f = max((name_similarity(n, inv.name) for n in query.names), key=lambda f: f.score or 0.0)
            if (f.score or 0) >= min_inventor_score and (best is None or (f.score or 0) > (best.score or 0)):
                best = f
        if best is None:
            continue
        prof.patents.append(
            EvidenceItem(
                kind="patent",
                label=" ".join(x for x in (p.id, p.title) if x),
                start=p.priority_date or p.filing_date,
                years={y for y in (year_of(p.filing_date), year_of(p.publication_date)) if y},
                country=(p.jurisdiction or "").upper(),
                data={
                    "number": p.id,
                    "family": p.family,
                    "title": p.title,
                    "jurisdiction": p.jurisdiction,
                    "applicants": [_party_dict(x) for x in p.applicants],
                    "owners": [_party_dict(x) for x in p.owners],
                    "inventors": [_party_dict(x) for x in p.inventors],
                    "application_number": p.application_number,
                },
                provenance=[p.provenance] if p.provenance else [],
                confidence=best.score or 0.0,
                reasons=[f"inventor {best.detail}"],
            )
        )
    return prof


# --------------------------------------------------------------------------- institution profile


def build_institution_profile(
    records: Iterable[Any], ror_id: str = "", names: Iterable[str] = (), min_name_score: float = 0.92
) -> EvidenceProfile:
    """What the evidence says about an institution (partner due diligence, P-3 ① (2)).

    Works with an author at the institution give its co-operating institutions and countries
    (``coauthors`` items keyed by the other institution) and the funders acknowledged; patents whose
    applicant or owner is the institution give its patents.
    """
    from rapidfuzz import fuzz

    rid = short_ror(ror_id)
    wanted = [" ".join(n.casefold().split()) for n in names if n]

    def is_it(inst: InstitutionRef) -> bool:
        if rid and (short_ror(inst.ror_id) == rid or rid in [short_ror(x) for x in inst.lineage]):
            return True
        n = " ".join(inst.name.casefold().split())
        return bool(n) and any(fuzz.ratio(n, w) / 100 >= min_name_score for w in wanted)

    prof = EvidenceProfile(subject="institution")
    partners: dict[str, EvidenceItem] = {}
    for rec in records:
        prov = getattr(rec, "provenance", None)
        if prov is not None:
            prof.sources.add(prov.source)
        if isinstance(rec, Work):
            prof.kinds_loaded.add("work")
            ours = [a for a in rec.authorships if any(is_it(i) for i in a.institutions)]
            if not ours:
                continue
            for a in rec.authorships:
                for inst in a.institutions:
                    if is_it(inst):
                        continue
                    key = _inst_key(inst)
                    item = partners.setdefault(
                        key,
                        EvidenceItem(
                            kind="coauthor",
                            label=inst.name,
                            institution=inst,
                            country=(inst.country or "").upper(),
                            data={"works": []},
                        ),
                    )
                    if rec.year:
                        item.years.add(rec.year)
                    if rec.id not in item.data["works"]:
                        item.data["works"].append(rec.id)
                    if prov is not None and prov not in item.provenance:
                        item.provenance.append(prov)
            for f in rec.funding:
                prof.funding.append(_funding_item(rec, f, prov))
        elif isinstance(rec, Patent):
            prof.kinds_loaded.add("patent")
            parties = rec.applicants + rec.owners
            if any(
                any(
                    fuzz.ratio(" ".join(p.name.casefold().split()), w) / 100 >= min_name_score for w in wanted
                )
                for p in parties
            ):
                prof.patents.append(
                    EvidenceItem(
                        kind="patent",
                        label=" ".join(x for x in (rec.id, rec.title) if x),
                        start=rec.priority_date or rec.filing_date,
                        country=(rec.jurisdiction or "").upper(),
                        data={
                            "number": rec.id,
                            "applicants": [_party_dict(x) for x in rec.applicants],
                            "owners": [_party_dict(x) for x in rec.owners],
                            "inventors": [_party_dict(x) for x in rec.inventors],
                        },
                        provenance=[prov] if prov else [],
                    )
                )
    prof.coauthors = sorted(partners.values(), key=lambda i: -len(i.data["works"]))
    return prof


def _funding_item(work, funding, provenance) -> EvidenceItem:
    """A funding acknowledgement of a work, as a profile item (person and institution profiles alike)."""
    return EvidenceItem(
        kind="funding",
        label=" ".join(x for x in (funding.funder_name, funding.award_id) if x),
        years={work.year} if work.year else set(),
        country=(funding.funder_country or "").upper(),
        data={
            "funder": funding.funder_name,
            "funder_id": funding.funder_id,
            "award_id": funding.award_id,
            "work": work.id,
            "doi": work.doi,
        },
        provenance=[provenance] if provenance else [],
    )
