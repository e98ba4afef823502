"""Country names as lists write them (English, Japanese, UN style) → ISO 3166-1 alpha-2, lower case.

The base table is CLDR's territory names in English and Japanese (through ``babel``); the
aliases below are the forms the lists actually use that CLDR spells differently.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ALIASES: dict[str, str] = {
    # UN / OFAC / METI English forms
    "iran (islamic republic of)": "ir",
    "islamic republic of iran": "ir",
    "democratic people's republic of korea": "kp",
    "korea, north": "kp",
    "north korea": "kp",
    "dprk": "kp",
    "korea, democratic people's republic of": "kp",
    "republic of korea": "kr",
    "korea, south": "kr",
    "south korea": "kr",
    "korea, republic of": "kr",
    "russian federation": "ru",
    "syrian arab republic": "sy",
    "türkiye": "tr",
    "virgin islands, british": "vg",
    "british virgin islands": "vg",
    "virgin islands, u.s.": "vi",
    "prc": "cn",
    "saint kitts and nevis": "kn",
    "saint lucia": "lc",
    "saint vincent and the grenadines": "vc",
    "sao tome and principe": "st",
    "antigua and barbuda": "ag",
    "trinidad and tobago": "tt",
    "bosnia and herzegovina": "ba",
    "heard island and mcdonald islands": "hm",
    "wallis and futuna": "wf",
    "turks and caicos islands": "tc",
    "st. kitts and nevis": "kn",
    "turkey": "tr",
    "china, hong kong special administrative region": "hk",
    "hong kong sar": "hk",
    "china, macao special administrative region": "mo",
    "turkiye": "tr",
    "united kingdom of great britain and northern ireland": "gb",
    "united kingdom": "gb",
    "uk": "gb",
    "united states of america": "us",
    "united states": "us",
    "usa": "us",
    "viet nam": "vn",
    "lao people's democratic republic": "la",
    "state of palestine": "ps",
    "palestinian": "ps",
    "united republic of tanzania": "tz",
    "democratic republic of the congo": "cd",
    "congo, democratic republic of the": "cd",
    "drc": "cd",
    "congo": "cg",
    "republic of the congo": "cg",
    "bolivia (plurinational state of)": "bo",
    "venezuela (bolivarian republic of)": "ve",
    "republic of moldova": "md",
    "burma": "mm",
    "ivory coast": "ci",
    "cote d'ivoire": "ci",
    "czech republic": "cz",
    "macedonia": "mk",
    "the former yugoslav republic of macedonia": "mk",
    "people's republic of china": "cn",
    "china": "cn",
    "hong kong": "hk",
    "macau": "mo",
    "taiwan": "tw",
    "gaza": "ps",
    "west bank": "ps",
    "brunei darussalam": "bn",
    "micronesia (federated states of)": "fm",
    "holy see": "va",
    # Japanese forms used by METI and MOF
    "北朝鮮": "kp",
    "朝鮮民主主義人民共和国": "kp",
    "韓国": "kr",
    "大韓民国": "kr",
    "中国": "cn",
    "中華人民共和国": "cn",
    "ロシア": "ru",
    "ロシア連邦": "ru",
    "イラン": "ir",
    "イラン・イスラム共和国": "ir",
    "クウェイト": "kw",
    "コンゴ民主共和国": "cd",
    "コンゴ共和国": "cg",
    "中央アフリカ共和国": "cf",
    "中央アフリカ": "cf",
    "南スーダン": "ss",
    "スーダン": "sd",
    "英国": "gb",
    "イギリス": "gb",
    "米国": "us",
    "アメリカ": "us",
    "アメリカ合衆国": "us",
    "香港": "hk",
    "台湾": "tw",
    "パレスチナ": "ps",
    "ユーゴスラビア": "rs",
    "ユーゴースラヴィア": "rs",
    "セルビア": "rs",
    "ボスニア・ヘルツェゴビナ": "ba",
    "コートジボワール": "ci",
    "トルコ": "tr",
    "シリア": "sy",
    "サウディ・アラビア": "sa",
    "サウジ・アラビア": "sa",
    "グルジア": "ge",
    "ウクライナ": "ua",
    "ベラルーシ": "by",
}


def address_country(address: str) -> str | None:
    """Country of a postal address: its last comma-separated part ("…, Moscow, Russian Federation"),
    or, for Japanese addresses, the country name it starts with ("北朝鮮平壌特別市…")."""
    text = unicodedata.normalize("NFKC", address).strip().rstrip(".")
    if not text:
        return None
    last = re.split(r"[,、]", text)[-1].strip()
    code = country_code(last) if last else None
    if code is None and not text[:1].isascii():
        code = country_code(text)
    return code


_PREFIXES = (
    "islamic republic of ",
    "people's republic of ",
    "democratic republic of ",
    "arab republic of ",
    "federal republic of ",
    "republic of the ",
    "republic of ",
    "kingdom of ",
    "state of ",
    "the ",
)
_JA_AFFIXES = ("人民共和国", "民主共和国", "連邦共和国", "共和国", "王国", "連邦", "国", "人")

_SPLIT = re.compile(r"[、;；\n／/]|\(\s*[a-zA-Z]\s*\)|（\s*[a-zA-Z]\s*）")
_UNKNOWN = {"", "不明", "unknown", "na", "n/a", "-", "-0-", "none"}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("&", " and ")
    text = text.strip().strip(".,、。").strip()
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from babel import Locale

    table: dict[str, str] = {}
    for lang in ("en", "ja"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "XA", "XB"):
                table.setdefault(_key(name), code.lower())
                # CLDR adds qualifiers: "Congo (DRC)", "コンゴ民主共和国(キンシャサ)"
                short = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", name)
                table.setdefault(_key(short), code.lower())
    for code in list(table.values()):
        table.setdefault(code, code)
    for name, code in _ALIASES.items():
        table[_key(name)] = code
    return table


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 (lower case) for one country name or code, or None when it is not one."""
    key = _key(text)
    if key in _UNKNOWN:
        return None
    table = _table()
    if key in table:
        return table[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and key[len(prefix) :] in table:
            return table[key[len(prefix) :]]
    # "エジプトEgypt": Japanese followed by English in one cell
    m = re.match(r"^([^\x00-\x7f]+)\s*([A-Za-z][A-Za-z .,'()-]*)$", key)
    if m:
        return country_code(m.group(1)) or country_code(m.group(2))
    if not key.isascii():
        for affix in _JA_AFFIXES:
            if key.endswith(affix) and len(key) > len(affix) + 1:
                found = table.get(key[: -len(affix)])
                if found:
                    return found
        # "スーダン人（生まれ）", "ルワンダ共和国北部州": longest known Japanese name at the start
        best = ""
        for name in table:
            if not name.isascii() and len(name) > len(best) and key.startswith(name):
                best = name
        if len(best) >= 2:
            return table[best]
    return None


def countries_in(text: str) -> tuple[list[str], list[str]]:
    """Split a cell that may name several countries; return (codes, unresolved parts)."""
    codes: list[str] = []
    rest: list[str] = []
    whole = country_code(text)
    parts = [text] if whole else _SPLIT.split(text)
    for part in parts:
        code = country_code(part)
        if not code:
            part = part.strip().strip("()（）,、").strip()
            code = country_code(part)
        if _key(part) in _UNKNOWN:
            continue
        if code:
            if code not in codes:
                codes.append(code)
        elif part not in rest:
            rest.append(part)
    return codes, rest
