"""Each watch-list reader on a small cut of the real published file (P-3: screen people and partner
institutions against Japan's, the UN's and partner countries' lists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rsec.engine.lists.readers import FORMATS, detect_format, parse_list_spec, read_list

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "lists"


def by_id(path: Path, fmt: str | None = None) -> dict:
    entities = list(read_list(path, fmt))
    ids = [e.id for e in entities]
    assert len(ids) == len(set(ids)), "ids must be unique within a list"
    return {e.id: e for e in entities}


def names(entity, kind: str | None = None) -> list[str]:
    return [n.value for n in entity.names if kind is None or n.kind == kind]


def test_un_sc_individuals_entities_aliases_and_original_script():
    """P-3 UN list: INDIVIDUAL/ENTITY, alias quality good/low, NAME_ORIGINAL_SCRIPT, documents, dates."""
    es = by_id(FIX / "un_sc_cut_2026-02-27.xml")
    aziz = es["un-sc:IQi.025"]
    assert aziz.schema == "Person"
    assert aziz.caption == "TARIQ AZIZ"
    assert [(n.value, n.script) for n in aziz.names if n.kind == "original_script"] == [("طارق عزيز", "Arab")]
    assert aziz.birth_dates == ["1936-07-01"]
    assert aziz.countries == ["iq"]
    assert aziz.identifiers["passportNumber"] == ["No34409/129"]
    assert aziz.listing_date == "2003-06-27"
    assert aziz.source.startswith("un_sc_cut_2026-02-27.xml#INDIVIDUAL[")

    taganda = es["un-sc:CDi.030"]
    assert "Terminator" in names(taganda, "weak_alias")  # quality Low
    assert "Bosco Ntaganda" in names(taganda, "alias")  # quality Good
    assert taganda.birth_dates == ["1973", "1974"]  # TYPE_OF_DATE BETWEEN 1973 and 1974

    badege = es["un-sc:CDi.001"]
    assert badege.birth_dates == ["1971"]  # YEAR only
    assert badege.countries == ["cd", "rw"]  # nationality "Democratic Republic of the Congo", address Rwanda

    adf = es["un-sc:CDe.001"]
    assert adf.schema == "Organization"
    assert "NALU" in names(adf, "previous")  # f.k.a.
    assert "Allied Democratic Forces" in names(adf, "alias")  # a.k.a.
    komid = es["un-sc:KPe.001"]
    assert komid.countries == ["kp"] and komid.programmes == ["DPRK"]


def test_meti_end_user_list():
    """P-3 METI End User List: country, name with its CJK form, several aliases, WMD concern types."""
    es = list(read_list(FIX / "meti_eul_cut_2025-09-29.xlsx"))
    assert len(es) == 9
    koryo = next(e for e in es if e.caption == "Air Koryo")
    assert koryo.countries == ["kp"]
    assert names(koryo, "original_script") == ["高麗航空"]
    assert names(koryo, "alias") == ["Airkoryo"]
    assert set(koryo.topics) >= {"export.control", "wmd:nuclear", "wmd:missile", "wmd:biological"}
    qaeda = next(e for e in es if e.caption.startswith("Al Qa'ida"))
    assert len(names(qaeda, "alias")) == 8  # "・A\n・B…" split into eight aliases
    assert "arms:conventional" in qaeda.topics
    novator = next(e for e in es if "Novator" in e.caption)
    assert names(novator, "alias") == ["Novator Design Bureau", "JSC OKB Novator"]  # "…; and\n・…"
    zhejiang = next(e for e in es if e.caption.startswith("ZHEJIANG"))
    assert zhejiang.countries == ["cn"] and names(zhejiang, "original_script") == ["浙江轻机实业有限公司"]
    assert all(e.id.startswith("meti-eul:") for e in es)
    # ids do not depend on the row number (the list renumbers every revision)
    assert koryo.id == by_id(FIX / "meti_eul_cut_2025-09-29.xlsx")[koryo.id].id
    assert koryo.source.endswith("ユーザーリスト!5")


def test_mof_katakana_and_english_names_are_one_entity():
    """P-3 MOF asset-freeze list: the katakana and English forms of a party are names of one entity."""
    es = by_id(FIX / "mof_af_cut_2026-03-05.xlsx")
    putin = es["mof-af:29-1"]
    assert [(n.value, n.lang, n.script) for n in putin.names] == [
        ("Vladimir Putin", "en", "Latn"),
        ("ウラジーミル・プーチン", "ja", "Kana"),
    ]
    assert putin.schema == "Person"
    assert putin.birth_dates == ["1952-10-07"]  # a datetime cell
    assert putin.listing_date == "2022-03-01"  # 告示日付 2022.3.1

    fawaz = es["mof-af:3-3"]  # 告示番号 "3(*290)"
    assert "アブド・エル・カーデル・マフムード・モハメド・エッサイード" in names(fawaz)
    assert "ABD EL KADER MAHMOUD MOHAMED EL SAYED" == fawaz.caption
    assert names(fawaz, "original_script") == ["عبد القادر محمود محمد السيد"]  # "(original script: …)"
    assert "Abdel Khader Mahmoud Mohamed el Sayed" in names(fawaz, "alias")
    assert fawaz.countries == ["eg"]  # "エジプトEgypt"
    assert fawaz.birth_dates == ["1962-12-26"]


def test_mof_sheet_layouts_dates_aliases_and_kinds():
    """P-3 MOF: header row and columns found per sheet; Japanese dates, Excel serials, ranges; deletions."""
    es = by_id(FIX / "mof_af_cut_2026-03-05.xlsx")
    # every kept sheet read, the index sheet and lifted (解除) sheets skipped
    assert {i.split(":")[1].split("-")[0] for i in es} == {"1", "2", "3", "4", "15", "21", "28", "29", "43"}
    assert es["mof-af:1-1"].birth_dates == ["1941-08-20"]  # 1941年8月20日…生
    assert es["mof-af:15-1"].birth_dates == ["1944-10-13"]  # Excel serial number 16358
    akhund = es["mof-af:2-2"]
    assert akhund.birth_dates[:4] == ["1955", "1956", "1957", "1958"]  # (a)1955年-1958年頃
    assert "1945" in akhund.birth_dates  # (b)１945年-1950年頃 (full-width digit)
    assert akhund.countries == ["af"]
    # a sheet of individuals and entities: decided per row
    assert es["mof-af:2-166"].schema == "Organization"
    assert es["mof-af:2-2"].schema == "Person"
    assert es["mof-af:28-1"].schema == "Organization" and es["mof-af:28-1"].countries == ["ru"]
    # deleted (削除) and vacated numbers are not entities
    assert "mof-af:2-272" not in es and "mof-af:2-274" not in es
    # "(a)…(b)…" in both scripts, a.k.a. blocks
    hasan = es["mof-af:4-2"]
    assert {"アフメド・ガルバヤ", "サミール・サルワン", "Ahmed Garbaya", "Samir Salwwan"} <= set(
        names(hasan, "alias")
    )
    yun = es["mof-af:15-1"]
    assert set(names(yun, "alias")) == {"ユン・ホチン", "Yun Ho-chin"}
    # a row continuing the previous entry (ソマリア) is added to its notes
    shabaab = es["mof-af:21-1"]
    assert len(shabaab.notes) >= 2 and any("人道支援" in n for n in shabaab.notes)
    assert shabaab.source.endswith("21.ソマリア!B3")


def test_ofac_sdn_legacy_csv_joined_by_ent_num():
    """P-3 OFAC SDN: sdn + alt + add joined; -0- empty; DOB / nationality / passport from remarks."""
    es = by_id(FIX / "ofac_sdn")
    assert by_id(FIX / "ofac_sdn" / "sdn.csv").keys() == es.keys()
    bank = es["ofac-sdn:306"]
    assert names(bank, "alias") == ["NATIONAL BANK OF CUBA"]
    assert names(bank, "weak_alias") == ["BNC"]  # remarks: "a.k.a. 'BNC'."
    assert bank.schema == "Organization" and "jp" in bank.countries  # from add.csv
    assert any("Tokyo" in a for a in bank.addresses)
    assert es["ofac-sdn:4234"].schema == "Vessel" and es["ofac-sdn:4234"].identifiers["callSign"] == [
        "CL2685"
    ]
    sharif = es["ofac-sdn:6944"]
    assert sharif.schema == "Person"
    assert "1964-02-11" in sharif.birth_dates and "1969" in sharif.birth_dates
    assert sharif.identifiers["passportNumber"] == ["B 960789", "G 649385"]
    assert sharif.countries == ["sa"]


def test_bis_denied_persons_list():
    """P-3 BIS Denied Persons List (tab-separated)."""
    es = list(read_list(FIX / "us_bis_dpl_cut.txt"))
    assert len(es) == 7
    ash = es[0]
    assert ash.caption == "I. ASH" and ash.countries == ["us"] and ash.listing_date == "2003-06-19"
    assert ash.addresses[0].startswith("UPON THE DATE OF THE ORDER")
    assert all(e.id.startswith("bis-dpl:") for e in es)
    assert ash.id == list(read_list(FIX / "us_bis_dpl_cut.txt"))[0].id  # stable
    villa = es[1]
    assert villa.countries == ["us"]  # no country given, but a US state (TX)


def test_bis_ids_survive_an_address_change(tmp_path):
    """P-6: an updated address is a change of the same entity, not a removal plus an addition."""
    text = (FIX / "us_bis_dpl_cut.txt").read_text(encoding="utf-8")
    moved = tmp_path / "dpl.txt"
    moved.write_text(text.replace("3415 RIVERA AVENUE", "1 NEW STREET"), encoding="utf-8")
    old = {e.id: e for e in read_list(FIX / "us_bis_dpl_cut.txt")}
    new = {e.id: e for e in read_list(moved)}
    assert old.keys() == new.keys()
    changed = [i for i in old if old[i].content_hash() != new[i].content_hash()]
    assert len(changed) == 1 and new[changed[0]].caption == "AARON ABRAHAM VILLA"


def test_us_consolidated_screening_list():
    """P-3 US CSL (Entity List, SDN, …) in both export layouts."""
    es = by_id(FIX / "us_csl_cut.csv")
    cetc = next(e for e in es.values() if e.caption.startswith("54th Research Institute"))
    assert "Communication, Telemetry and Telecontrol Research Institute (CTI)" in names(cetc, "alias")
    assert "Shijiazhuang Communication Observation and Control Technology Institute" in names(cetc, "alias")
    assert cetc.countries == ["cn"] and cetc.topics == ["export.control"]
    plc = es["us-csl:PLC-9673"]
    assert plc.schema == "Person" and plc.birth_dates == ["1955"]
    vessel = es["us-csl:SDN-23156"]
    assert vessel.schema == "Vessel" and vessel.identifiers["registrationNumber"] == ["IMO 8898831"]
    other = by_id(FIX / "us_csl_consolidated_sample.csv")  # with the leading _id column
    assert "us-csl:PLC-9673" in other
    assert len(other) == 13


def test_opensanctions_ftm_and_simple_csv():
    """OpenSanctions FtM entities (only party schemata) and targets.simple.csv (synthetic files)."""
    ftm = by_id(FIX / "os_synthetic.ftm.json")
    assert set(ftm) == {"opensanctions:Q900000001", "opensanctions:Q900000003"}  # Position skipped
    person = ftm["opensanctions:Q900000001"]
    assert names(person) == ["Hanna Testperson", "ハンナ・テストパーソン", "H. Testperson"]
    assert person.countries == ["fi"] and person.birth_dates == ["1971-03-04"]
    assert names(ftm["opensanctions:Q900000003"], "weak_alias") == ["EHO"]
    simple = by_id(FIX / "os_synthetic.targets.simple.csv")
    ivan = simple["opensanctions:NK-invented0002"]
    assert names(ivan, "alias") == ["Иван Примеров", "Ivan Primeroff"]
    assert ivan.names[1].script == "Cyrl"
    assert ivan.birth_dates == ["1968-07-01", "1969"]
    assert simple["opensanctions:NK-invented0001"].countries == ["ae", "ru"]
    assert simple["opensanctions:NK-invented0003"].schema == "Vessel"


def test_aspi_defence_universities():
    """P-3 partner institutions: ASPI tracker categories become topics; Chinese names kept."""
    es = list(read_list(FIX / "aspi_cut.json"))
    heu = next(e for e in es if e.caption == "Harbin Engineering University")
    assert names(heu, "original_script") == ["哈尔滨工程大学"]
    assert heu.names[1].lang == "zh" and heu.names[1].script == "Hani"
    assert "aspi:seven-sons" in heu.topics and heu.countries == ["cn"]
    nudt = next(e for e in es if e.caption.startswith("National University of Defense Technology"))
    assert "aspi:military" in nudt.topics and "NUDT" in names(nudt, "alias")


def test_simple_csv():
    es = by_id(FIX / "simple_list.csv")
    taro = es["csv:p1"]
    assert names(taro) == ["Taro Example", "山田太郎", "ヤマダ・タロウ"]
    assert [n.script for n in taro.names] == ["Latn", "Hani", "Kana"]
    assert taro.countries == ["jp"] and taro.birth_dates == ["1970-05-12"]
    assert es["csv:o1"].countries == ["cn"]
    assert es["csv:o2"].countries == ["kp", "hk"]  # "Korea, North;HK"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("un_sc_cut_2026-02-27.xml", "un_sc"),
        ("meti_eul_cut_2025-09-29.xlsx", "meti_eul"),
        ("mof_af_cut_2026-03-05.xlsx", "mof_af"),
        ("ofac_sdn", "ofac_sdn"),
        ("ofac_sdn/sdn.csv", "ofac_sdn"),
        ("us_bis_dpl_cut.txt", "bis_dpl"),
        ("us_csl_cut.csv", "us_csl"),
        ("us_csl_consolidated_sample.csv", "us_csl"),
        ("os_synthetic.ftm.json", "ftm"),
        ("os_synthetic.targets.simple.csv", "os_simple"),
        ("aspi_cut.json", "aspi"),
        ("simple_list.csv", "csv"),
    ],
)
def test_detect_format(name, fmt):
    assert detect_format(FIX / name) == fmt
    assert fmt in FORMATS


def test_parse_list_spec():
    assert parse_list_spec("lists/un.xml") == (Path("lists/un.xml"), None)
    assert parse_list_spec("lists/un.xml:un_sc") == (Path("lists/un.xml"), "un_sc")
    # a colon that is part of the path is not a format
    assert parse_list_spec("data/2026:03/list.csv") == (Path("data/2026:03/list.csv"), None)
    assert parse_list_spec("a:b:c/x.txt:bis_dpl") == (Path("a:b:c/x.txt"), "bis_dpl")
    assert parse_list_spec("x.txt:nonsense") == (Path("x.txt:nonsense"), None)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("(a)アル・シャバブ、(b)シャバーブ", ["アル・シャバブ", "シャバーブ"]),
        ("ユン・ホチン\nYun Ho-chin", ["ユン・ホチン", "Yun Ho-chin"]),
        ("サルマン\n (a.k.a.: Salmane)", ["サルマン", "Salmane"]),
        ("マンスール・ザエール、１９７４年３月２１日イラク国バグダッドにて出生", ["マンスール・ザエール"]),
        (
            "(a)Lased Ben Heni, born 5 Feb. 1969 in Tripoli (b)Al-As’ad Ben Hani",
            ["Lased Ben Heni", "Al-As’ad Ben Hani"],
        ),
        (
            "イノサン・カイナ大佐\n（Colonel Innocent KAINA）",
            ["イノサン・カイナ大佐", "Colonel Innocent KAINA"],
        ),
        ("タンゴ・ロメオ(Tango Romeo)", ["タンゴ・ロメオ", "Tango Romeo"]),
        ("El Harrachi(الحراشي)", ["El Harrachi", "الحراشي"]),
        ("ウレマ援助組織（パキスタン）", ["ウレマ援助組織(パキスタン)"]),  # a note, not a second name
        ("アブ・アフマド(戦闘員名)", ["アブ・アフマド"]),
        ("「基地」", ["基地"]),
        ("(Ahmed Garbaya, Sa-id, Samir Salwwan)", ["Ahmed Garbaya", "Sa-id", "Samir Salwwan"]),
        ("Es Sayed, Kader", ["Es Sayed, Kader"]),  # one "Surname, Given" name
        ("不明", []),
    ],
)
def test_mof_alias_cells(cell, expected):
    from rsec.engine.lists.mof import split_aliases

    assert split_aliases(cell) == expected
