"""The researcher's declaration (研究者の申告) read from PERSON.json.

The schema is ``person.schema.json`` beside this module (JSON Schema 2020-12); the case app exports
exactly this shape. Every declared item gets a stable reference (its ``id`` or, when absent,
``"<section>[<index>]"``) so that a finding can name the declaration item it contradicts.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("person.schema.json")
SECTIONS = ("affiliations", "grants", "support", "talent_programmes", "patents", "partners")


class DeclarationError(ValueError):
    """A PERSON.json that cannot be read: names the file and the JSON path of the bad element/field."""

    def __init__(self, file: str, where: str, message: str):
        self.file, self.where, self.message = file, where, message
        super().__init__(f"{file}: {where or '(document)'}: {message}")


@lru_cache(maxsize=1)
def person_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass
class DeclaredItem:
    """One declared item: its section, reference and the declared fields (as in PERSON.json)."""

    section: str  # affiliations | grants | support | talent_programmes | patents
    ref: str  # item id, or "affiliations[0]"
    data: dict[str, Any]

    def get(self, key: str, default: Any = "") -> Any:
        return self.data.get(key, default)

    @property
    def label(self) -> str:
        d = self.data
        main = (
            d.get("institution")
            or d.get("funder")
            or d.get("provider")
            or d.get("name")
            or d.get("number")
            or d.get("title", "")
        )
        extra = d.get("programme") or d.get("award_id") or d.get("title") or d.get("kind") or ""
        span = "–".join(x for x in (d.get("start", ""), d.get("end", "")) if x)
        return " / ".join(x for x in (main, extra if extra != main else "", span) if x)

    def as_dict(self) -> dict:
        return {"section": self.section, "ref": self.ref, "label": self.label}


@dataclass
class Declaration:
    """A researcher's declaration: names, identifiers and the declared items by section."""

    names: dict[str, Any]
    ids: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[DeclaredItem]] = field(default_factory=dict)
    person_id: str = ""
    declared_at: str = ""
    source: str = ""

    def all_names(self) -> list[str]:
        out = [self.names.get(k, "") for k in ("kanji", "latin", "kana")]
        out += list(self.names.get("other", []))
        return [n for n in out if n]

    def section(self, name: str) -> list[DeclaredItem]:
        return self.items.get(name, [])

    @property
    def orcid(self) -> str:
        return (self.ids.get("orcid") or "").replace("https://orcid.org/", "")

    def reference_date(self) -> _dt.date:
        """End of the look-back window: the declaration date, else today."""
        if self.declared_at:
            parts = [int(x) for x in self.declared_at.split("-")]
            if len(parts) == 1:
                return _dt.date(parts[0], 12, 31)
            if len(parts) == 2:
                return _dt.date(parts[0], parts[1], 28)
            return _dt.date(*parts)
        return _dt.date.today()

    @classmethod
    def from_dict(cls, data: Any, source: str = "<memory>") -> Declaration:
        validate_declaration(data, source)
        items = {
            sec: [
                DeclaredItem(sec, d.get("id") or f"{sec}[{i}]", dict(d))
                for i, d in enumerate(data.get(sec, []))
            ]
            for sec in SECTIONS
        }
        return cls(
            names=dict(data["names"]),
            ids={k: v for k, v in data.get("ids", {}).items() if v},
            items=items,
            person_id=data.get("person_id", ""),
            declared_at=data.get("declared_at", ""),
            source=source,
        )


def validate_declaration(data: Any, source: str = "<memory>") -> None:
    """Raise :class:`DeclarationError` for the first schema violation, naming its JSON path."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(person_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "".join(
            f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
            for i, p in enumerate(err.absolute_path)
        )
        raise DeclarationError(source, where, err.message)


def load_declaration(path: str | Path) -> Declaration:
    """Read and validate PERSON.json."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeclarationError(str(p), "", "file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DeclarationError(str(p), "", f"invalid JSON: {exc}") from None
    return Declaration.from_dict(data, str(p))
