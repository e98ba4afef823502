"""Dates as lists write them → ISO 8601, possibly partial ("1960", "1960-05", "1960-05-12").

Handles Japanese (``1941年8月20日``, ``1963年頃``, ``1955年-1958年頃``, full-width digits), Western
(``10 Jul 1942``, ``Born on 10 July 1942``, ``12/31/1960``), ISO, ``2002.3.1`` (MOF 告示日付), Excel
serial day numbers and ``datetime`` values from spreadsheets. Year ranges are expanded to every year
when short (≤ 12 years) so that a matcher sees each candidate year; otherwise to their two ends.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january", "janvier", "enero"),
            ("feb", "february", "février", "fevrier", "febrero"),
            ("mar", "march", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "junio"),
            ("jul", "july", "juillet", "julio"),
            ("aug", "august", "août", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "décembre", "decembre", "diciembre"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_RANGE_EXPANSION = 12

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月"), "ym"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<![\d.])(\d{4})\.(\d{1,2})\.(\d{1,2})(?![\d.])"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)"), "mdy_or_dmy"),
    (re.compile(r"(?<!\d)(\d{1,2})[.](\d{1,2})[.](\d{4})(?!\d)"), "dmy"),
    (
        re.compile(
            rf"(?<![\w])(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+({_MONTH_RE})\.?[\s,-]+(\d{{4}})(?!\d)", re.I
        ),
        "d_mon_y",
    ),
    (re.compile(rf"(?<![\w])({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.I), "mon_d_y"),
    (re.compile(rf"(?<![\w])({_MONTH_RE})\.?[\s,-]+(\d{{4}})(?!\d)", re.I), "mon_y"),
    (re.compile(r"(?<!\d)(\d{4})(?:\s*年)?\s*(?:-|–|~|〜|～|から|to|and)\s*(\d{4})(?!\d)", re.I), "range"),
    (re.compile(r"(?<![\d.])(\d{4})(?![\d./-]\d)"), "y"),
]


def _valid(y: int, m: int = 1, d: int = 1) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return 1800 <= y <= 2100


def excel_serial(value: float) -> str | None:
    """A spreadsheet day number (days since 1899-12-30) as an ISO date, when plausible."""
    if 300 <= value <= 80000 and float(value).is_integer():
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    return None


def parse_dates(value: object) -> list[str]:
    """All dates found in ``value``, ISO formatted, in order of appearance, without duplicates."""
    if value is None:
        return []
    if isinstance(value, dt.datetime):
        return [value.date().isoformat()]
    if isinstance(value, dt.date):
        return [value.isoformat()]
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        if 1800 <= value <= 2100 and float(value).is_integer():
            return [str(int(value))]
        found = excel_serial(value)
        return [found] if found else []
    text = unicodedata.normalize("NFKC", str(value))
    stripped = text.strip()
    if stripped.isdigit() and len(stripped) == 5:  # serial stored as text
        found = excel_serial(int(stripped))
        return [found] if found else []
    hits: list[tuple[int, list[str]]] = []
    taken = [False] * len(text)
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            out = _convert(kind, m.groups())
            if out is None:
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            hits.append((m.start(), out))
    result: list[str] = []
    for _, out in sorted(hits, key=lambda h: h[0]):
        for d in out:
            if d not in result:
                result.append(d)
    return result


def _convert(kind: str, g: tuple[str, ...]) -> list[str] | None:
    if kind == "ymd":
        y, m, d = int(g[0]), int(g[1]), int(g[2])
        return [f"{y:04d}-{m:02d}-{d:02d}"] if _valid(y, m, d) else None
    if kind == "ym":
        y, m = int(g[0]), int(g[1])
        return [f"{y:04d}-{m:02d}"] if _valid(y, m) else None
    if kind == "dmy":
        d, m, y = int(g[0]), int(g[1]), int(g[2])
        return [f"{y:04d}-{m:02d}-{d:02d}"] if _valid(y, m, d) else None
    if kind == "mdy_or_dmy":  # US lists write month first; fall back to day first when impossible
        a, b, y = int(g[0]), int(g[1]), int(g[2])
        if _valid(y, a, b):
            return [f"{y:04d}-{a:02d}-{b:02d}"]
        if _valid(y, b, a):
            return [f"{y:04d}-{b:02d}-{a:02d}"]
        return None
    if kind == "d_mon_y":
        d, m, y = int(g[0]), _MONTHS[g[1].lower()], int(g[2])
        return [f"{y:04d}-{m:02d}-{d:02d}"] if _valid(y, m, d) else None
    if kind == "mon_d_y":
        m, d, y = _MONTHS[g[0].lower()], int(g[1]), int(g[2])
        return [f"{y:04d}-{m:02d}-{d:02d}"] if _valid(y, m, d) else None
    if kind == "mon_y":
        m, y = _MONTHS[g[0].lower()], int(g[1])
        return [f"{y:04d}-{m:02d}"] if _valid(y, m) else None
    if kind == "range":
        a, b = int(g[0]), int(g[1])
        if not (_valid(a) and _valid(b)) or b < a:
            return None
        return year_range(a, b)
    if kind == "y":
        y = int(g[0])
        return [f"{y:04d}"] if _valid(y) else None
    return None


def year_range(start: int, end: int) -> list[str]:
    """Years from ``start`` to ``end`` inclusive, or only the two ends when the span is long."""
    if end - start <= MAX_RANGE_EXPANSION:
        return [str(y) for y in range(start, end + 1)]
    return [str(start), str(end)]


def first_date(value: object) -> str:
    found = parse_dates(value)
    return found[0] if found else ""
