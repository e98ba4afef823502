"""Person → author records (研究者の同定・著者名寄せ).

Two jobs share the same small feature functions:

- :func:`resolve_person` — given a declared person (names in any script, ORCID, declared
  institutions, known co-authors), decide which author mentions in the evidence are that
  person, with a confidence and the reasons (P-3 ①: "publications (first, corresponding,
  co-author)" can only be checked once the person's works are found).
- :func:`cluster_signatures` — author disambiguation: group author mentions ("signatures")
  into people. Used by ``benchmarks/authors.py`` on the S2AND fixtures.

The shape follows nomenklatura's matchers: every feature is a plain function
``(query side, candidate side) -> Feature`` with a score in [0, 1] and a human-readable
detail; :class:`ResolverConfig` holds the documented weights and thresholds. An officer's
explanation is the list of feature details.

Names in any script are reduced to Latin "keys": Japanese kana/kanji through pykakasi (Hepburn),
Chinese through anyascii (pinyin), Korean and others through anyascii; long vowels are folded
(``Tarou`` = ``Taro`` = ``Tarō``) and tokens are compared order-free, because Japanese, Chinese and
Korean names are written family-name first in their own script and given-name first in English.
When this quick comparison finds no agreement, the project's cross-script name matcher
(:class:`rsec.engine.names.Matcher`: dictionary readings of kanji names, Korean and Chinese
romanisation systems) gets a second look, so e.g. ``김민준`` still meets ``Min-jun Kim``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from rsec.engine.evidence.model import Authorship, Provenance, Work
from rsec.engine.lists.model import detect_script

try:  # the shared cross-script name matcher (readings from UniDic/JMnedict, Korean, pinyin …)
    from rsec.engine.names import Matcher as _NamesMatcher
    from rsec.engine.names import Query as _NamesQuery
except ImportError:  # pragma: no cover - depends on the installed tree
    _NamesMatcher = _NamesQuery = None


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class ResolverConfig:
    """Tunables of person resolution and author clustering (documented, not buried in code).

    - ``name_gate``: a candidate whose best name score is below this is never the person.
    - ``w_name`` / ``w_affiliation`` / ``w_coauthor``: weights of the three soft features in the
      confidence, a weighted mean over the name and the features that agree. A different
      institution or other co-authors are not evidence against (researchers hold several posts);
      a name that nothing corroborates is capped at ``uncorroborated_cap`` (→ "possible").
    - ``accept``: confidence from which a mention is taken as the person; ``possible`` from
      which it is listed for an officer to review.
    - ``affiliation_min``: fuzzy score (0–1) above which two institution strings are the same.
    - ``cluster_link``: clustering joins two name-compatible groups whose affiliation or
      co-author similarity reaches this.
    - ``bare_to_largest``: a mention with neither affiliation nor co-authors joins the largest
      cluster of its given-name group (on S2AND ``qian``: B³ F1 0.754 → 0.795, precision 0.97 → 0.86).
    - ``given_first_token``: group by the first given name only (ignores middle names/initials).
    """

    name_gate: float = 0.80
    w_name: float = 0.4
    w_affiliation: float = 0.4
    w_coauthor: float = 0.2
    uncorroborated_cap: float = 0.6
    accept: float = 0.75
    possible: float = 0.55
    affiliation_min: float = 0.88
    cluster_link: float = 0.88
    bare_to_largest: bool = True
    given_first_token: bool = False


DEFAULT_CONFIG = ResolverConfig()


# --------------------------------------------------------------------------- records


@dataclass
class Feature:
    """One compared aspect: a score in [0, 1] (``None`` when nothing could be compared) and why."""

    name: str  # orcid | name | affiliation | coauthor
    score: float | None
    detail: str

    def as_dict(self) -> dict:
        return {"feature": self.name, "score": self.score, "detail": self.detail}


@dataclass
class PersonQuery:
    """The person being looked for, as declared (申告された研究者)."""

    names: list[str]
    orcid: str = ""
    institutions: list[str] = field(default_factory=list)  # declared institution names (any script)
    ror_ids: set[str] = field(default_factory=set)
    coauthors: list[str] = field(default_factory=list)  # names of known collaborators


@dataclass
class Signature:
    """One author mention on one work (署名): what disambiguation compares."""

    id: str
    name: str
    orcid: str = ""
    first: str = ""  # given names when the source splits them
    last: str = ""
    affiliations: list[str] = field(default_factory=list)
    ror_ids: set[str] = field(default_factory=set)
    coauthors: list[str] = field(default_factory=list)
    work_id: str = ""
    year: int | None = None
    authorship: Authorship | None = None
    work: Work | None = None
    provenance: Provenance | None = None


@dataclass
class AuthorMatch:
    """A mention judged against the person: decision, confidence and the reasons (理由)."""

    signature: Signature
    decision: str  # match | possible | no
    confidence: float
    features: list[Feature]

    @property
    def reasons(self) -> list[str]:
        return [f.detail for f in self.features if f.detail]


# --------------------------------------------------------------------------- names

_FOLD = [("ou", "o"), ("oo", "o"), ("uu", "u"), ("oh", "o"), ("ei", "e")]
_kakasi = None


def _kks():
    global _kakasi
    if _kakasi is None:
        import pykakasi

        _kakasi = pykakasi.kakasi()
    return _kakasi


def _fold(token: str) -> str:
    for a, b in _FOLD:
        token = token.replace(a, b)
    return token


def _tokens(latin: str) -> tuple[str, ...]:
    latin = unicodedata.normalize("NFKD", latin)
    latin = "".join(c for c in latin if not unicodedata.combining(c))
    latin = latin.lower().replace("'", "").replace("’", "")
    parts = [p for p in re.split(r"[^a-z]+", latin) if p]
    return tuple(_fold(p) for p in parts)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[tuple[str, ...], ...]:
    """Latin token variants of a name written in any script (order of tokens as written)."""
    name = " ".join(name.replace("\u3000", " ").split())
    if not name:
        return ()
    variants: list[str] = []
    script = detect_script(name)
    if script in ("Jpan", "Hira", "Kana", "Hani"):
        variants.append(" ".join(part["hepburn"] for part in _kks().convert(name)))
    if script != "Latn" and script not in ("Jpan", "Hira", "Kana"):
        # anyascii joins syllables of one word ("ZhangWei"); split at capitals to keep word edges
        spaced = " ".join(anyascii(w) for w in name.split())
        variants.append(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", spaced))
    if script == "Hani" and " " not in name and 2 <= len(name) <= 4:
        # Chinese full names are written without a space: family name = first character
        variants.append(anyascii(name[0]) + " " + anyascii(name[1:]))
    if script == "Latn" or not variants:
        variants.append(anyascii(name))
    out: list[tuple[str, ...]] = []
    for v in variants:
        t = _tokens(v)
        if t and t not in out:
            out.append(t)
    return tuple(out)


def _given_compatible(ga: Sequence[str], gb: Sequence[str]) -> tuple[float, str]:
    """Score two given-name token lists: same, initials of each other, or different."""
    if not ga or not gb:
        return 0.8, "family name only on one side"
    ja, jb = "".join(ga), "".join(gb)
    if ja == jb:
        return 1.0, "same given name"
    ia, ib = "".join(t[0] for t in ga), "".join(t[0] for t in gb)
    a_init = all(len(t) == 1 for t in ga)
    b_init = all(len(t) == 1 for t in gb)
    if a_init or b_init:
        # "T." vs "Taro"; "X. M." vs "Xiao Ming" / "Xiaoming"
        if a_init and b_init:
            return (0.85, "same initials") if ia == ib else (0.0, "different initials")
        short, full = (ia, gb) if a_init else (ib, ga)
        if "".join(t[0] for t in full) == short or "".join(full)[0] == short[0] and len(short) == 1:
            return 0.85, "initial matches given name"
        return 0.0, "initial does not match given name"
    ratio = fuzz.ratio(ja, jb) / 100.0
    if ratio >= 0.9:
        return 0.9, "given names differ by spelling"
    return 0.0, "different given names"


def _compare_tokens(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, str]:
    if "".join(sorted(a)) == "".join(sorted(b)) or "".join(a) == "".join(b):
        return 1.0, "same name"
    best = (0.0, "different family names")
    for i, ta in enumerate(a):
        for j, tb in enumerate(b):
            if len(ta) < 2 or len(tb) < 2:
                continue
            if ta != tb and fuzz.ratio(ta, tb) < 92:
                continue
            ga = a[:i] + a[i + 1 :]
            gb = b[:j] + b[j + 1 :]
            score, why = _given_compatible(ga, gb)
            if ta != tb:
                score *= 0.95
            if score > best[0]:
                best = (score, f"family name '{ta}' agrees; {why}")
    return best


def name_similarity(a: str, b: str, second_opinion: bool = True, gate: float = 0.80) -> Feature:
    """Compare two names written in any script; the detail says which readings agreed."""
    best = Feature("name", 0.0, "names differ")
    for ka in name_keys(a):
        for kb in name_keys(b):
            score, why = _compare_tokens(ka, kb)
            if score > (best.score or 0.0):
                best = Feature("name", score, f"name: {why} ({' '.join(ka)} ~ {' '.join(kb)})")
    if second_opinion and (best.score or 0.0) < gate and _NamesMatcher is not None:
        other = _matcher_similarity(a, b)
        if other is not None and (other.score or 0.0) >= gate:
            return other
    return best


_MATCHER = None


@lru_cache(maxsize=16384)
def _matcher_similarity(a: str, b: str) -> Feature | None:
    global _MATCHER
    from rsec.engine.lists.model import ListEntity, Name

    try:
        if _MATCHER is None:
            _MATCHER = _NamesMatcher()
        entity = ListEntity(id="author", schema="Person", names=[Name.of(b)], list="evidence")
        r = _MATCHER.compare(_NamesQuery(a), entity)
    except Exception:  # pragma: no cover - a second opinion must never break resolution
        return None
    return Feature("name", round(float(r.score), 3), f"name (cross-script matcher): {r.explanation}")


# --------------------------------------------------------------------------- other features


def _inst_norm(text: str) -> str:
    return " ".join(_tokens(anyascii(text)))


def affiliation_overlap(
    a_names: Iterable[str],
    b_names: Iterable[str],
    a_ror: Iterable[str] = (),
    b_ror: Iterable[str] = (),
    config: ResolverConfig = DEFAULT_CONFIG,
) -> Feature:
    """Shared institution: the same ROR id, or institution strings that agree (token-set ratio)."""
    shared = set(a_ror) & set(b_ror)
    if shared:
        return Feature("affiliation", 1.0, f"affiliation: same ROR id {sorted(shared)[0]}")
    na = [_inst_norm(x) for x in a_names if x]
    nb = [_inst_norm(x) for x in b_names if x]
    na, nb = [x for x in na if x], [x for x in nb if x]
    if not na or not nb:
        return Feature("affiliation", None, "")
    best, pair = 0.0, ("", "")
    for x in na:
        for y in nb:
            s = fuzz.token_set_ratio(x, y) / 100.0
            if s > best:
                best, pair = s, (x, y)
    if best >= config.affiliation_min:
        return Feature("affiliation", best, f"affiliation agrees: '{pair[0]}' ~ '{pair[1]}'")
    return Feature("affiliation", 0.0, "no shared affiliation")


def coauthor_overlap(a_names: Sequence[str], b_names: Sequence[str]) -> Feature:
    """Co-authors in common (by name key); one shared co-author is already strong evidence."""
    if not a_names or not b_names:
        return Feature("coauthor", None, "")
    keys_b = {" ".join(sorted(k)) for n in b_names for k in name_keys(n)}
    shared = [n for n in a_names if any(" ".join(sorted(k)) in keys_b for k in name_keys(n))]
    if not shared:
        return Feature("coauthor", 0.0, "no shared co-authors")
    score = min(1.0, 0.7 + 0.15 * (len(shared) - 1))
    return Feature("coauthor", score, f"{len(shared)} shared co-author(s)")


def orcid_feature(a: str, b: str) -> Feature:
    a, b = _orcid(a), _orcid(b)
    if not a or not b:
        return Feature("orcid", None, "")
    if a == b:
        return Feature("orcid", 1.0, f"same ORCID {a}")
    return Feature("orcid", 0.0, "different ORCID iDs")


def _orcid(value: str) -> str:
    value = (value or "").strip()
    m = re.search(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])", value)
    return m.group(1).upper() if m else ""


# --------------------------------------------------------------------------- person resolution


def signatures_from_works(works: Iterable[Work]) -> list[Signature]:
    """One :class:`Signature` per authorship of each work, with its co-authors and institutions."""
    out: list[Signature] = []
    for work in works:
        names = [a.name for a in work.authorships]
        for i, au in enumerate(work.authorships):
            out.append(
                Signature(
                    id=f"{work.id}#{i}",
                    name=au.name,
                    orcid=au.orcid,
                    affiliations=[x.name for x in au.institutions if x.name] + list(au.raw_affiliations),
                    ror_ids={x.ror_id for x in au.institutions if x.ror_id},
                    coauthors=names[:i] + names[i + 1 :],
                    work_id=work.id,
                    year=work.year,
                    authorship=au,
                    work=work,
                    provenance=work.provenance,
                )
            )
    return out


def match_signature(
    person: PersonQuery, sig: Signature, config: ResolverConfig = DEFAULT_CONFIG
) -> AuthorMatch:
    """Judge one mention against the person. ORCID decides when both sides have one."""
    orc = orcid_feature(person.orcid, sig.orcid)
    if orc.score is not None:
        return AuthorMatch(sig, "match" if orc.score == 1.0 else "no", orc.score, [orc])
    name = max(
        (name_similarity(n, sig.name) for n in person.names if n),
        key=lambda f: f.score or 0.0,
        default=Feature("name", 0.0, "no declared name"),
    )
    if (name.score or 0.0) < config.name_gate:
        return AuthorMatch(sig, "no", 0.0, [name])
    aff = affiliation_overlap(person.institutions, sig.affiliations, person.ror_ids, sig.ror_ids, config)
    coa = coauthor_overlap(person.coauthors, sig.coauthors)
    # a different institution is no evidence against (researchers hold several posts): only
    # agreeing features corroborate; an uncorroborated name is capped below ``accept``
    parts = [(config.w_name, name.score or 0.0)]
    for weight, feat in ((config.w_affiliation, aff), (config.w_coauthor, coa)):
        if feat.score:
            parts.append((weight, feat.score))
    conf = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
    if len(parts) == 1:
        conf = min(conf, config.uncorroborated_cap)
    decision = "match" if conf >= config.accept else "possible" if conf >= config.possible else "no"
    return AuthorMatch(sig, decision, round(conf, 3), [f for f in (name, aff, coa) if f.detail])


def resolve_person(
    person: PersonQuery,
    works: Iterable[Work],
    config: ResolverConfig = DEFAULT_CONFIG,
    include_possible: bool = True,
) -> list[AuthorMatch]:
    """The person's authorships among ``works``: at most one per work, best first.

    A mention that matches by name only is reinforced by the other mentions already accepted:
    institutions and co-authors of confident matches are added to the query in a second pass
    (so a researcher's new affiliation is found through the co-authors they keep).
    """
    works = list(works)
    sigs = signatures_from_works(works)

    def best_per_work(query: PersonQuery) -> dict[str, AuthorMatch]:
        best: dict[str, AuthorMatch] = {}
        for sig in sigs:
            m = match_signature(query, sig, config)
            cur = best.get(sig.work_id)
            if m.decision != "no" and (cur is None or m.confidence > cur.confidence):
                best[sig.work_id] = m
        return best

    first = best_per_work(person)
    strong = [m for m in first.values() if m.decision == "match"]
    if strong:
        seen_coauthors = list(person.coauthors)
        for m in strong:
            seen_coauthors.extend(m.signature.coauthors)
        expanded = PersonQuery(
            names=person.names,
            orcid=person.orcid,
            institutions=person.institutions,
            ror_ids=set(person.ror_ids),
            coauthors=seen_coauthors,
        )
        second = best_per_work(expanded)
        for wid, m in second.items():
            if wid not in first or (first[wid].decision != "match" and m.confidence > first[wid].confidence):
                first[wid] = m
    keep = ("match", "possible") if include_possible else ("match",)
    return sorted((m for m in first.values() if m.decision in keep), key=lambda m: -m.confidence)


# --------------------------------------------------------------------------- clustering


def _block_key(sig: Signature) -> str:
    last = _tokens(anyascii(sig.last)) if sig.last else ()
    first = _tokens(anyascii(sig.first)) if sig.first else ()
    if not last:
        toks = (name_keys(sig.name) or ((),))[0]
        if not toks:
            return ""
        last, first = toks[-1:], toks[:-1]
    return f"{''.join(last)} {first[0][0] if first else ''}"


def _given_key(sig: Signature, first_token: bool = False) -> str:
    if sig.first or sig.last:
        toks = _tokens(anyascii(sig.first))
    else:
        toks = (name_keys(sig.name) or ((),))[0][:-1]
    if first_token and toks and len(toks[0]) > 1:
        return toks[0]
    return "".join(toks)


class _UnionFind:
    def __init__(self, items: Iterable[str]):
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def cluster_name_only(signatures: Sequence[Signature]) -> list[list[str]]:
    """Baseline: one cluster per normalised full name (family + all given names)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for s in signatures:
        groups[_block_key(s) + "|" + _given_key(s)].append(s.id)
    return list(groups.values())


def cluster_signatures(
    signatures: Sequence[Signature], config: ResolverConfig = DEFAULT_CONFIG
) -> list[list[str]]:
    """Group mentions into people: name-compatible mentions joined by affiliation or co-authors.

    1. Block by family name + first initial; inside a block, group by full given name
       (initial-only mentions are kept aside).
    2. Inside a given-name group, join mentions that share an institution or a co-author
       (single linkage over :func:`affiliation_overlap` / :func:`coauthor_overlap`).
    3. Mentions with nothing to compare (no affiliation, no co-authors) join their group's
       largest cluster (``bare_to_largest``; otherwise only when the group has one cluster).
    4. Initial-only mentions join the unique full-name cluster they share an institution or
       co-author with; otherwise, if the block has only one full given name, its largest cluster.
    """
    blocks: dict[str, list[Signature]] = defaultdict(list)
    for s in signatures:
        blocks[_block_key(s)].append(s)
    clusters: list[list[str]] = []
    for block in blocks.values():
        uf = _UnionFind(s.id for s in block)
        by_given: dict[str, list[Signature]] = defaultdict(list)
        initials: list[Signature] = []
        for s in block:
            g = _given_key(s, config.given_first_token)
            (initials if len(g) <= 1 else by_given[g]).append(s)
        for group in by_given.values():
            rich = [s for s in group if s.affiliations or s.coauthors]
            bare = [s for s in group if not (s.affiliations or s.coauthors)]
            _link_by_evidence(rich, uf, config)
            roots = {uf.find(s.id) for s in rich}
            if bare:
                target = None
                if rich and (len(roots) == 1 or config.bare_to_largest):
                    sizes: dict[str, int] = defaultdict(int)
                    for s in rich:
                        sizes[uf.find(s.id)] += 1
                    target = max(sizes, key=sizes.__getitem__)
                elif not rich:
                    target = bare[0].id
                if target is not None:
                    for s in bare:
                        uf.union(target, s.id)
        for s in initials:
            fulls = [t for g in by_given.values() for t in g]
            hits = {
                uf.find(t.id)
                for t in fulls
                if (
                    affiliation_overlap(s.affiliations, t.affiliations, s.ror_ids, t.ror_ids, config).score
                    or 0
                )
                >= config.cluster_link
                or (coauthor_overlap(s.coauthors, t.coauthors).score or 0) > 0
            }
            if len(hits) == 1:
                uf.union(next(iter(hits)), s.id)
            elif not hits and len(by_given) == 1:
                sizes: dict[str, int] = defaultdict(int)
                for t in fulls:
                    sizes[uf.find(t.id)] += 1
                uf.union(max(sizes, key=sizes.__getitem__), s.id)
        groups: dict[str, list[str]] = defaultdict(list)
        for s in block:
            groups[uf.find(s.id)].append(s.id)
        clusters.extend(groups.values())
    return clusters


def _link_by_evidence(sigs: Sequence[Signature], uf: _UnionFind, config: ResolverConfig) -> None:
    # exact-string pre-grouping keeps the pairwise step small (blocks reach a few hundred mentions)
    by_aff: dict[str, str] = {}
    for s in sigs:
        for a in s.affiliations:
            key = _inst_norm(a)
            if key in by_aff:
                uf.union(by_aff[key], s.id)
            else:
                by_aff[key] = s.id
    for i, a in enumerate(sigs):
        for b in sigs[i + 1 :]:
            if uf.find(a.id) == uf.find(b.id):
                continue
            aff = affiliation_overlap(a.affiliations, b.affiliations, a.ror_ids, b.ror_ids, config)
            if (aff.score or 0.0) >= config.cluster_link:
                uf.union(a.id, b.id)
                continue
            coa = coauthor_overlap(a.coauthors, b.coauthors)
            if (coa.score or 0.0) > 0:
                uf.union(a.id, b.id)


# --------------------------------------------------------------------------- evaluation


def b3_scores(
    predicted: Sequence[Sequence[str]], truth: Sequence[Sequence[str]]
) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of a clustering against the true clusters (over shared items)."""
    pred_of = {i: k for k, c in enumerate(predicted) for i in c}
    true_of = {i: k for k, c in enumerate(truth) for i in c}
    items = [i for i in true_of if i in pred_of]
    if not items:
        return 0.0, 0.0, 0.0
    pred_sets = [set(c) for c in predicted]
    true_sets = [set(c) for c in truth]
    p = r = 0.0
    for i in items:
        ps, ts = pred_sets[pred_of[i]], true_sets[true_of[i]]
        inter = len(ps & ts)
        p += inter / len(ps)
        r += inter / len(ts)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
