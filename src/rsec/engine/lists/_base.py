"""Helpers shared by the readers: ids, names, field cleaning, entity assembly."""

from __future__ import annotations

import re
from pathlib import Path

from rsec.engine.lists.countries import address_country, countries_in, country_code
from rsec.engine.lists.model import ListEntity, Name

_EMPTY = {"", "-0-", "不明", "none", "n/a", "na", "unknown"}


def clean(value: object) -> str:
    """Whitespace-collapsed text of a cell or element; '' for the lists' ways of saying "empty"."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return "" if text.casefold() in _EMPTY else text


def entity_id(list_code: str, key: str) -> str:
    """Stable id: the list code (with '-' for '_') and the list's own key, e.g. ``un-sc:QDi.001``."""
    key = re.sub(r"\s+", "", str(key))
    return f"{list_code.replace('_', '-')}:{key}"


class EntityBuilder:
    """Collects one entity's fields, dropping empties and duplicates, normalising countries."""

    def __init__(self, list_code: str, ident: str, schema: str, source: str) -> None:
        self.entity = ListEntity(id=ident, schema=schema, names=[], list=list_code, source=source)

    def name(self, value: object, kind: str = "primary", lang: str = "") -> None:
        text = clean(value)
        if not text or len(text.strip(" .,;:-()")) == 0:
            return
        name = Name.of(text, kind=kind, lang=lang)
        if any(name.value.casefold() == n.value.casefold() for n in self.entity.names):
            return
        self.entity.names.append(name)

    def country(self, value: object, note_unknown: str = "country") -> None:
        text = clean(value)
        if not text:
            return
        codes, rest = countries_in(text)
        for code in codes:
            if code not in self.entity.countries:
                self.entity.countries.append(code)
        for part in rest:
            self.note(f"{note_unknown}: {part}")

    def country_code(self, value: object) -> None:
        """A value that is already a code (or a single name)."""
        text = clean(value)
        if not text:
            return
        code = country_code(text)
        if code and code not in self.entity.countries:
            self.entity.countries.append(code)
        elif not code:
            self.note(f"country: {text}")

    def birth_dates(self, values: list[str]) -> None:
        for d in values:
            if d and d not in self.entity.birth_dates:
                self.entity.birth_dates.append(d)

    def identifier(self, prop: str, value: object) -> None:
        text = clean(value)
        if text:
            bucket = self.entity.identifiers.setdefault(prop, [])
            if text not in bucket:
                bucket.append(text)

    def programme(self, value: object) -> None:
        text = clean(value)
        if text and text not in self.entity.programmes:
            self.entity.programmes.append(text)

    def topic(self, value: str) -> None:
        if value and value not in self.entity.topics:
            self.entity.topics.append(value)

    def address(self, value: object, country: bool = True) -> None:
        """Add an address; with ``country``, also the country it ends in, when recognisable."""
        text = clean(value)
        if text and text not in self.entity.addresses:
            self.entity.addresses.append(text)
            code = address_country(text) if country else None
            if code and code not in self.entity.countries:
                self.entity.countries.append(code)

    def note(self, value: object) -> None:
        text = str(value).strip() if value is not None else ""
        if text and clean(text) and text not in self.entity.notes:
            self.entity.notes.append(text)

    def build(self) -> ListEntity | None:
        return self.entity if self.entity.names else None


def display_name(path: str | Path) -> str:
    return Path(path).name
