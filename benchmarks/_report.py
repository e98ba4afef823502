"""Writing benchmark results into ``docs/benchmarks.md``.

Each benchmark owns one section, delimited by ``<!-- BEGIN name -->`` / ``<!-- END name -->``,
so benchmarks can be re-run independently. Every section carries the machine and the date,
because figures from these small, noisy machines only mean something beside them.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
SHARED_DATA = Path(os.environ.get("RSEC_SHARED_DATA", ROOT.parent / "shared" / "data"))

HEADER = """# Benchmarks

Every figure below was measured by the script named in its section, on the machine and date printed
beside it. Timings are also given as ratios against a baseline measured in the same run, because
absolute timings on these small shared machines are noisy. Re-run a script to refresh its section.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def table(headers: list[str], rows: list[list[object]]) -> str:
    def fmt(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 100 else f"{v:,.0f}"
        return str(v)

    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


def write_section(name: str, title: str, body: str, script: str) -> None:
    """Replace (or append) the section ``name`` of docs/benchmarks.md and print it."""
    now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"<!-- BEGIN {name} -->\n## {title}\n\n"
        f"Script: `{script}` · measured {now} · machine: {machine()}\n\n{body.strip()}\n<!-- END {name} -->"
    )
    print(section)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    pattern = re.compile(rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")
