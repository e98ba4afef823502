"""Chinese names: character folding (simplified / traditional / Japanese shinjitai), pinyin, other spellings.

Characters are folded to simplified Chinese through OpenCC (``jp2t`` then ``t2s``), so 哈爾浜 (Japanese),
哈爾濱 (traditional) and 哈尔滨 (simplified) read alike. Readings come from pypinyin; a family name's
first character gets all its readings (单 dan/shan/chan, 曾 zeng/ceng, 区 qu/ou) because surname
readings often differ from the word reading. Wade-Giles spellings and the common Hong Kong, Taiwan and
Singapore spellings of frequent family names are generated beside pinyin.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_cc: dict[str, object] = {}

COMPOUND_SURNAMES = set(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 宇文 长孙 夏侯 轩辕 端木 司徒 南宫 独孤 西门 呼延 申屠".split()
)
# Frequent family names and their spellings outside mainland pinyin (Cantonese, Wade-Giles, Hokkien …).
SURNAME_SPELLINGS = {
    "陈": ["chen", "chan", "tan", "chin"],
    "黄": ["huang", "wong", "ng", "hwang", "oei"],
    "李": ["li", "lee", "lei"],
    "张": ["zhang", "chang", "cheung", "teo"],
    "王": ["wang", "wong", "ong"],
    "林": ["lin", "lam", "lim"],
    "吴": ["wu", "ng", "goh", "woo"],
    "刘": ["liu", "lau", "lew", "lao"],
    "杨": ["yang", "yeung", "yeo", "young"],
    "周": ["zhou", "chow", "chou", "chau"],
    "郑": ["zheng", "cheng", "tay", "chang"],
    "许": ["xu", "hsu", "hui", "koh"],
    "胡": ["hu", "wu", "woo"],
    "何": ["he", "ho"],
    "郭": ["guo", "kuo", "kwok", "quek"],
    "梁": ["liang", "leung"],
    "谢": ["xie", "hsieh", "tse", "chia"],
    "蔡": ["cai", "tsai", "choi", "chua"],
    "邓": ["deng", "teng", "tang"],
    "曾": ["zeng", "tseng", "tsang", "chan"],
    "罗": ["luo", "lo", "law", "loh"],
    "叶": ["ye", "yeh", "yip", "ip"],
    "徐": ["xu", "hsu", "tsui", "chee"],
    "孙": ["sun", "suen"],
    "马": ["ma", "mah"],
    "朱": ["zhu", "chu", "choo"],
    "高": ["gao", "kao", "ko"],
    "赵": ["zhao", "chao", "chiu"],
    "冯": ["feng", "fung"],
    "钟": ["zhong", "chung"],
    "江": ["jiang", "chiang", "kong"],
    "蒋": ["jiang", "chiang"],
    "萧": ["xiao", "hsiao", "siu"],
    "邱": ["qiu", "chiu", "yau"],
    "温": ["wen", "wan", "wun"],
    "袁": ["yuan", "yuen"],
    "石": ["shi", "shih", "shek"],
    "宋": ["song", "sung"],
    "孔": ["kong", "kung"],
    "施": ["shi", "shih", "sze"],
    "金": ["jin", "chin", "kam"],
}
_WG_INITIALS = [
    ("zh", "ch"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("q", "ch"),
    ("x", "hs"),
    ("j", "ch"),
    ("z", "ts"),
    ("c", "ts"),
    ("r", "j"),
]
_WG_FINALS = [
    ("iong", "iung"),
    ("ong", "ung"),
    ("ian", "ien"),
    ("ie", "ieh"),
    ("ui", "uei"),
    ("uo", "o"),
    ("you", "yu"),
    ("iu", "iu"),
]


def _converter(config: str):
    with _lock:
        if config not in _cc:
            import opencc

            _cc[config] = opencc.OpenCC(config)
        return _cc[config]


#: simplified Chinese characters that OpenCC's Japanese table reads as another character: 沪 is
#: Shanghai's 滬 (Japanese 沪 is 濾 "filter"), and 叙 is written so in both (the table gives 敍)
_KEEP_AS_CHINESE = frozenset("沪叙")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Fold Japanese shinjitai and traditional characters to simplified Chinese (哈爾浜 → 哈尔滨)."""
    folded = _converter("t2s").convert(_converter("jp2t").convert(text))
    if len(folded) == len(text) and not _KEEP_AS_CHINESE.isdisjoint(text):
        # the tables map character to character: put the kept characters back in their places
        folded = "".join(ch if ch in _KEEP_AS_CHINESE else f for ch, f in zip(text, folded, strict=True))
    return folded


@lru_cache(maxsize=65536)
def syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin of each character, ``ü`` written ``v``→``u`` (lü → lu)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(
        s.replace("v", "u").replace("ü", "u") for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    )


@lru_cache(maxsize=65536)
def char_readings(ch: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(s.replace("v", "u").replace("ü", "u") for s in found[0])) if found else ()


def wade_giles(syllable: str) -> str:
    """Wade-Giles spelling (apostrophes and umlauts dropped) of a pinyin syllable: xu → hsu, zhang → chang."""
    out = syllable
    for a, b in _WG_INITIALS:
        if out.startswith(a):
            out = b + out[len(a) :]
            break
    for a, b in _WG_FINALS:
        if out.endswith(a):
            out = out[: -len(a)] + b
            break
    return out


def split_person(simplified: str) -> tuple[str, str]:
    if len(simplified) >= 3 and simplified[:2] in COMPOUND_SURNAMES:
        return simplified[:2], simplified[2:]
    return simplified[:1], simplified[1:]


def surname_spellings(family: str) -> list[str]:
    """Spellings of a family name: pinyin (all readings of a one-character name), common spellings, Wade-Giles."""
    if len(family) == 1:
        readings = list(char_readings(family))[:3]
    else:
        readings = ["".join(syllables(family))]
    out = readings + SURNAME_SPELLINGS.get(family, []) + [wade_giles(r) for r in readings]
    return list(dict.fromkeys(o for o in out + umlaut_spellings(family) if o))


def given_spellings(given: str) -> list[str]:
    """Given name syllables joined (Xiaoping), and in Wade-Giles (Hsiaoping)."""
    syl = syllables(given)
    return list(
        dict.fromkeys(["".join(syl), "".join(wade_giles(s) for s in syl), *umlaut_spellings(given)[:1]])
    )


@lru_cache(maxsize=65536)
def umlaut_spellings(text: str) -> list[str]:
    """Other spellings of a name with ü after l or n (吕 lǚ), which pinyin without marks writes u: the
    passport's yu (LYU) and the keyboard's v (Lv). Empty when the name has no such syllable."""
    from pypinyin import Style, lazy_pinyin

    raw = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")  # ü written v
    if not any("v" in s for s in raw):
        return []
    return ["".join(s.replace("v", "yu") for s in raw), "".join(raw)]


@lru_cache(maxsize=1)
def _wade_giles_table() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Wade-Giles syllable (apostrophes and umlauts dropped) → the pinyin syllables it may stand for,
    derived from pypinyin's syllable inventory and its Wade-Giles style; and the set of pinyin syllables.

    pypinyin 0.55 writes the final -ai as -ei (lai → lei) and tie as toeh; Wade-Giles keeps -ai and
    writes tieh, so those two are corrected here."""
    from pypinyin import Style
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    toned = {s for v in pinyin_dict.values() for s in v.split(",")}
    table: dict[str, set[str]] = {}
    plain_all = set()
    for s in toned:
        plain = convert(s, Style.NORMAL, True).replace("v", "u").replace("ü", "u")
        if not plain.isascii() or not plain.isalpha():
            continue
        plain_all.add(plain)
        wg = convert(s, Style.WADEGILES, True)
        wg = "".join(ch for ch in wg.replace("v", "u").replace("ü", "u") if ch.isalpha())
        if plain.endswith("ai") and wg.endswith("ei"):
            wg = wg[:-2] + "ai"
        if plain == "tie":
            wg = "tieh"
        table.setdefault(wg, set()).add(plain)
    return {k: tuple(sorted(v)) for k, v in table.items()}, frozenset(plain_all)


def pinyin_from_wade_giles(syllable: str) -> tuple[str, ...]:
    """Pinyin syllables a Wade-Giles syllable may stand for (hsi → xi; chin → jin, qin; tung → dong, tong);
    () when it is not a Wade-Giles syllable."""
    return _wade_giles_table()[0].get(syllable, ())


def is_pinyin_syllable(syllable: str) -> bool:
    return syllable in _wade_giles_table()[1]


@lru_cache(maxsize=65536)
def to_japanese(text: str) -> str:
    """The Japanese (shinjitai) forms of Chinese characters, through traditional (财经 → 財経, 醫院 → 医院):
    the form JMdict lists a word shared by both languages under."""
    return _converter("t2jp").convert(_converter("s2t").convert(text))


def _outside_japanese(ch: str) -> bool:
    try:
        ch.encode("euc_jp")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=65536)
def is_chinese_text(text: str) -> bool:
    """Whether ``text`` uses a character that Japanese writes otherwise: a simplified one outside the
    Japanese character set (财, 职) or a traditional one with a Japanese new form (醫 → 医, 灣 → 湾).
    Chinese, not a Japanese name in kanji (東京, 岩手, 長府 are written the same in either)."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    return any(_outside_japanese(ch) for ch in han) or _converter("t2jp").convert(text) != text


#: jieba's part-of-speech tags of proper names: place, person, transliterated person, organisation, other
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz"})


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[tuple[str, bool], ...]:
    """Chinese words of ``text`` (jieba's dictionary and model, through ``rjieba``), each with whether
    jieba tags it a proper name (新疆财经 → 新疆 proper, 财经 common): Chinese writes no spaces, and an
    institution's name is its place and proper name followed by common words that English translates."""
    import rjieba

    with _lock:
        tagged = rjieba.tag(text)
    return tuple((word, tag in _PROPER_TAGS) for word, tag in tagged)


_cantonese = None


def cantonese_syllables(text: str) -> list[tuple[str, ...]] | None:
    """Hong Kong Government Cantonese romanisation of each character (董建华 → (dung, tung) (gin, kin)
    (wa, wah)), the spellings of Hong Kong identity cards and of lists naming Hong Kong residents (Tung,
    Tsang Yam-kuen); None when a character has none, or without the romanisation table."""
    global _cantonese
    with _lock:
        if _cantonese is None:
            try:
                from cantoroman import Cantonese

                _cantonese = Cantonese()
            except Exception:  # the table is optional: no Cantonese reading
                _cantonese = False
    if not _cantonese:
        return None
    found = _cantonese.getRoman(_converter("s2hk").convert(text))
    if len(found) != len(text) or not all(found):
        return None
    return [tuple(dict.fromkeys(s.lower() for s in syl)) for syl in found]
