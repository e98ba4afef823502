"""Tunables of the name matcher (照合設定), documented in one place.

Every weight and threshold the matcher uses is a field here, with what it does; the defaults were
chosen on the development sets recorded in ``docs/decisions/0002-name-matching.md``. A deployment can
override them from a mapping (e.g. a YAML file) with :meth:`MatcherConfig.from_mapping`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

DEFAULT_THRESHOLD = 0.7


@dataclass(frozen=True)
class MatcherConfig:
    #: score at or above which a comparison is an alert (要確認)
    threshold: float = DEFAULT_THRESHOLD
    #: token similarities below this floor count as a mismatch; between floor and 1 they are rescaled
    #: linearly to 0..1, so near-misses (Scholze/Scholz) keep credit and distant pairs (Barack/Michelle) none
    token_floor: float = 0.35
    #: within one script, a token pair less similar than this is not a match at all but a conflict
    token_match_min: float = 0.6
    #: floor for phonetic-key similarity when one side is a transliterated reading
    cross_token_floor: float = 0.2
    #: within kana, hangul or pinyin readings, a spelling pair less similar than this is a conflict
    cross_match_min: float = 0.0
    #: floor for spelling similarity against a rule-made romanisation with its variants listed (Hepburn
    #: of kanji readings, hangul RR/MR, pinyin/Wade-Giles, Cyrillic schemes): after folding, a difference
    #: left is a real one (Kobayashi ≠ Kobayakawa, Ming ≠ Ping, Jae-in ≠ Jae-hyun)
    romanisation_spelling_floor: float = 0.7
    #: floor for spelling similarity between a kana, hangul or pinyin reading and another name
    cross_spelling_floor: float = 0.2
    #: ceiling for a token pair that agrees only in its phonetic key (cross-script readings only)
    phonetic_weight: float = 1.0
    #: similarity of two Latin spellings (4+ letters) that differ only in how vowels and doubled consonants
    #: are written, Osama ↔ Usama, Hussein ↔ Husayn (``phonetic.vowel_folds``; 0 = off), plus a twentieth
    #: of their spelling similarity
    latin_vowel_variant_score: float = 0.86
    #: credit for two Latin spellings with the same phonetic key (0 = spelling only)
    latin_phonetic_weight: float = 0.0
    #: exponent applied to person-name scores that rest on a transliterated reading (< 1 lifts them); calibrates
    #: cross-script scores to the same-script scale
    cross_script_gamma: float = 0.8
    #: phonetic keys at least this long may differ a little and still count as (nearly) the same sound
    phonetic_min_key_for_edit: int = 3
    #: at most this share of a phonetic key may differ (edits / key length)
    phonetic_max_edit_share: float = 0.4
    #: the same for a person's name through an alphabetic transliteration (Cyrillic, Greek …), whose
    #: schemes already spell the usual variants: a larger difference is another name (Petrov ≠ Petrenko,
    #: Smirnov ≠ Smirnyagin)
    translit_max_edit_share: float = 0.25
    #: share of a phonetic match's credit that also depends on spelling similarity (0 = sound alone)
    phonetic_spelling_share: float = 0.0
    #: credit for an initial against a full name (A. Khamenei ↔ Ali Khamenei)
    initial_score: float = 0.75
    #: weight of tokens left over on both sides, facing each other (Barack ↔ Michelle), per unit of length
    conflict_weight: float = 4.0
    #: weight of the dissimilar share of a partly matched token pair, same script (1 = no extra weight)
    partial_mismatch_weight: float = 1.0
    #: subtracted when matched tokens are in a different order that is not a plain reversal
    #: (SALMAN BIN MUHAMMAD ↔ MUHAMMAD BIN SALMAN); reversal (Yamada Taro ↔ Taro Yamada) is free
    order_penalty: float = 0.35
    #: subtracted when an organisation name has a number or roman numeral the other lacks (Fund VIII ↔ IX)
    number_mismatch: float = 0.25
    #: weight of a person-name token left over on the longer side (middle names, patronymics)
    person_extra_weight: float = 0.3
    #: weight of a distinctive organisation token left over on one side ("of Science")
    org_extra_weight: float = 1.5
    #: the same when one side is a reading of another script: a distinctive word left over weighs fully
    #: (京都大学 ↔ Kyoto Sangyo University)
    org_extra_weight_cross: float = 1.5
    #: weight of a generic organisation word left over on one side across scripts (plant, 企業): renderings
    #: add or drop such words freely
    org_generic_extra_weight_cross: float = 0.5
    #: weight of generic organisation words (university, institute, bank …) relative to distinctive ones
    generic_weight: float = 0.25
    #: cap on a name score that rests on a single short token (a lone "Kim" or "Ali")
    single_token_cap: float = 0.8
    #: cap on two organisation names whose one distinctive word in common agrees only by the coarse sound of
    #: a kana, hangul or pinyin reading while its spellings differ more than ``org_sound_spelling_min``
    #: allows (whatever else is left over): a short consonant skeleton is shared by many unrelated words
    #: (ナイキ nike ~ NCU, トーソー toso ~ DAESH, アロカ ~ IRG, アクアス ~ AL-AQSA)
    org_sound_only_cap: float = 0.6
    org_sound_spelling_min: float = 0.55
    #: subtracted when both sides give birth dates and none agrees (at the precision both give)
    birth_date_mismatch: float = 0.15
    #: added when a birth date agrees
    birth_date_match: float = 0.05
    #: subtracted when both sides give countries and none is shared
    country_mismatch: float = 0.1
    #: added when an identifier (passport, registration number …) is equal on both sides
    identifier_match: float = 0.3
    #: an equal identifier raises the score to at least this (an alert however the name is spelt)
    identifier_min_score: float = 0.8
    #: subtracted when two organisation names carry legal forms of different kinds (AG ↔ GmbH)
    legal_form_mismatch: float = 0.35
    #: subtracted when a person is compared with an organisation
    schema_mismatch: float = 0.2
    #: subtracted as well when the organisation names its legal form (株式会社, Ltd, GmbH …) and the
    #: listed person's name reads as a person's: a company is not an individual
    schema_mismatch_legal_form: float = 0.2

    @classmethod
    def from_mapping(cls, data: dict) -> MatcherConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown matcher settings: {', '.join(sorted(unknown))}")
        types = {f.name: f.type for f in fields(cls)}
        return cls(**{k: (int(v) if types[k] in (int, "int") else float(v)) for k, v in data.items()})
