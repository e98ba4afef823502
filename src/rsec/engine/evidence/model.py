"""Open-source evidence records (公開情報による確認の証拠).

Every reader in :mod:`rsec.engine.evidence` yields plain dataclasses from this module:
:class:`Work`, :class:`Author`, :class:`Institution`, :class:`Funder`, :class:`Grant`,
:class:`Position` and :class:`Patent`. Each carries a :class:`Provenance` — the source, the
record id there, the retrieval date and a reliability grade — so that every item shown to an
officer can be traced back (P-3: checking what researchers declared against open sources).

Conventions:
- dates are ISO 8601 strings, possibly partial (``"2021"``, ``"2021-04"``), ``""`` when unknown;
- countries are ISO 3166-1 alpha-2, upper case (``"JP"``), as OpenAlex, ROR and patent offices write them;
- identifiers are kept in their canonical short form: ORCID ``0000-0002-1825-0097``, DOI lower case
  without ``https://doi.org/``, OpenAlex ``W123`` / ``A123`` / ``I123`` / ``F123``, ROR ``https://ror.org/…``
  reduced to the 9-character id (``00f54p054``).

The classes use ``slots`` to keep per-record overhead small: OpenAlex snapshots hold hundreds of
millions of works.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Reliability grades (信頼度). Ordered: "A" is the most reliable.
RELIABILITY_AUTHORITATIVE = "A"  # authoritative registry: KAKEN, ORCID (authenticated), patent office
RELIABILITY_CURATED = "B"  # curated bibliographic database: OpenAlex, Crossref, ROR, Lens
RELIABILITY_SELF_PUBLISHED = "C"  # self-published profile: researchmap, unauthenticated ORCID items
RELIABILITY_OTHER = "D"  # other web sources
RELIABILITY_GRADES = {
    RELIABILITY_AUTHORITATIVE: "authoritative registry",
    RELIABILITY_CURATED: "curated bibliographic database",
    RELIABILITY_SELF_PUBLISHED: "self-published",
    RELIABILITY_OTHER: "other web source",
}

# Source codes used in Provenance.source and by read_evidence().
SOURCE_RELIABILITY = {
    "openalex": RELIABILITY_CURATED,
    "crossref": RELIABILITY_CURATED,
    "ror": RELIABILITY_CURATED,
    "lens": RELIABILITY_CURATED,
    "orcid": RELIABILITY_AUTHORITATIVE,
    "kaken": RELIABILITY_AUTHORITATIVE,
    "epo-ops": RELIABILITY_AUTHORITATIVE,
    "researchmap": RELIABILITY_SELF_PUBLISHED,
}

AUTHOR_POSITIONS = ("first", "middle", "last")


@dataclass(slots=True)
class Provenance:
    """Where an evidence item comes from (出典): source, record id there, retrieval date, grade, URL."""

    source: str  # openalex | crossref | orcid | kaken | researchmap | lens | epo-ops | ror | web
    record_id: str  # id of the record in that source (e.g. "W2741809807", "0000-0002-1825-0097")
    retrieved: str = ""  # ISO date the record was retrieved / the snapshot date; "" if unknown
    reliability: str = RELIABILITY_CURATED  # A | B | C | D (see RELIABILITY_GRADES)
    url: str = ""  # canonical URL of the record, where one exists
    file: str = ""  # local file (and line / element) the record was read from


@dataclass(slots=True)
class PersonIds:
    """Identifiers of a researcher across sources (研究者の識別子)."""

    orcid: str = ""  # 0000-0002-1825-0097
    kaken_id: str = ""  # KAKEN researcher number (研究者番号), 8 digits; same as the e-Rad number
    erad_id: str = ""  # e-Rad researcher number (e-Rad 研究者番号)
    researchmap_id: str = ""  # researchmap permalink or "R000012345" id
    openalex_id: str = ""  # A123…
    scopus_id: str = ""
    other: dict[str, str] = field(default_factory=dict)  # e.g. {"j_global_id": "..."}


@dataclass(slots=True)
class InstitutionRef:
    """An institution as a record mentions it: an id where the source resolved it, and the raw string."""

    id: str = ""  # source's institution id (OpenAlex I…, KAKEN/e-Rad institution code …)
    name: str = ""  # display name in the source
    ror_id: str = ""  # 9-character ROR id, when the source gives one
    country: str = ""  # ISO alpha-2, upper case
    type: str = ""  # education | facility | company | government | …
    lineage: list[str] = field(default_factory=list)  # ids of parent institutions (OpenAlex lineage)


@dataclass(slots=True)
class Institution:
    """An organisation record (機関): OpenAlex institution, ROR record, …"""

    id: str
    name: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (value, lang) incl. other scripts/acronyms
    country: str = ""
    ror_id: str = ""
    types: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)  # ids (same id space as ``id``) of parent organisations
    provenance: Provenance | None = None


@dataclass(slots=True)
class Authorship:
    """One author on one work (著者), with the institutions and countries the work gives for them."""

    author_id: str = ""  # source author id (OpenAlex A…); "" when the source has none
    name: str = ""  # name as printed / displayed
    orcid: str = ""
    position: str = ""  # first | middle | last ("" if unknown)
    is_corresponding: bool = False
    institutions: list[InstitutionRef] = field(default_factory=list)
    raw_affiliations: list[str] = field(default_factory=list)  # raw affiliation strings as printed
    countries: list[str] = field(default_factory=list)  # ISO alpha-2, upper case


@dataclass(slots=True)
class Funding:
    """A funder (and award) acknowledged on a work (謝辞の資金提供元・課題番号)."""

    funder_id: str = ""  # OpenAlex F…, Crossref Funder Registry DOI (10.13039/…)
    funder_name: str = ""
    funder_country: str = ""
    award_id: str = ""  # grant / award number as printed


@dataclass(slots=True)
class Work:
    """A publication (論文等の成果)."""

    id: str  # source id (OpenAlex W…, DOI for Crossref, researchmap item id, ORCID put-code)
    doi: str = ""
    title: str = ""
    year: int | None = None
    date: str = ""  # publication date, ISO
    type: str = ""  # article | book-chapter | preprint | …
    venue: str = ""  # journal / source name
    authorships: list[Authorship] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    owner: PersonIds | None = None  # profile owner, when read from a person's list (ORCID, researchmap)
    owner_roles: list[str] = field(default_factory=list)  # researchmap: lead | last | corresponding
    provenance: Provenance | None = None


@dataclass(slots=True)
class Affiliation:
    """A span of a person's affiliation with an institution (所属)."""

    institution: InstitutionRef
    years: list[int] = field(default_factory=list)  # years seen (OpenAlex last_known / affiliations[].years)
    start: str = ""
    end: str = ""
    department: str = ""
    title: str = ""  # job title where known


@dataclass(slots=True)
class Author:
    """A researcher record (研究者) in one source."""

    id: str  # source id (OpenAlex A…, ORCID iD, KAKEN researcher number, researchmap id)
    orcid: str = ""
    names: list[tuple[str, str]] = field(default_factory=list)  # (value, lang); first is the display name
    ids: PersonIds = field(default_factory=PersonIds)
    affiliations: list[Affiliation] = field(default_factory=list)
    works_count: int | None = None
    provenance: Provenance | None = None

    @property
    def name(self) -> str:
        return self.names[0][0] if self.names else ""


@dataclass(slots=True)
class Funder:
    """A funding body (資金配分機関)."""

    id: str
    name: str
    names: list[tuple[str, str]] = field(default_factory=list)
    country: str = ""
    ror_id: str = ""
    crossref_id: str = ""  # Funder Registry DOI suffix, e.g. "100000002"
    provenance: Provenance | None = None


@dataclass(slots=True)
class GrantMember:
    """A researcher on a grant (研究代表者・研究分担者 …)."""

    name: str = ""
    role: str = ""  # principal_investigator | co_investigator | collaborator | … (source wording kept)
    ids: PersonIds = field(default_factory=PersonIds)
    institution: InstitutionRef | None = None


@dataclass(slots=True)
class Grant:
    """A research grant / project (研究課題・競争的研究費)."""

    id: str  # source id (KAKEN award number, researchmap item id, ORCID put-code)
    title: str = ""
    funder: str = ""  # funding agency name (or id)
    funder_country: str = ""
    programme: str = ""  # programme / category (研究種目)
    start: str = ""
    end: str = ""
    role: str = ""  # role of the profile owner, when read from a person's list
    researcher_ids: list[str] = field(default_factory=list)  # ids of researchers named on it
    members: list[GrantMember] = field(default_factory=list)
    institution: InstitutionRef | None = None
    amount: int | None = None  # total amount awarded
    currency: str = ""
    owner: PersonIds | None = None
    provenance: Provenance | None = None


@dataclass(slots=True)
class Position:
    """An appointment / employment / education / membership held by a person (経歴)."""

    person: PersonIds
    institution: InstitutionRef
    title: str = ""  # role title / department
    start: str = ""
    end: str = ""
    kind: str = "employment"  # employment | education | invited-position | membership | service | qualification | distinction | committee
    department: str = ""
    provenance: Provenance | None = None


@dataclass(slots=True)
class PatentParty:
    """An applicant, inventor or owner of a patent, with the country the office records."""

    name: str
    country: str = ""  # ISO alpha-2, upper case
    role: str = ""  # applicant | inventor | owner
    sequence: int | None = None


@dataclass(slots=True)
class Patent:
    """A patent document (特許): publication number, family, parties and dates."""

    id: str  # publication number, e.g. "EP1000000A1" / Lens id
    family: str = ""  # family id (DOCDB / simple family)
    title: str = ""
    jurisdiction: str = ""  # office, ISO alpha-2 or "EP" / "WO"
    kind: str = ""
    applicants: list[PatentParty] = field(default_factory=list)
    inventors: list[PatentParty] = field(default_factory=list)
    owners: list[PatentParty] = field(default_factory=list)
    priority_date: str = ""
    priority_claims: list[str] = field(default_factory=list)  # priority application numbers
    filing_date: str = ""
    application_number: str = ""
    publication_date: str = ""
    classifications: list[str] = field(default_factory=list)  # IPC / CPC
    provenance: Provenance | None = None


EvidenceRecord = Work | Author | Institution | Funder | Grant | Position | Patent


def to_dict(record: EvidenceRecord) -> dict:
    """Plain-dict form of a record (for JSON output), with the type of record under ``record``
    (``work``, ``patent`` …); a record's own ``kind`` field (a position's employment / education, a
    patent's kind code) is kept as it is."""
    data = asdict(record)
    data["record"] = type(record).__name__.lower()
    return data
