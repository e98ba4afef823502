"""A case person's declaration as the engine's PERSON.json (``rsec/engine/indicators/person.schema.json``).

Declaration rows map onto the schema's sections; every item's ``id`` is ``decl-<pk>`` (``partner-<pk>`` for
the case's partner institutions) so that a finding names the row it contradicts:

=====================  ==========================================================================
category               PERSON.json
=====================  ==========================================================================
education              ``affiliations`` (kind ``education``; institution = counterpart, else title)
research_history       ``affiliations`` (kind ``employment``; ``concurrent`` / ``visiting`` /
                       ``honorary`` when the role says 兼 / 客員 / 名誉)
grant                  ``grants`` (funder = counterpart, else title; award id = identifier)
non_grant_support      ``support`` (provider = counterpart, else title; kind from the wording:
                       給与 salary, 奨学 scholarship, 寄附 donation, 兼 concurrent post, 名誉 honorary)
talent_programme       ``talent_programmes`` (name = title, sponsor = counterpart)
patent                 ``patents`` (number = identifier, applicants = counterpart, filed = start)
publication            not in the schema: shown in the declared-vs-found comparison only
disciplinary           not in the schema: shown in the comparison only
=====================  ==========================================================================

Declared institutions are written as declared (often only in Japanese). Works name institutions in
English, so each affiliation and partner is completed with the other names and the ROR id of the same
institution: from the person's own organisation when the declared name is one of its names, else
through ``resolve`` (the app passes the ROR affiliation matcher when a ROR registry is configured).

The schema has no place for names of people other than the researcher, and ``person_id`` is the case
reference and the row number — never a name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rsec.app.cases import models as cm
from rsec.engine.indicators.declaration import validate_declaration

NOT_EXPORTED = ("publication", "disciplinary")


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _put(out: dict, **fields) -> dict:
    """Add the non-empty fields (the schema treats missing and empty alike, but keeps output small)."""
    out.update({k: v for k, v in fields.items() if v not in ("", None, [])})
    return out


def _affiliation_kind(d: cm.Declaration) -> str:
    if d.category == cm.Declaration.Category.EDUCATION:
        return "education"
    text = f"{d.role} {d.title}"
    if "名誉" in text or "honorary" in text.casefold():
        return "honorary"
    if "客員" in text or "visiting" in text.casefold():
        return "visiting"
    if "兼" in text or "concurrent" in text.casefold():
        return "concurrent"
    return "employment"


SUPPORT_WORDS = (
    ("給与", "salary"),
    ("salary", "salary"),
    ("奨学", "scholarship"),
    ("scholarship", "scholarship"),
    ("寄附", "donation"),
    ("寄付", "donation"),
    ("donation", "donation"),
    ("物品", "equipment"),
    ("設備", "equipment"),
    ("equipment", "equipment"),
    ("名誉", "honorary_title"),
    ("honorary", "honorary_title"),
    ("兼", "concurrent_post"),
    ("旅費", "travel"),
    ("travel", "travel"),
)


def _support_kind(d: cm.Declaration) -> str:
    text = f"{d.role} {d.title} {d.details}".casefold()
    for word, kind in SUPPORT_WORDS:
        if word in text:
            return kind
    return "other"


Resolver = Callable[[str], "tuple[str, list[str], str] | None"]  # name -> (ror id, other names, country)


def _complete(item: dict, key: str, resolve: Resolver | None, own) -> None:
    """Add ``institution_names``, ``ror`` and ``country`` of the institution named in ``item[key]``."""
    name = item.get(key, "")
    found = None
    if own is not None and name and name in {own.name_ja, own.name_en}:
        found = (own.ror_id or "", [x for x in (own.name_ja, own.name_en) if x], own.country or "")
    elif resolve is not None and name:
        found = resolve(name)
    if not found:
        return
    ror, names, country = found
    others = [n for n in dict.fromkeys(names) if n and n != name]
    if others:
        item["institution_names"] = sorted(set(item.get("institution_names", [])) | set(others))
    short = ror.rsplit("/", 1)[-1]
    if short and not item.get("ror"):
        item["ror"] = short
    if country and not item.get("country"):
        item["country"] = country.upper()


def _item(d: cm.Declaration) -> tuple[str, dict] | None:
    C = cm.Declaration.Category
    ref = f"decl-{d.pk}"
    country = d.country.upper()
    start, end = _date(d.start_date), _date(d.end_date)
    if d.category in (C.EDUCATION, C.RESEARCH_HISTORY):
        institution = d.counterpart or d.title
        title = d.role or (d.title if d.counterpart else "")
        return "affiliations", _put(
            {"id": ref, "institution": institution, "kind": _affiliation_kind(d)},
            country=country,
            title=title,
            start=start,
            end=end,
        )
    if d.category == C.GRANT:
        return "grants", _put(
            {"id": ref, "funder": d.counterpart or d.title, "status": "awarded"},
            funder_country=country,
            title=d.title if d.counterpart else "",
            award_id=d.identifier,
            role=d.role,
            start=start,
            end=end,
        )
    if d.category == C.NON_GRANT_SUPPORT:
        description = " / ".join(x for x in (d.title if d.counterpart else "", d.details) if x)
        return "support", _put(
            {"id": ref, "provider": d.counterpart or d.title, "kind": _support_kind(d)},
            provider_country=country,
            description=description,
            start=start,
            end=end,
        )
    if d.category == C.TALENT_PROGRAMME:
        return "talent_programmes", _put(
            {"id": ref, "name": d.title},
            country=country,
            sponsor=d.counterpart,
            start=start,
            end=end,
        )
    if d.category == C.PATENT:
        return "patents", _put(
            {"id": ref},
            number=d.identifier,
            title=d.title,
            applicants=[d.counterpart] if d.counterpart else [],
            countries=[country] if country else [],
            filed=start,
        )
    return None


def person_json(
    person: cm.Person,
    case: cm.Case | None = None,
    *,
    declared_at: dt.date | None = None,
    resolve: Resolver | None = None,
) -> dict:
    """PERSON.json of ``person`` (with the partner institutions of ``case``), validated against the schema.

    Raises :class:`rsec.engine.indicators.DeclarationError` naming the JSON path of a bad element.
    """
    names: dict = {}
    kanji = f"{person.family_name} {person.given_name}".strip()
    kana = f"{person.family_name_kana} {person.given_name_kana}".strip()
    latin = person.latin_name
    _put(names, kanji=kanji, kana=kana, latin=latin)
    ids = _put(
        {},
        orcid=person.orcid,
        kaken=person.kaken_id,
        researchmap=person.researchmap_id,
        erad=person.erad_number,
    )
    data: dict = {
        "schema_version": "1",
        "person_id": f"{case.reference}/{person.pk}" if case else f"person/{person.pk}",
        "declared_at": (declared_at or dt.date.today()).isoformat(),
        "names": names,
        "ids": ids,
        "affiliations": [],
        "grants": [],
        "support": [],
        "talent_programmes": [],
        "patents": [],
    }
    for d in person.declarations.order_by("id"):
        mapped = _item(d)
        if mapped is not None:
            section, item = mapped
            if section == "affiliations":
                _complete(item, "institution", resolve, person.organization)
            data[section].append(item)
    if case is not None:
        data["partners"] = [
            _put(
                {"id": f"partner-{p.pk}", "institution": p.name_ja},
                institution_names=[p.name_en] if p.name_en else [],
                country=p.country.upper(),
            )
            for p in case.partner_set.order_by("id")
        ]
        for item in data["partners"]:
            _complete(item, "institution", resolve, None)
    validate_declaration(data, f"person {person.pk}")
    return data
