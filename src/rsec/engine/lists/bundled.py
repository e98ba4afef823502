"""Watch-list editions shipped with rsec (同梱リスト): real files in their published formats, so that a fresh
installation screens against Japan's, the UN's and the US lists before an officer loads newer editions.

They are snapshots of the day written beside each; lists change, so an officer loads the current edition
(upload page, API or ``rsec load_list``) and re-screening raises what changed. Sources and licences are in
``rsec/data/lists/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "lists"


@dataclass(frozen=True)
class BundledList:
    file: str  # path under DATA_DIR (a folder for OFAC's legacy CSV)
    format: str  # reader name (rsec.engine.lists.readers.FORMATS)
    #: the edition's date, ISO; None where only the file can say (the reader's date, if any, is used)
    published: str | None
    title: str

    @property
    def path(self) -> Path:
        return DATA_DIR / self.file

    @property
    def spec(self) -> str:
        return f"{self.path}:{self.format}"


BUNDLED: tuple[BundledList, ...] = (
    BundledList("meti_end_user_list_2025-09-29.xlsx", "meti_eul", "2025-09-29", "METI 外国ユーザーリスト / End User List"),
    BundledList("mof_asset_freeze_2026-03-05.xlsx", "mof_af", "2026-03-05", "財務省 資産凍結等の対象者リスト"),
    BundledList("un_sc_consolidated_2026-02-27.xml", "un_sc", "2026-02-27", "UN Security Council Consolidated List"),
    BundledList("us_csl/csl_sample.csv", "us_csl", None, "US Consolidated Screening List (sample)"),
    BundledList("us_bis_dpl.txt", "bis_dpl", None, "US BIS Denied Persons List"),
    BundledList("ofac_sdn_2021", "ofac_sdn", None, "US OFAC SDN List (2021 edition)"),
    BundledList(
        "aspi_china_defence_universities_misp.json", "aspi", None, "ASPI China Defence Universities Tracker"
    ),
)  # fmt: skip


def bundled_lists() -> list[BundledList]:
    """The shipped editions whose files are present (all of them in an installed package)."""
    return [b for b in BUNDLED if b.path.exists()]
