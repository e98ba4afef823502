"""Typed, read-only view of framework libraries (フレームワーク・ライブラリ).

A :class:`Library` is what a YAML file in ``rsec/frameworks/`` holds once validated. Each kind has a
small subclass that gives typed access to its items (and, for kinds whose content is a rule, the
rule's evaluation: :meth:`RiskMatrix.rate`, :meth:`Criteria.evaluate`, :meth:`ContractClauses.check`).
The content itself — texts, weights, levels, parameters — is never spelled out in Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

import semver

from rsec.engine.frameworks import conditions

LANGS = ("ja", "en")


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _reqs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Text:
    """A bilingual text: Japanese first (``ja``), English (``en``)."""

    ja: str
    en: str

    def get(self, lang: str = "ja") -> str:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r} (ja or en)")
        return self.ja if lang == "ja" else self.en

    def __str__(self) -> str:
        return self.ja

    @classmethod
    def of(cls, data: Mapping[str, str] | None) -> Text | None:
        return None if data is None else cls(ja=data["ja"], en=data["en"])


def _text(data: Mapping[str, Any], key: str) -> Text | None:
    return Text.of(data.get(key))


@dataclass(frozen=True, kw_only=True)
class SourceRef:
    """Where a library or item comes from (出典): document, section, requirement IDs, and how (basis)."""

    document: Text | None = None
    issuer: Text | None = None
    date: str = ""
    section: str = ""
    requirements: tuple[str, ...] = ()
    basis: str = ""  # verbatim | summary | derived | institution_default
    url: str = ""
    quote: str = ""
    note: Text | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any] | None) -> SourceRef | None:
        if data is None:
            return None
        return cls(
            document=_text(data, "document"),
            issuer=_text(data, "issuer"),
            date=data.get("date", ""),
            section=data.get("section", ""),
            requirements=_reqs(data.get("requirements")),
            basis=data.get("basis", ""),
            url=data.get("url", ""),
            quote=data.get("quote", ""),
            note=_text(data, "note"),
        )


# --------------------------------------------------------------------------------------- items
@dataclass(frozen=True, kw_only=True)
class Item:
    """One entry of a library: id, requirement IDs, bilingual title and description, and its raw data."""

    id: str
    title: Text
    description: Text | None = None
    requirements: tuple[str, ...] = ()
    source: SourceRef | None = None
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def _common(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "id": data["id"],
            "title": Text.of(data["title"]),
            "description": _text(data, "description"),
            "requirements": _reqs(data.get("requirement")),
            "source": SourceRef.of(data.get("source")),
            "data": _freeze(data),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Item:
        return cls(**cls._common(data))

    def children(self) -> tuple[Item, ...]:
        return ()


@dataclass(frozen=True)
class FollowUpCheck:
    """A follow-up check (④ フォローアップ, P-6): what to verify and the evidence that shows it."""

    id: str
    check: Text
    evidence: Text


@dataclass(frozen=True, kw_only=True)
class MitigationMeasure(Item):
    """リスク軽減措置 — a mitigation measure (P-5) with the risk areas it addresses and its follow-up (P-6)."""

    addresses: tuple[str, ...] = ()
    follow_up: tuple[FollowUpCheck, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> MitigationMeasure:
        return cls(
            **cls._common(data),
            addresses=tuple(data["addresses"]),
            follow_up=tuple(
                FollowUpCheck(f["id"], Text.of(f["check"]), Text.of(f["evidence"])) for f in data["follow_up"]
            ),
        )


@dataclass(frozen=True, kw_only=True)
class ChecklistQuestion(Item):
    """チェックリストの項目 — one question of a checklist (P-7); ``title`` is the question."""

    section: str
    choices: tuple[str, ...]
    free_text: str  # required | optional | none
    evidence: str  # required | optional | none
    evidence_hint: Text | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ChecklistQuestion:
        answer = data["answer"]
        return cls(
            **cls._common(data),
            section=data["section"],
            choices=tuple(answer["choices"]),
            free_text=answer["free_text"],
            evidence=answer["evidence"],
            evidence_hint=_text(answer, "evidence_hint"),
        )


@dataclass(frozen=True)
class Consideration:
    id: str
    text: Text
    requirements: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RiskDimension(Item):
    """評価の観点 — one dimension of risk evaluation (P-4): people, partners, technology, managed data."""

    considerations: tuple[Consideration, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RiskDimension:
        return cls(
            **cls._common(data),
            considerations=tuple(
                Consideration(c["id"], Text.of(c["text"]), _reqs(c.get("requirement")))
                for c in data["considerations"]
            ),
        )


@dataclass(frozen=True, kw_only=True)
class Criterion(Item):
    """基準 — a selection criterion (M-4), possibly with sub-items combined by ``combination``."""

    label: str
    statement: Text
    refs: tuple[str, ...] = ()
    combination: str = "all"
    sub_items: tuple[Criterion, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Criterion:
        return cls(
            **cls._common(data),
            label=data["label"],
            statement=Text.of(data["statement"]),
            refs=tuple(data.get("refs", ())),
            combination=data.get("combination", "all"),
            sub_items=tuple(cls.from_data(s) for s in data.get("sub_items", ())),
        )

    def children(self) -> tuple[Item, ...]:
        return self.sub_items


@dataclass(frozen=True)
class Parameter:
    """A named figure of a clause (e.g. the state's minimum IP share); ``configurable`` where the source leaves it open."""

    name: str
    title: Text
    value: Any
    configurable: bool
    unit: str = ""


@dataclass(frozen=True, kw_only=True)
class ContractClause(Item):
    """契約条項 — a clause a contract must contain (M-5 … M-7), with an optional machine check."""

    statement: Text
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    applies_when: Mapping[str, Any] | None = None
    check: Mapping[str, Any] | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ContractClause:
        params = {
            name: Parameter(name, Text.of(p["title"]), p["value"], p["configurable"], p.get("unit", ""))
            for name, p in data.get("parameters", {}).items()
        }
        return cls(
            **cls._common(data),
            statement=Text.of(data["statement"]),
            parameters=MappingProxyType(params),
            applies_when=_freeze(data.get("applies_when")),
            check=_freeze(data.get("check")),
        )


@dataclass(frozen=True, kw_only=True)
class TypologyEntry(Item):
    """類型 — one entry of a typology (M-1 project type, M-2 form of participation, M-3 caution)."""

    category: str
    label: str = ""
    examples: tuple[Text, ...] = ()
    applies_to: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TypologyEntry:
        return cls(
            **cls._common(data),
            category=data["category"],
            label=data.get("label", ""),
            examples=tuple(Text.of(e) for e in data.get("examples", ())),
            applies_to=tuple(data.get("applies_to", ())),
        )


@dataclass(frozen=True, kw_only=True)
class Indicator(Item):
    """リスク指標 — a risk indicator: which evaluator computes it, its default severity and parameters."""

    evaluator: str
    severity: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Indicator:
        return cls(
            **cls._common(data),
            evaluator=data["evaluator"],
            severity=data["severity"],
            parameters=_freeze(data.get("parameters", {})),
            enabled=data.get("enabled", True),
        )


# ----------------------------------------------------------------------------------- libraries
Problem = tuple[list[str | int], str]  # (path, message) found by a kind's cross-reference check


@dataclass(frozen=True, kw_only=True)
class Library:
    """A validated framework library (id, semver version, kind, bilingual title, source, items)."""

    item_class: ClassVar[type[Item]] = Item

    id: str
    version: str
    kind: str
    title: Text
    source: SourceRef
    items: tuple[Item, ...]
    description: Text | None = None
    configurable: bool = False
    path: Path | None = None
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], path: Path | None = None) -> Library:
        return cls(**cls._common(data, path))

    @classmethod
    def _common(cls, data: Mapping[str, Any], path: Path | None) -> dict[str, Any]:
        return {
            "id": data["id"],
            "version": data["version"],
            "kind": data["kind"],
            "title": Text.of(data["title"]),
            "description": _text(data, "description"),
            "source": SourceRef.of(data["source"]),
            "configurable": bool(data.get("configurable", False)),
            "items": tuple(cls.item_class.from_data(i) for i in data["items"]),
            "path": path,
            "data": _freeze(data),
        }

    @classmethod
    def cross_check(cls, data: Mapping[str, Any]) -> list[Problem]:
        """Checks a JSON Schema cannot express (references between parts); run after the schema."""
        return []

    @property
    def semver(self) -> semver.Version:
        return semver.Version.parse(self.version)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def walk(self) -> Iterator[Item]:
        """Every item, nested ones (criteria sub-items) included, depth first."""

        def _walk(items: tuple[Item, ...]) -> Iterator[Item]:
            for item in items:
                yield item
                yield from _walk(item.children())

        return _walk(self.items)

    def item(self, item_id: str) -> Item:
        for item in self.walk():
            if item.id == item_id:
                return item
        raise KeyError(f"{self.id}: no item {item_id!r}")

    def __getitem__(self, item_id: str) -> Item:
        return self.item(item_id)

    def for_requirement(self, requirement: str) -> list[Item]:
        """Items that implement ``requirement`` (e.g. "P-5")."""
        return [i for i in self.walk() if requirement in i.requirements]

    def requirements(self) -> set[str]:
        """Every requirement ID named by the library's source or its items."""
        out = set(self.source.requirements)
        for item in self.walk():
            out.update(item.requirements)
        return out


class MitigationCatalogue(Library):
    """リスク軽減措置の一覧 (P-5)."""

    item_class = MitigationMeasure

    def addressing(self, area: str) -> list[MitigationMeasure]:
        """Measures that address a risk area (people, partner, technology, managed_data)."""
        return [m for m in self.items if area in m.addresses]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    scope: str  # organisation | program
    description: Text | None = None
    requirements: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerType:
    id: str
    label: Text
    requires_free_text: bool = False


@dataclass(frozen=True, kw_only=True)
class Checklist(Library):
    """チェックリスト (P-7): sections, answer types, questions."""

    item_class: ClassVar[type[Item]] = ChecklistQuestion
    sections: tuple[Section, ...] = ()
    answer_types: tuple[AnswerType, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any], path: Path | None = None) -> Checklist:
        return cls(
            **cls._common(data, path),
            sections=tuple(
                Section(
                    s["id"],
                    Text.of(s["title"]),
                    s["scope"],
                    _text(s, "description"),
                    _reqs(s.get("requirement")),
                )
                for s in data["sections"]
            ),
            answer_types=tuple(
                AnswerType(a["id"], Text.of(a["label"]), a.get("requires_free_text", False))
                for a in data["answer_types"]
            ),
        )

    @classmethod
    def cross_check(cls, data: Mapping[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        sections = {s.get("id") for s in data.get("sections", [])}
        answers = {a.get("id") for a in data.get("answer_types", [])}
        for n, item in enumerate(data.get("items", [])):
            if item.get("section") not in sections:
                problems.append(
                    (["items", n, "section"], f"{item.get('section')!r} is not a section of this checklist")
                )
            for c, choice in enumerate(item.get("answer", {}).get("choices", [])):
                if choice not in answers:
                    problems.append(
                        (["items", n, "answer", "choices", c], f"{choice!r} is not one of answer_types")
                    )
        return problems

    def questions(self, section: str) -> list[ChecklistQuestion]:
        return [q for q in self.items if q.section == section]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Level:
    id: str
    rank: int
    title: Text
    description: Text | None = None


def _scale(data: list[Mapping[str, Any]]) -> tuple[Level, ...]:
    return tuple(
        sorted(
            (Level(x["id"], x["rank"], Text.of(x["title"]), _text(x, "description")) for x in data),
            key=lambda lv: lv.rank,
        )
    )


@dataclass(frozen=True, kw_only=True)
class RiskMatrix(Library):
    """リスク評価 (P-4): dimensions, levels (低/中/高) and an institution-configurable likelihood × impact matrix."""

    item_class: ClassVar[type[Item]] = RiskDimension
    levels: tuple[Level, ...] = ()
    likelihood: tuple[Level, ...] = ()
    impact: tuple[Level, ...] = ()
    matrix: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    aggregation: str = "max"

    @classmethod
    def from_data(cls, data: Mapping[str, Any], path: Path | None = None) -> RiskMatrix:
        return cls(
            **cls._common(data, path),
            levels=_scale(data["levels"]),
            likelihood=_scale(data["likelihood"]),
            impact=_scale(data["impact"]),
            matrix=_freeze(data["matrix"]),
            aggregation=data["aggregation"]["method"],
        )

    @classmethod
    def cross_check(cls, data: Mapping[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        for scale in ("levels", "likelihood", "impact"):
            ranks = [x.get("rank") for x in data.get(scale, [])]
            if len(ranks) != len(set(ranks)):
                problems.append(([scale], "ranks must be distinct"))
        levels = {x.get("id") for x in data.get("levels", [])}
        likelihood = [x.get("id") for x in data.get("likelihood", [])]
        impact = [x.get("id") for x in data.get("impact", [])]
        matrix = data.get("matrix", {})
        for lk in matrix:
            if lk not in likelihood:
                problems.append((["matrix", lk], f"{lk!r} is not a likelihood level"))
        for lk in likelihood:
            row = matrix.get(lk)
            if row is None:
                problems.append(
                    (["matrix"], f"row {lk!r} is missing (every likelihood × impact cell must be set)")
                )
                continue
            for im in row:
                if im not in impact:
                    problems.append((["matrix", lk, im], f"{im!r} is not an impact level"))
            for im in impact:
                if im not in row:
                    problems.append((["matrix", lk], f"cell {im!r} is missing"))
                elif row[im] not in levels:
                    problems.append((["matrix", lk, im], f"{row[im]!r} is not one of levels"))
        return problems

    def level(self, level_id: str) -> Level:
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        raise KeyError(f"{self.id}: no level {level_id!r}")

    def rate(self, likelihood: str, impact: str) -> Level:
        """The level of a likelihood × impact cell."""
        try:
            return self.level(self.matrix[likelihood][impact])
        except KeyError:
            raise KeyError(f"{self.id}: no cell {likelihood!r} × {impact!r}") from None

    def combine(self, level_ids: list[str]) -> Level:
        """Overall level from the dimensions' levels (``aggregation``: the highest)."""
        if not level_ids:
            raise ValueError("no levels to combine")
        return max((self.level(i) for i in level_ids), key=lambda lv: lv.rank)


@dataclass(frozen=True)
class CriterionResult:
    """Whether a criterion holds (None: not yet decided), with its sub-results."""

    criterion: Criterion
    holds: bool | None
    sub_results: tuple[CriterionResult, ...] = ()

    def walk(self) -> Iterator[CriterionResult]:
        yield self
        for r in self.sub_results:
            yield from r.walk()


def _combine(how: str, values: list[bool | None]) -> bool | None:
    decisive = False if how == "all" else True
    if decisive in values:
        return decisive
    if None in values:
        return None
    return not decisive


@dataclass(frozen=True)
class CriteriaResult:
    holds: bool | None
    results: tuple[CriterionResult, ...]

    def failing(self) -> list[str]:
        """Ids of leaf criteria answered False."""
        return [
            r.criterion.id
            for top in self.results
            for r in top.walk()
            if not r.sub_results and r.holds is False
        ]

    def undecided(self) -> list[str]:
        """Ids of leaf criteria not yet answered."""
        return [
            r.criterion.id
            for top in self.results
            for r in top.walk()
            if not r.sub_results and r.holds is None
        ]


@dataclass(frozen=True, kw_only=True)
class Criteria(Library):
    """選考・採択の基準 (M-4): criteria combined by ``combination`` (M-4: all must hold)."""

    item_class: ClassVar[type[Item]] = Criterion
    combination: str = "all"

    @classmethod
    def from_data(cls, data: Mapping[str, Any], path: Path | None = None) -> Criteria:
        return cls(**cls._common(data, path), combination=data["combination"])

    def evaluate(self, answers: Mapping[str, bool | None]) -> CriteriaResult:
        """Combine an officer's answers per leaf criterion (True/False/None) into the overall result."""
        unknown = set(answers) - {i.id for i in self.walk()}
        if unknown:
            raise KeyError(f"{self.id}: unknown criteria {sorted(unknown)}")

        def judge(c: Criterion) -> CriterionResult:
            if not c.sub_items:
                return CriterionResult(c, answers.get(c.id))
            subs = tuple(judge(s) for s in c.sub_items)
            return CriterionResult(c, _combine(c.combination, [s.holds for s in subs]), subs)

        results = tuple(judge(c) for c in self.items)  # type: ignore[arg-type]
        return CriteriaResult(_combine(self.combination, [r.holds for r in results]), results)


@dataclass(frozen=True)
class ClauseResult:
    """Outcome of checking one clause against a contract's facts."""

    clause: ContractClause
    applies: bool | None
    satisfied: bool | None  # None: not applicable, or undecidable from the facts
    detail: str


@dataclass(frozen=True, kw_only=True)
class ContractClauses(Library):
    """契約条項 (M-5 … M-7): clauses with parameters and machine-checkable conditions."""

    item_class: ClassVar[type[Item]] = ContractClause
    facts: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], path: Path | None = None) -> ContractClauses:
        return cls(**cls._common(data, path), facts=_freeze(data.get("facts", {})))

    @classmethod
    def cross_check(cls, data: Mapping[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        declared = data.get("facts")
        for n, item in enumerate(data.get("items", [])):
            params = item.get("parameters", {})
            for key in ("applies_when", "check"):
                cond = item.get(key)
                if not isinstance(cond, Mapping):
                    continue
                for leaf in conditions.iter_leaves(cond):
                    f = leaf.get("field")
                    if declared is not None and f is not None and f.split(".")[0] not in declared:
                        problems.append(([*["items", n, key]], f"field {f!r} is not declared in facts"))
                    value = leaf.get("value")
                    if isinstance(value, Mapping) and "param" in value and value["param"] not in params:
                        problems.append(
                            (["items", n, key], f"parameter {value['param']!r} is not defined in parameters")
                        )
        return problems

    def check(self, facts: Mapping[str, Any]) -> list[ClauseResult]:
        """Check every clause against a contract's facts (three-valued; see :mod:`.conditions`)."""
        out = []
        for clause in self.items:
            assert isinstance(clause, ContractClause)
            params = {name: p.value for name, p in clause.parameters.items()}
            applies = conditions.Outcome(True, "always")
            if clause.applies_when is not None:
                applies = conditions.evaluate(clause.applies_when, facts, params)
            if applies.value is not True:
                out.append(ClauseResult(clause, applies.value, None, applies.detail))
                continue
            if clause.check is None:
                out.append(
                    ClauseResult(clause, True, None, "no machine check; an officer reads the contract")
                )
                continue
            result = conditions.evaluate(clause.check, facts, params)
            out.append(ClauseResult(clause, True, result.value, result.detail))
        return out


@dataclass(frozen=True)
class Category:
    id: str
    title: Text
    requirements: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Typology(Library):
    """類型: categorised entries (e.g. M-1 project types, M-2 forms, M-3 cautions)."""

    item_class: ClassVar[type[Item]] = TypologyEntry
    categories: tuple[Category, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any], path: Path | None = None) -> Typology:
        return cls(
            **cls._common(data, path),
            categories=tuple(
                Category(c["id"], Text.of(c["title"]), _reqs(c.get("requirement")))
                for c in data["categories"]
            ),
        )

    @classmethod
    def cross_check(cls, data: Mapping[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        categories = {c.get("id") for c in data.get("categories", [])}
        ids = {i.get("id") for i in data.get("items", [])}
        for n, item in enumerate(data.get("items", [])):
            if item.get("category") not in categories:
                problems.append(
                    (["items", n, "category"], f"{item.get('category')!r} is not one of categories")
                )
            for a, ref in enumerate(item.get("applies_to", [])):
                if ref not in ids or ref == item.get("id"):
                    problems.append(
                        (["items", n, "applies_to", a], f"{ref!r} is not another entry of this library")
                    )
        return problems

    def entries(self, category: str) -> list[TypologyEntry]:
        return [e for e in self.items if e.category == category]  # type: ignore[attr-defined]


class Indicators(Library):
    """リスク指標の定義: evaluator name, default severity, parameters per indicator."""

    item_class = Indicator
    DEFAULT_SEVERITIES: ClassVar[tuple[str, ...]] = ("low", "medium", "high")

    @classmethod
    def cross_check(cls, data: Mapping[str, Any]) -> list[Problem]:
        scale = data.get("severities") or cls.DEFAULT_SEVERITIES
        return [
            (["items", n, "severity"], f"{item.get('severity')!r} is not one of severities {list(scale)}")
            for n, item in enumerate(data.get("items", []))
            if item.get("severity") not in scale
        ]

    @property
    def severities(self) -> tuple[str, ...]:
        return tuple(self.data.get("severities") or self.DEFAULT_SEVERITIES)


LIBRARY_CLASSES: dict[str, type[Library]] = {
    "mitigation_catalogue": MitigationCatalogue,
    "checklist": Checklist,
    "risk_matrix": RiskMatrix,
    "criteria": Criteria,
    "contract_clauses": ContractClauses,
    "typology": Typology,
    "indicators": Indicators,
}


def library_class(kind: str) -> type[Library]:
    """The typed class of ``kind``; a kind with a schema but no class reads as a plain :class:`Library`."""
    return LIBRARY_CLASSES.get(kind, Library)
