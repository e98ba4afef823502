"""Common watch-list records (ウォッチリスト), FollowTheMoney-compatible.

Every list reader yields :class:`ListEntity` objects. The field names follow FtM's
``Person`` / ``Organization`` / ``Company`` / ``LegalEntity`` schemata so an entity can be
written out as an FtM entity (:meth:`ListEntity.to_ftm`) and read back.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> str:
    """ISO 15924 code of one letter (cached: list files repeat the same few hundred letters)."""
    name = unicodedata.name(ch, "")
    if name.startswith("CJK UNIFIED") or name.startswith("CJK COMPATIBILITY IDEOGRAPH"):
        return "Hani"
    if name.startswith("HIRAGANA"):
        return "Hira"
    if name.startswith("KATAKANA") or name.startswith("HALFWIDTH KATAKANA"):
        return "Kana"
    if name.startswith("HANGUL"):
        return "Hang"
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith("ARABIC"):
        return "Arab"
    if name.startswith("GREEK"):
        return "Grek"
    if name.startswith("HEBREW"):
        return "Hebr"
    if name.startswith("THAI"):
        return "Thai"
    if "LATIN" in name:
        return "Latn"
    return "Zyyy"


_ASCII_LETTER = re.compile("[A-Za-z]")


def detect_script(text: str) -> str:
    """Dominant script of ``text``: Latn, Hani, Hira, Kana, Jpan (kana+kanji), Hang, Cyrl, Arab, … or Zyyy."""
    if text.isascii():  # most names screened: every letter is Latin
        return "Latn" if _ASCII_LETTER.search(text) else "Zyyy"
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        script = "Latn" if ch.isascii() else _char_script(ch)
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    if ("Hira" in counts or "Kana" in counts) and "Hani" in counts:
        return "Jpan"
    return max(counts.items(), key=lambda kv: kv[1])[0]


@dataclass(frozen=True)
class Name:
    """One written form of a name, with its script (ISO 15924) and, where known, its language."""

    value: str
    script: str = ""
    lang: str = ""
    kind: str = "primary"  # primary | alias | weak_alias | original_script | previous

    @classmethod
    def of(cls, value: str, kind: str = "primary", lang: str = "") -> Name:
        value = " ".join(value.split())
        return cls(value=value, script=detect_script(value), lang=lang, kind=kind)


@dataclass
class ListEntity:
    """A listed party, as one list publishes it."""

    id: str  # stable within the list, e.g. "un-sc:QDi.001" or "meti-eul:123"
    schema: str  # Person | Organization | Company | LegalEntity | Vessel | Airplane
    names: list[Name]  # first is the primary name
    list: str  # list code: un_sc, meti_eul, mof_af, ofac_sdn, bis_dpl, us_csl, opensanctions, aspi, csv
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2, lower case
    birth_dates: list[str] = field(default_factory=list)  # ISO 8601, possibly partial ("1960", "1960-05")
    identifiers: dict[str, list[str]] = field(default_factory=dict)  # e.g. {"passportNumber": [...]}
    programmes: list[str] = field(default_factory=list)
    listing_date: str = ""
    addresses: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # e.g. "sanction", "export.control", "wmd:nuclear"
    notes: list[str] = field(default_factory=list)
    source: str = ""  # file name or URL the entity was read from, with row / element

    @property
    def caption(self) -> str:
        return self.names[0].value if self.names else self.id

    @property
    def aliases(self) -> list[Name]:
        return self.names[1:]

    def all_names(self) -> list[str]:
        return [n.value for n in self.names]

    def content_hash(self) -> str:
        """Hash of everything that matters for screening; used by snapshot diffs to spot changes."""
        payload = asdict(self)
        payload.pop("source", None)
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(data).hexdigest()

    def to_ftm(self) -> dict:
        props: dict[str, list[str]] = {"name": [self.names[0].value] if self.names else []}
        aliases = [n.value for n in self.names[1:] if n.kind != "weak_alias"]
        weak = [n.value for n in self.names[1:] if n.kind == "weak_alias"]
        if aliases:
            props["alias"] = aliases
        if weak:
            props["weakAlias"] = weak
        if self.countries:
            props["country"] = list(self.countries)
        if self.birth_dates and self.schema == "Person":
            props["birthDate"] = list(self.birth_dates)
        if self.programmes:
            props["programId"] = list(self.programmes)
        if self.listing_date:
            props["createdAt"] = [self.listing_date]
        if self.addresses:
            props["address"] = list(self.addresses)
        if self.topics:
            props["topics"] = list(self.topics)
        if self.notes:
            props["notes"] = list(self.notes)
        for key, values in self.identifiers.items():
            props.setdefault(key, []).extend(values)
        return {"id": self.id, "schema": self.schema, "properties": props, "datasets": [self.list]}
