"""Features of the name matcher: each a plain function ``(query, candidate, config) -> FeatureResult``.

The name feature compares every reading of the query with every reading of the candidate, token by
token; qualifiers (birth date, country, identifiers, schema) then adjust the score. Each result carries a
readable detail, and the officer's explanation is the join of those details.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA, Levenshtein

from . import japanese
from .config import MatcherConfig
from .orgs import legal_families
from .phonetic import fine_key, phonetic_key, vowel_folds
from .readings import PreparedName, Reading, Token, loanword_origin, make_token


@dataclass
class FeatureResult:
    name: str
    score: float  # for the name feature: 0..1; for qualifiers: the adjustment added to the score
    detail: str
    qualifier: bool = False
    data: dict = field(default_factory=dict)


@dataclass
class TokenMatch:
    q: Token
    c: Token
    score: float
    how: str  # exact | spelling | phonetic | initial
    qi: int  # index of the query alternative used
    ci: int


_SIM_CACHE: dict = {}


def _token_similarity(
    a: Token, b: Token, cross: int, jap: bool, cfg: MatcherConfig
) -> tuple[float, str, int, int]:
    """Best similarity over the alternative spellings of two tokens (memoised: tokens recur)."""
    key = (a.alts, b.alts, cross, jap, id(cfg))
    found = _SIM_CACHE.get(key)
    if found is None:
        if len(_SIM_CACHE) > 1_000_000:
            _SIM_CACHE.clear()
        found = _SIM_CACHE[key] = _token_similarity_uncached(a, b, cross, jap, cfg)
    return found


_VOWEL_CLASS = {"a": "a", "e": "i", "i": "i", "o": "u", "u": "u"}


def _final_vowels(t: Token, key: str, fine: bool = False) -> set[str]:
    out = set()
    for alt in t.alts:
        if (fine_key(alt) if fine else phonetic_key(alt)) == key:
            vowels = [_VOWEL_CLASS[ch] for ch in alt if ch in _VOWEL_CLASS]
            out.add(vowels[-1] if vowels else "")
    return out


def _same_final_vowel(a: Token, b: Token, key: str, fine: bool = False) -> bool:
    return bool(_final_vowels(a, key, fine) & _final_vowels(b, key, fine))


def _syllable_vowels(t: Token, key: str) -> set[str] | None:
    """The vowel classes of the one-syllable spellings of ``t`` that sound ``key`` (coarse key); None when
    a spelling has more than one syllable."""
    out = set()
    for alt in t.alts:
        if phonetic_key(alt) == key:
            groups = [
                ch
                for k, ch in enumerate(alt)
                if ch in _VOWEL_CLASS and (k == 0 or alt[k - 1] not in _VOWEL_CLASS)
            ]
            if len(groups) != 1:
                return None
            out.add(_VOWEL_CLASS[groups[0]])
    return out


def _one_syllable_clash(a: Token, b: Token, key: str) -> bool:
    """Whether two one-syllable words that sound alike under the coarse key (two consonants, the vowel
    dropped) have different vowels: Chinese and Korean syllables differ by their vowel as much as by
    their consonants (wang ≠ wen, bung ≠ wang, dong ≠ chang), and one syllable has nothing else to agree on."""
    va = _syllable_vowels(a, key)
    if va is None:
        return False
    vb = _syllable_vowels(b, key)
    return vb is not None and not va & vb


#: name-forming suffixes (patronymic, family and compound endings) that many different names share:
#: Icelandic and Scandinavian -dóttir/-son/-sen, Georgian -shvili/-dze, Armenian -yan, Slavic -ovich/
#: -enko/-ovsky, Turkish -oğlu, Persian -zadeh/-nejad, Arabic -uddin/-ullah; in Latin and Cyrillic letters
_NAME_SUFFIXES = (
    "dottir", "dotter", "sson", "ssen", "son", "sen", "shvili", "dze", "yan", "ian", "ovich", "evich",
    "ovych", "ovna", "evna", "enko", "ovsky", "evsky", "ovskiy", "ovskaya", "oglu", "zadeh", "zada",
    "nejad", "nezhad", "uddin", "eddin", "eddine", "ullah", "ollah",
    "швили", "дзе", "ович", "евич", "овна", "евна", "енко", "ский", "ская", "ян",
)  # fmt: skip
_SUFFIX_ENDS = frozenset(s[-2:] for s in _NAME_SUFFIXES)


def _shared_suffix_similarity(x: str, y: str, sim: float, cutoff: float) -> float:
    """Two words ending in the same name-forming suffix whose stems differ beyond a misspelling
    (``cutoff``) are different names: the shared suffix is no evidence (Jónsdóttir ≠ Tómasdóttir,
    Maroghashvili ≠ Margoshvili, Henriksen ≠ Frederiksen)."""
    if x[-2:] != y[-2:] or x[-2:] not in _SUFFIX_ENDS:
        return sim  # every suffix has two letters or more
    for suffix in _NAME_SUFFIXES:
        if x.endswith(suffix) and y.endswith(suffix):
            sx, sy = x[: -len(suffix)], y[: -len(suffix)]
            if len(sx) >= 2 and len(sy) >= 2:
                stems = OSA.normalized_similarity(sx, sy)
                # stems too different to be one misspelt (a typo in the stem keeps the whole word's score)
                return stems if stems < cutoff else sim
            return sim
    return sim


_VOWELS = frozenset("aeiou")
_GLIDES = frozenset("hywj")  # silent or half-vowel onsets: either side of a vowel/consonant onset


def _onsets_agree(a: Token, b: Token) -> bool:
    """Whether a kana reading and the other spelling can begin alike: a katakana rendering begins with a
    vowel exactly when the foreign name does (アリス Alice, オマル Omar; ナ never renders an initial
    vowel), up to silent or half-vowel onsets (h, y, w, j: ウーゴ Hugo, ヨシフ Iosif, ヤコブ Jakob). The
    coarse sound key drops vowels, so without this アミホシ read as Mejia and オサベ as Swe."""
    for x in a.alts:
        for y in b.alts:
            if not x or not y:
                return True
            vx, vy = x[0] in _VOWELS, y[0] in _VOWELS
            if vx == vy or x[0] in _GLIDES or y[0] in _GLIDES:
                return True
    return False


def _h_or_l(x: str, y: str) -> bool:
    """Whether two consonant keys differ only by one h or l (Abdulla ↔ عبد الله, an article assimilated):
    the sounds that Latin spellings of Arabic names add or leave out; any other is a different name."""
    short, long_ = sorted((x, y), key=len)
    if len(long_) != len(short) + 1:
        return False
    return any(long_[k] in "hl" and long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _token_similarity_uncached(a: Token, b: Token, cross: int, jap: bool, cfg: MatcherConfig):
    best, how, bi, bj = 0.0, "", 0, 0
    for i, x in enumerate(a.alts):
        for j, y in enumerate(b.alts):
            if x == y:
                return 1.0, "exact", i, j
            if cross and (i >= 2 or j >= 2 or cross == 3):
                # a rare reading (JMnedict's 4th reading of 山田) must agree exactly; so must a consonant
                # skeleton (Arabic script), whose spelling beside a vowelled one says nothing
                continue
            s = OSA.normalized_similarity(x, y)
            if s > best:
                best, how, bi, bj = s, "spelling", i, j
    if jap:
        for x in a.jfolds:
            if x in b.jfolds:
                return 1.0, "exact", 0, 0
    if not cross and best > 0 and how == "spelling" and a.alts[bi][-2:] == b.alts[bj][-2:]:
        best = _shared_suffix_similarity(a.alts[bi], b.alts[bj], best, cfg.token_match_min)
    # romanisations that differ only in vowels or doubled letters (Osama ↔ Usama, Hussein ↔ Husayn); nearer
    # spellings stay nearer (Michele: Michelle before Michaela)
    vowel_variant = cfg.latin_vowel_variant_score + 0.05 * best
    if not cross and cfg.latin_vowel_variant_score and best < vowel_variant and a.alts[0].isascii():
        b_folds = [vowel_folds(y) for y in b.alts[:2] if len(y) >= 4]  # either fold agreeing
        for x in a.alts[:2] if b_folds else ():
            if len(x) >= 4:
                fx = vowel_folds(x)
                if any(fx[0] == fy[0] or fx[1] == fy[1] for fy in b_folds):
                    best, how = vowel_variant, "spelling"
                    break
    if not cross and cfg.latin_phonetic_weight > 0 and best < cfg.latin_phonetic_weight:
        # two Latin spellings of one foreign name (Hsi Chin-ping / Xi Jinping, Rohani / Rouhani)
        for x in a.phons[:1]:
            for y in b.phons[:1]:
                if x == y and len(x) >= 2:
                    best, how, bi, bj = cfg.latin_phonetic_weight, "phonetic", 0, 0
    if cross and not (cross == 2 and jap and not _onsets_agree(a, b)):
        spelled = best
        a_keys, b_keys = (a.phons, b.phons) if cross == 2 else (a.fines, b.fines)
        for xi, x in enumerate(a_keys):
            if x == "a":
                continue  # a vowel-only key ("yu", "o") says nothing
            for yi, y in enumerate(b_keys):
                if y == "a":
                    continue
                if x == y and len(x) == 1 and not _same_final_vowel(a, b, x, cross != 2):
                    continue  # one consonant alone: the vowel must agree too (Ki = Gi, but Hye ≠ Ho)
                if x == y and len(x) == 2 and cross == 2 and _one_syllable_clash(a, b, x):
                    continue
                if x == y:
                    sim = 1.0
                elif (
                    xi < 2 and yi < 2 and min(len(x), len(y)) >= cfg.phonetic_min_key_for_edit + (cross == 3)
                ):
                    # near-agreement only between the likeliest readings: a rare reading must agree exactly
                    d = Levenshtein.distance(x, y)
                    share = cfg.translit_max_edit_share if cross == 4 else cfg.phonetic_max_edit_share
                    if d > share * max(len(x), len(y)) or (cross == 3 and not _h_or_l(x, y)):
                        continue  # sounds that differ more are judged by spelling alone
                    sim = 1.0 - d / max(len(x), len(y))
                else:
                    continue
                # the sound agrees; how far the spellings agree still counts a little
                s = cfg.phonetic_weight * sim * (1 - cfg.phonetic_spelling_share * (1 - spelled))
                if s > best:
                    best, how, bi, bj = s, "phonetic", 0, 0
    # initials (A. ↔ Ali), only for written-out names
    if best < cfg.initial_score:
        x, y = a.alts[0], b.alts[0]
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            best, how = cfg.initial_score, "initial"
    return best, how, bi, bj


def _rescale(s: float, floor: float) -> float:
    return 0.0 if s <= floor else (s - floor) / (1.0 - floor)


def _weight(t: Token, cfg: MatcherConfig, alt: int = 0) -> float:
    w = t.lengths[alt]
    return w * cfg.generic_weight if t.light else w


_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def _is_number(t: Token) -> bool:
    x = t.alts[0]
    return x.isdigit() or (len(x) <= 5 and bool(_ROMAN.match(x)) and x not in ("i", "v", "l", "c", "x"))


def _monotone(seq: list[int]) -> bool:
    """Same order, reversed, or rotated (``YAMADA, Taro Ichiro`` ↔ ``Taro Ichiro Yamada``)."""
    for k in range(len(seq)):
        rot = seq[k:] + seq[:k]
        pairs = list(zip(rot, rot[1:], strict=False))
        if all(a < b for a, b in pairs) or all(a > b for a, b in pairs):
            return True
    return False


def _first(pair: tuple) -> float:
    return pair[0]


def _leftover_weight(
    rest_q: list[Token], rest_c: list[Token], kind: str, cross: int, shorter: int, cfg, hangul: bool = False
):
    """Weight the unmatched tokens add to the denominator. Leftover tokens facing each other are
    conflicts (two different names in the same place); the surplus of the longer side are extras
    (middle names, patronymics, "of Science")."""
    short, long_ = sorted((rest_q, rest_c), key=len)
    clash = 0.0
    if any(t.role == "qualifier" for t in rest_q) and any(t.role == "qualifier" for t in rest_c):
        # different qualifiers on both sides (… (France) ↔ … (Germany)) are different bodies
        clash = sum(t.lengths[0] for t in rest_q + rest_c if t.role == "qualifier") * cfg.conflict_weight
    if kind != "person" and cross:
        # across scripts a distinctive word conflicts only with a distinctive word left on the other
        # side; one facing a generic word or nothing is an extra (自称 "self" + "proclaimed" ↔ 国),
        # and a distinctive extra word ("Sangyo", "of Science") weighs fully, while a generic one
        # (plant, enterprise, 企業) is often added or dropped by the other script's rendering
        sd = sorted((_weight(t, cfg) for t in short if not t.generic), reverse=True)
        ld = sorted((_weight(t, cfg) for t in long_ if not t.generic), reverse=True)
        kd = min(len(sd), len(ld))
        generic = sum(_weight(t, cfg) for t in rest_q + rest_c if t.generic)
        return (
            clash
            + (sum(sd[:kd]) + sum(ld[:kd])) * cfg.conflict_weight
            + (sum(sd[kd:]) + sum(ld[kd:])) * cfg.org_extra_weight_cross
            + generic * cfg.org_generic_extra_weight_cross
        )
    # heaviest first on both sides (a stable sort: equal weights keep their order); _weight inlined
    gw = cfg.generic_weight
    short_w = sorted(
        [(t.lengths[0] * gw if t.light else t.lengths[0], t) for t in short], key=_first, reverse=True
    )
    long_tw = sorted(
        [(t.lengths[0] * gw if t.light else t.lengths[0], t) for t in long_], key=_first, reverse=True
    )
    k = len(short_w)
    # generic words facing each other (University ↔ Institute) are kinds of body, not a conflict
    # (across scripts only: our translation of such words is approximate; within one script
    # Trust ↔ Bank differ)
    cw = cfg.conflict_weight
    out = clash + sum([w * (1.0 if t.generic and cross else cw) for w, t in short_w + long_tw[:k]])
    if hangul:
        # facing a hangul name read syllable by syllable, a word left over is a syllable of another
        # given name, not a middle name left out (김우진 Kim Woo-jin ≠ Kim Jin, 최우 Choi Woo ≠ Choi Woo-shik)
        return out + sum([w for w, _ in long_tw[k:]]) * cw
    extra = sum([w for w, _ in long_tw[k:]])
    if kind == "person" and shorter > 1:
        return out + extra * cfg.person_extra_weight
    return out + extra * cfg.org_extra_weight  # also a one-word name facing several


def _floors(cross: int, canon: bool, systematic: bool, cfg: MatcherConfig) -> tuple[float, float, float]:
    """(sound floor, spelling floor, least spelling similarity) for a pair of tokens to be aligned."""
    floor = cfg.cross_token_floor if cross else cfg.token_floor
    if canon or systematic:
        return floor, cfg.romanisation_spelling_floor, cfg.token_match_min
    if cross == 2:
        return floor, cfg.cross_spelling_floor, cfg.cross_match_min
    return floor, cfg.token_floor, cfg.token_match_min


def _pairs_with_any(
    m: Token, others: tuple[Token, ...], m_is_query: bool, cross, jap, cfg, canon, systematic
):
    """Whether token ``m`` would be aligned with one of ``others`` by :func:`align` (same similarities,
    same floors, the query side first)."""
    floor, spell_floor, match_min = _floors(cross, canon, systematic, cfg)
    tcross = 0 if canon else cross
    for t in others:
        s, how, _, _ = (
            _token_similarity(m, t, tcross, jap, cfg)
            if m_is_query
            else _token_similarity(t, m, tcross, jap, cfg)
        )
        if how == "phonetic":
            if s > floor:
                return True
        elif s >= match_min and s > spell_floor:
            return True
    return False


def align(
    q: tuple[Token, ...],
    c: tuple[Token, ...],
    cross: int,
    jap: bool,
    kind: str,
    cfg: MatcherConfig,
    canon: bool = False,
    systematic: bool = False,
):
    """Greedy best-first alignment of tokens; returns (score, matches, unmatched_q, unmatched_c)."""
    return _assign(q, c, _pair_list(q, c, cross, jap, cfg, canon, systematic), cross, kind, cfg)


def _pair_list(
    q: tuple[Token, ...],
    c: tuple[Token, ...],
    cross: int,
    jap: bool,
    cfg: MatcherConfig,
    canon: bool = False,
    systematic: bool = False,
) -> list[tuple]:
    """The pairs of tokens :func:`align` may match: ``(-score rescaled from its floor, distance in place,
    i, j, how, alternative of q[i], alternative of c[j])`` for every pair above its floor, unsorted."""
    pairs = []
    floor, spell_floor, match_min = _floors(cross, canon, systematic, cfg)
    # equal scores (a particle such as bin or al that occurs twice) go to the pair nearest in place
    rq, rc = 1.0 / max(len(q) - 1, 1), 1.0 / max(len(c) - 1, 1)
    # our own Hepburn of kanji readings is compared by (folded) spelling only: no sound-alikes
    tcross, cache, cfg_id = 0 if canon else cross, _SIM_CACHE, id(cfg)
    for i, a in enumerate(q):
        a_alts = a.alts
        for j, b in enumerate(c):
            # _token_similarity inlined: this loop is the matcher's hot path
            found = cache.get((a_alts, b.alts, tcross, jap, cfg_id))
            s, how, ai, bj = found if found is not None else _token_similarity(a, b, tcross, jap, cfg)
            if how == "phonetic":
                fl = floor
            elif s < match_min:
                continue  # too different to be one word misspelt: a conflict, not a weak match
            else:
                fl = spell_floor
            if s > fl:  # rescaled from the floor to 1 (inlined _rescale)
                pairs.append(((fl - s) / (1.0 - fl), abs(i * rq - j * rc), i, j, how, ai, bj))
    return pairs


def _assign(q: tuple[Token, ...], c: tuple[Token, ...], pairs: list[tuple], cross: int, kind: str, cfg):
    """:func:`align` on the pairs of :func:`_pair_list` (sorted here, in place)."""
    pairs.sort()  # best first; (i, j) is unique, so the comparison never reaches ``how``
    used_q: dict[int, int] = {}
    used_c: set[int] = set()
    matches = []
    for neg_s, _, i, j, how, ai, bj in pairs:
        s = -neg_s
        if i in used_q or j in used_c:
            continue
        used_q[i] = j
        used_c.add(j)
        matches.append(TokenMatch(q[i], c[j], s, how, ai, bj))
    rest_q = [t for i, t in enumerate(q) if i not in used_q]
    rest_c = [t for j, t in enumerate(c) if j not in used_c]
    # the unmatched share of a weakly matched pair (Hamid ↔ Ghani) weighs like a conflict, within a script
    pw = cfg.partial_mismatch_weight if not cross else 1.0
    gw = cfg.generic_weight
    num = den = 0.0
    for m in matches:
        mq, mc = m.q, m.c
        w = mq.lengths[m.qi] * (gw if mq.light else 1.0) + mc.lengths[m.ci] * (gw if mc.light else 1.0)
        num += m.score * w
        den += w * (m.score + (1.0 - m.score) * pw)
    if rest_q or rest_c:
        hangul = kind == "person" and (
            any(_hangul_syllable(t) for t in q) or any(_hangul_syllable(t) for t in c)
        )
        den += _leftover_weight(rest_q, rest_c, kind, cross, min(len(q), len(c)), cfg, hangul)
    score = num / den if den else 0.0
    distinct = [m for m in matches if not m.q.generic]
    if (
        len(distinct) == 1
        and len(q) + len(c) > 2
        and len(distinct[0].q.alts[0]) <= 3
        and (rest_q or rest_c)  # every word on both sides agreeing is not resting on one token
    ):
        score = min(score, cfg.single_token_cap)
    if kind != "person" and cross == 2 and distinct and all(m.how == "phonetic" for m in distinct):
        # every distinctive word in common agrees by sound alone, spelt apart: two such words are no
        # better evidence than one (シェブロン ジャパン sheburon japan ~ SPRING SHIPPING, マグネオ技研 ~ Makin
        # Institute); one spelt near enough lifts the cap
        score = min(score, max(_sound_only_cap(m, cfg) for m in distinct))
    if kind != "person" and matches and not distinct and any(not t.generic for t in q + c):
        score = min(score, 0.3)  # only generic words in common ("University" ↔ "University")
    if kind != "person" and any(_is_number(t) for t in rest_q + rest_c):
        score -= cfg.number_mismatch  # Fund VIII ↔ Fund IX, Solutions ↔ Solutions II, Company 23
    order = [used_q[i] for i in sorted(used_q) if not q[i].generic]
    # word order across scripts is no evidence for organisations: Japanese and Chinese put modifiers
    # first (ベラルーシ共和国開発銀行), English inverts with "of" (Development Bank of the Republic of Belarus)
    inner_only = len(order) >= 4 and order[0] == min(order) and order[-1] == max(order)
    if len(order) >= 3 and not (kind != "person" and cross) and not inner_only and not _monotone(order):
        score -= cfg.order_penalty  # SALMAN BIN MUHAMMAD ↔ MUHAMMAD BIN SALMAN (not a plain reversal)
    return max(score, 0.0), matches, rest_q, rest_c


def _sound_only_cap(m: TokenMatch, cfg: MatcherConfig) -> float:
    """The ceiling of two organisation names whose one distinctive word in common agrees by sound alone
    (see ``org_sound_only_cap``); 1.0 when the spellings are near enough. Other distinctive words left
    over do not lift the cap: アクアス akuasu ~ AL-AQSA, カイノス ~ OKEANOS, AO rest on one sound-alike."""
    spelled = max(
        OSA.normalized_similarity(x, y) for x in _judged_spellings(m.q) for y in _judged_spellings(m.c)
    )
    return 1.0 if spelled >= cfg.org_sound_spelling_min else cfg.org_sound_only_cap


def _judged_spellings(t: Token) -> tuple[str, ...]:
    """The spellings a sound-alike is judged by: a katakana loanword's English origin alone (アルパイン is
    alpine, whose spelling is far from ARVIN's, not arupain), else the first two."""
    note = t.note(0)
    if note and all(japanese._is_kana(ch) for ch in note) and loanword_origin(note) == t.alts[0]:
        return t.alts[:1]
    return t.alts[:2]


_MERGED: dict[tuple, Token] = {}


def _close_to_any(
    strings: list[str], other: tuple[Token, ...], cfg: MatcherConfig, sound: bool = True
) -> bool:
    """Whether one of ``strings`` could pair with one of the ``other`` tokens in :func:`align` within one
    script: spelt alike at least ``token_match_min`` (or, with ``sound`` and when Latin sound-alikes
    count, sounding alike)."""
    sim, cutoff = OSA.normalized_similarity, cfg.token_match_min
    for t in other:
        for o in t.alts:
            for m in strings:
                if sim(m, o, score_cutoff=cutoff):
                    return True
    if sound and cfg.latin_phonetic_weight > 0:
        sounds = {t.phons[0] for t in other if t.phons}
        return any(phonetic_key(m) in sounds for m in strings)
    return False


def _merged(a: Token, b: Token) -> Token:
    key = (a.alts[:3], b.alts[:3], a.note(0), b.note(0), a.role or b.role)
    found = _MERGED.get(key)
    if found is None:
        if len(_MERGED) > 200_000:
            _MERGED.clear()
        alts = [x + y for x in a.alts[:3] for y in b.alts[:3]]
        # glued on a bare vowel (연아 yeona, 우진 ujin), the word must be spelt alike: its sound key is the
        # other syllable's (ujin sounds like jin)
        vowel = a.phons[:1] == ("a",) or b.phons[:1] == ("a",)
        found = _MERGED[key] = make_token(
            alts,
            [f"{a.note(0)}{b.note(0)}"],
            a.role or b.role,
            spelt=frozenset(alts) if vowel else frozenset(),
        )
    return found


def _hangul_syllable(t: Token) -> bool:
    """Whether ``t`` is one syllable of a hangul given name, read syllable by syllable: noted as that
    syllable (민), or as the word that spells it in another script (мин→민, a Korean name in Cyrillic)."""
    if t.role != "given":
        return False
    n = t.note(0)
    return bool(n) and "\uac00" <= n[-1] <= "\ud7a3" and (len(n) == 1 or n[-2] == "→")


def _given_syllables(a: Token, b: Token) -> bool:
    """Whether ``a`` and ``b`` are two syllables of one hangul given name (연아 Yuna: a syllable may be a
    bare vowel, and the two are one written word)."""
    return _hangul_syllable(a) and _hangul_syllable(b)


def _joined(
    tokens: tuple[Token, ...],
    other: tuple[Token, ...],
    cross: int,
    cfg: MatcherConfig,
    pairs: Callable[[Token], bool] | None = None,
    worth: Callable[[int], bool] | None = None,
) -> list[tuple[Token, ...]]:
    """Variants with two adjacent tokens written as one (Xiao Ping → Xiaoping, Jan Daniel → JanDaniel).

    Within one script (``cross`` 0) a joined word is made only when it could pair with a word of the
    ``other`` name: one that pairs with none adds no match, only hides an extra word (two unmatched
    words would weigh as one), and checking costs far less than aligning the variant. Across scripts every variant is tried, since
    readings agree by sound in more ways (キム・グワンイル ↔ KIM KWANG-IL)."""
    out = []
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        glued = [x + y for x in a.alts[:3] for y in b.alts[:3]]
        if (a.generic or b.generic) and not any(x == o for t in other for o in t.alts for x in glued):
            continue  # a generic word joins only to spell a word of the other side (ニュース フロント Newsfront)
        if (a.phons[:1] == ("a",) or b.phons[:1] == ("a",)) and not _given_syllables(a, b):
            # glued on a vowel-only word, a word sounds like its other syllable ("Kim Yo" like "Kim"):
            # only one spelt like a word of the other side is read as one word written apart
            # (Hok-yau ↔ hokyau: a Cantonese given name's syllables), never a number (Solutions II);
            # _merged compares it by spelling
            if _is_number(a) or _is_number(b) or not _close_to_any(glued, other, cfg, sound=False):
                continue
        elif not cross and not _close_to_any(glued, other, cfg):
            continue
        if worth is not None and not worth(i):
            continue  # could not score above what is needed (see _worth_joining)
        merged = _merged(a, b)
        if cross and pairs is not None and not pairs(merged):
            continue  # across scripts, a joined word that aligns with no word adds nothing either
        out.append((*tokens[:i], merged, *tokens[i + 2 :]))
    if len(tokens) >= 3 and len(other) == 1 and not any(t.generic for t in tokens):
        whole = "".join(t.alts[0] for t in tokens)
        if cross or _close_to_any([whole], other, cfg):
            token = make_token([whole])
            if not (cross and pairs is not None and not pairs(token)):
                out.append((token,))
    return out


def _worth_joining(
    longer: tuple[Token, ...],
    shorter: tuple[Token, ...],
    pairs: list[tuple],
    longer_is_q: bool,
    theta: float,
    kind: str,
    cross: int,
    cfg: MatcherConfig,
) -> list[bool]:
    """For each place k of ``longer``: whether the variant joining its words k and k + 1 (see
    :func:`_joined`) could score above ``theta``, by an upper bound that needs no alignment of the variant.

    :func:`_assign` scores num / den: a matched token adds its weight w times the pair's rescaled score s
    to num and w·(s + (1 − s)·pw) to den; a token left over adds w times a coefficient of
    :func:`_leftover_weight` to den (its clash term only adds more). The score exceeds θ only if the sum
    over tokens of (num share − θ·den share) is positive. That sum is bounded from above by taking each
    token at its best: matched to its best partner in ``pairs`` (the variant's other words are the same
    tokens facing the same ones) or left over at the least coefficient it can get there: a word of the
    shorter side left over faces one of the longer (a conflict), and at most as many words of the longer
    side as it has more than the shorter are extras. The joined word is taken as matched perfectly, and
    at most one word of ``shorter`` as matching it instead of its own best. The caps and penalties applied
    after num / den only lower the score. A variant whose bound is not positive cannot score above θ."""
    pw = cfg.partial_mismatch_weight if not cross else 1.0
    gw, cw = cfg.generic_weight, cfg.conflict_weight
    q, c = (longer, shorter) if longer_is_q else (shorter, longer)
    if kind != "person" and cross:  # _leftover_weight's first branch: generic words are never conflicts
        distinct, generic, extra = (
            min(cw, cfg.org_extra_weight_cross),
            cfg.org_generic_extra_weight_cross,
            None,
        )
    else:
        distinct, generic = cw, 1.0 if cross else cw
        short = len(shorter)
        extra = cfg.person_extra_weight if kind == "person" and short > 1 else min(cw, cfg.org_extra_weight)
    w0q = [t.lengths[0] * (gw if t.light else 1.0) for t in q]
    w0c = [t.lengths[0] * (gw if t.light else 1.0) for t in c]
    vq = [-theta * w * (generic if t.generic else distinct) for t, w in zip(q, w0q, strict=True)]
    vc = [-theta * w * (generic if t.generic else distinct) for t, w in zip(c, w0c, strict=True)]
    for neg, _, i, j, _, ai, bj in pairs:
        s = -neg
        g = s - theta * (s + (1.0 - s) * pw)
        a, b = q[i], c[j]
        v = a.lengths[ai] * (gw if a.light else 1.0) * g
        if v > vq[i]:
            vq[i] = v
        v = b.lengths[bj] * (gw if b.light else 1.0) * g
        if v > vc[j]:
            vc[j] = v
    (vl, wl), vs = ((vq, w0q), vc) if longer_is_q else ((vc, w0c), vq)
    gain = max(
        (1.0 - theta) * max(t.lengths, default=0) * (gw if t.light else 1.0) - v
        for t, v in zip(shorter, vs, strict=True)
    )
    base = sum(vs) + max(gain, 0.0)
    # the variant's longer side has len(longer) - 1 words: so many more than the shorter may be extras
    n_extra = len(longer) - 1 - len(shorter) if extra is not None else 0
    upgrades = sorted(
        ((max(0.0, -theta * extra * w - v), k) for k, (w, v) in enumerate(zip(wl, vl, strict=True))),
        reverse=True,
    ) if n_extra > 0 else []  # fmt: skip
    base += sum(vl)
    out = []
    for k in range(len(longer) - 1):
        # the joined word's weight: its spellings' lengths (at least its parts' clipped lengths) clipped to 10
        joined = min(max(longer[k].lengths[:3]) + max(longer[k + 1].lengths[:3]), 10)
        total = base - vl[k] - vl[k + 1] + (1.0 - theta) * joined
        if n_extra > 0:
            total += sum([u for u, at in upgrades if at != k and at != k + 1][:n_extra])
        out.append(total > -1e-9)
    return out


def compare_readings(qr: Reading, cr: Reading, kind: str, cfg: MatcherConfig, need: float = 0.0):
    """The best alignment of two readings (score, matches, unmatched query and candidate tokens).

    With ``need`` a joined-word variant is aligned only where it could score above both the best so far
    and ``need``: below ``need`` the score returned may be lower than the full comparison's (see
    :func:`name_feature`)."""
    # 0: same script, spelling only; 1: alphabetic transliteration, fine key; 2: kana/hangul/pinyin, coarse key
    cross = 2 if (qr.coarse or cr.coarse) else 1 if (qr.translit or cr.translit) else 0
    if qr.abjad or cr.abjad:
        # 3: a reading without short vowels (Arabic script): the fine key, nearly equal keys only when long
        # and one h or l apart (Abdulla, Abdallah; another sound is another name: Haddad ≠ Hamadi,
        # Rahman ≠ Rahim), no credit for spelling (a consonant skeleton beside a vowelled spelling)
        cross = 3
    if cross == 1 and kind == "person":
        # 4: a person's name through an alphabetic transliteration, compared as 1 but with a narrower
        # margin for near-agreeing sounds: its schemes spell the usual variants, and names of one stem
        # differ only in their ends (Petrov, Petrenko); institutions' words vary more (-skiy, -sk)
        cross = 4
    jap = qr.japanese or cr.japanese
    canon = qr.canonical or cr.canonical
    if cross == 2 and (qr.japanese_name or cr.japanese_name):
        canon = True  # a Japanese name in Latin letters is spelt by rule: a sound-alike is no evidence
    systematic = qr.systematic or cr.systematic
    pairs = _pair_list(qr.tokens, cr.tokens, cross, jap, cfg, canon, systematic)
    best = _assign(qr.tokens, cr.tokens, pairs, cross, kind, cfg)
    # joining two adjacent words can only help where some word already agrees, or the other side is one word
    if best[2] and best[3] and not cross and len(qr.tokens) > 1 and len(cr.tokens) > 1:
        best = _stray_space(qr, cr, best, jap, kind, cfg, canon, systematic)
    if (
        len(qr.tokens) != len(cr.tokens)
        and best[0] < 1.0
        and (best[1] or min(len(qr.tokens), len(cr.tokens)) == 1)
    ):
        more_q = len(qr.tokens) > len(cr.tokens)
        longer, shorter = (qr.tokens, cr.tokens) if more_q else (cr.tokens, qr.tokens)

        def pairs_with(m: Token) -> bool:
            return _pairs_with_any(m, shorter, more_q, cross, jap, cfg, canon, systematic)

        # pairs still holds the words as they stand: _stray_space aligned variants of its own
        bounds: list[list[bool]] = []

        def worth(k: int) -> bool:  # bounded once, and only for a call with a place left to try
            if not bounds:
                bounds.append(
                    _worth_joining(longer, shorter, pairs, more_q, max(best[0], need), kind, cross, cfg)
                )
            return bounds[0][k]

        for variant in _joined(longer, shorter, cross, cfg, pairs_with, worth):
            r = (
                align(variant, cr.tokens, cross, jap, kind, cfg, canon, systematic)
                if more_q
                else align(qr.tokens, variant, cross, jap, kind, cfg, canon, systematic)
            )
            if r[0] > best[0]:
                best = r
    return best


def _stray_space(qr: Reading, cr: Reading, best, jap: bool, kind: str, cfg: MatcherConfig, canon, systematic):
    """A word split by a stray space (Patr ushev): two adjacent words, one of them left over, that
    written together are nearly a word of the other side are read as that one word (not an initial
    or a number: Hans O Friedrich, Partners IV)."""
    for more_q, side, rest, other in (
        (True, qr.tokens, best[2], cr.tokens),
        (False, cr.tokens, best[3], qr.tokens),
    ):
        left = {id(t) for t in rest}
        lengths = [len(t.alts[0]) for t in other]
        for i in range(len(side) - 1):
            a, b = side[i], side[i + 1]
            if id(a) not in left and id(b) not in left:
                continue
            n = len(a.alts[0]) + len(b.alts[0])
            # similarity 0.9 needs lengths within a tenth of the longer (an edit per letter of difference)
            for m in lengths:
                if abs(m - n) <= 0.1 * max(n, m):
                    break
            else:
                continue
            merged = a.alts[0] + b.alts[0]
            near = [t.alts[0] for t in other if abs(len(t.alts[0]) - n) <= 0.1 * max(n, len(t.alts[0]))]
            if (
                not near
                or any(t.generic or len(t.alts[0]) < 2 or _is_number(t) for t in (a, b))
                or not any(OSA.normalized_similarity(merged, x) >= 0.9 for x in near)
            ):
                continue
            variant = (
                *side[:i],
                make_token([merged], [f"{side[i].alts[0]} {side[i + 1].alts[0]}"]),
                *side[i + 2 :],
            )
            r = (
                align(variant, cr.tokens, 0, jap, kind, cfg, canon, systematic)
                if more_q
                else align(qr.tokens, variant, 0, jap, kind, cfg, canon, systematic)
            )
            if r[0] > best[0]:
                best = r
    return best


def _acronym(q: PreparedName, c: PreparedName) -> float:
    """1.0 when one organisation name is the initials of the other (BUAA ↔ Beijing University of A. and A.)."""
    for a, b in ((q, c), (c, q)):
        for ra in a.readings:
            if len(ra.tokens) != 1 or not 2 <= len(ra.tokens[0].alts[0]) <= 8:
                continue
            acro = ra.tokens[0].alts[0]
            for rb in b.readings:
                if rb.translit or len(rb.tokens) < 2:
                    continue
                initials = "".join(t.note(0)[:1] or t.alts[0][:1] for t in rb.tokens)
                if initials == acro:
                    return 1.0
    return 0.0


def name_feature(
    q: PreparedName, c: PreparedName, cfg: MatcherConfig, explain: bool = True, need: float = 0.0
) -> FeatureResult:
    """The name feature of two prepared names. With ``explain`` False the detail and the readings
    compared (``data``) are left empty and :func:`explain_name_feature` writes them later (a bulk run
    explains only its hits).

    With ``need``, only whether the score exceeds ``need`` is asked of a score at or below it: work that
    cannot lift a reading's score above it is skipped (see :func:`compare_readings`), so such a score may
    come out lower than the full comparison's, never above ``need``; a score above ``need`` is exact."""
    best_score, best = -1.0, None
    kind = (
        "person"
        if q.kind == "person" and c.kind == "person"
        else "org"
        if "org" in (q.kind, c.kind)
        else "person"
    )
    if need > 0.0 and kind == "person":
        # a reading pair's score is raised to cross_script_gamma below when a transliteration is involved:
        # the lower of the two needs holds whichever pair turns out best
        need = min(need, need ** (1.0 / cfg.cross_script_gamma))
    same_script = q.written and c.written and q.script_group == c.script_group
    q_readings, c_readings = (q.written, c.written) if same_script else (q.readings, c.readings)
    for qr in q_readings:
        for cr in c_readings:
            score, matches, rq, rc = compare_readings(qr, cr, kind, cfg, need)
            if score > best_score:
                best_score, best = score, (qr, cr, matches, rq, rc)
                if score >= 1.0:
                    break
        if best_score >= 1.0:
            break
    if kind == "org" and best_score < 1.0 and _acronym(q, c):
        return FeatureResult("name", 0.9, f"acronym: {q.original} ↔ {c.original}", data={"how": "acronym"})
    qr, cr, matches, rq, rc = best
    best_score = max(best_score, 0.0)
    notes = []
    if kind == "org" and same_script is not False and q.script_group == c.script_group == "Latn":
        fq, fc = legal_families(q.legal_forms), legal_families(c.legal_forms)
        if fq and fc and not fq & fc:  # Deutsche Bank AG ↔ Deutsche Bank GmbH
            best_score = max(0.0, best_score - cfg.legal_form_mismatch)
            notes.append(
                f"legal form differs ({', '.join(sorted(q.legal_forms))} ↔ {', '.join(sorted(c.legal_forms))})"
            )
    if (qr.translit or cr.translit) and kind == "person":
        # calibration: a reading's spelling is approximate, so equal evidence scores lower across
        # scripts than within one; raise it to the same scale (1.0 and 0.0 stay fixed)
        best_score = best_score**cfg.cross_script_gamma
    result = FeatureResult("name", best_score, "")
    result._why = (qr, cr, matches, rq, rc, notes)
    return explain_name_feature(result) if explain else result


def explain_name_feature(result: FeatureResult) -> FeatureResult:
    """Write the detail and the readings compared of a name feature computed with ``explain=False``
    (no-op otherwise)."""
    why = getattr(result, "_why", None)
    if why is not None and not result.detail:
        qr, cr, matches, rq, rc, notes = why
        result.detail = "; ".join([_explain(qr, cr, matches, rq, rc), *notes])
        result.data = {"query_reading": qr.text, "candidate_reading": cr.text}
    return result


_HOW = {"exact": "exact", "spelling": "similar spelling", "phonetic": "same sound", "initial": "initial"}


def _explain(qr: Reading, cr: Reading, matches: list[TokenMatch], rq, rc) -> str:
    parts = []
    used: dict[int, int] = {}  # id(token) → index of the spelling that matched
    for m in matches:
        used[id(m.q)] = m.qi
        used[id(m.c)] = m.ci
    for side, r in (("query", qr), ("candidate", cr)):
        if r.method == "as written":
            continue
        if r.canonical:
            # show the reading that was actually used (矢田 → やだ, not UniDic's first guess やた)
            notes = [t.note(used.get(id(t), 0)) for t in r.tokens]
            written = " ".join(n.split("→")[0] for n in notes)
            kana = " ".join(n.split("→")[-1] for n in notes)
            latin = " ".join(t.alts[used.get(id(t), 0)] for t in r.tokens)
            via = f" → {kana}" if kana != written else ""  # a Cyrillic (Polivanov) name has no kana
            parts.append(f"{side} {written}{via} → {latin} ({r.method})")
        else:
            latin = " ".join(t.alts[used.get(id(t), 0)] for t in r.tokens)
            parts.append(f"{side} {r.detail} → {latin} ({r.method})")
    tm = []
    for m in matches:
        label = m.q.role or m.c.role or ("generic word" if m.q.generic else "")
        note = m.q.note(m.qi) or m.c.note(m.ci)
        via = f" via {note}" if note and note not in (m.q.alts[m.qi], m.c.alts[m.ci]) else ""
        tm.append(
            f"{label + ' ' if label else ''}{m.q.alts[m.qi]} = {m.c.alts[m.ci]} ({_HOW.get(m.how, m.how)}{via})"
        )
    if tm:
        parts.append("; ".join(tm))
    missing = [t.alts[0] for t in rq] + [t.alts[0] for t in rc]
    if missing:
        parts.append("unmatched: " + ", ".join(missing))
    return "; ".join(parts)


# ---------------------------------------------------------------- qualifiers


def _date_agrees(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def birth_date_feature(
    query_dates: list[str], entity_dates: list[str], cfg: MatcherConfig
) -> FeatureResult | None:
    if not query_dates or not entity_dates:
        return None
    for a in query_dates:
        for b in entity_dates:
            if _date_agrees(a, b):
                prec = "birth year" if min(len(a), len(b)) <= 4 else "birth date"
                return FeatureResult(
                    "birth_date", cfg.birth_date_match, f"{prec} matches ({b})", qualifier=True
                )
    return FeatureResult(
        "birth_date",
        -cfg.birth_date_mismatch,
        f"birth date differs ({', '.join(entity_dates)})",
        qualifier=True,
    )


def country_feature(
    query_countries: list[str], entity_countries: list[str], cfg: MatcherConfig
) -> FeatureResult | None:
    if not query_countries or not entity_countries:
        return None
    if set(query_countries) & set(entity_countries):
        return FeatureResult(
            "country",
            0.0,
            f"country matches ({', '.join(sorted(set(query_countries) & set(entity_countries)))})",
            qualifier=True,
        )
    return FeatureResult(
        "country", -cfg.country_mismatch, f"country differs ({', '.join(entity_countries)})", qualifier=True
    )


def _norm_id(v: str) -> str:
    return "".join(ch for ch in v.upper() if ch.isalnum())


def identifier_feature(query_ids: dict, entity_ids: dict, cfg: MatcherConfig) -> FeatureResult | None:
    if not query_ids or not entity_ids:
        return None
    qv = {_norm_id(v) for vals in query_ids.values() for v in vals}
    for key, vals in entity_ids.items():
        for v in vals:
            if _norm_id(v) in qv and len(_norm_id(v)) >= 4:
                return FeatureResult(
                    "identifier", cfg.identifier_match, f"identifier matches ({key})", qualifier=True
                )
    return None


def schema_feature(query_schema: str, entity_schema: str, cfg: MatcherConfig) -> FeatureResult | None:
    person = {"Person"}
    if "LegalEntity" in (query_schema, entity_schema):
        return None
    if (query_schema in person) != (entity_schema in person):
        return FeatureResult(
            "schema", -cfg.schema_mismatch, f"{query_schema} compared with {entity_schema}", qualifier=True
        )
    return None
