"""Korean names: hangul → Revised Romanisation, McCune-Reischauer-style spellings, surname spellings.

Names are romanised syllable by syllable, without the sound changes across syllables that
running text undergoes, as Korean passports and lists do (정은 → jeong-eun, not jeongeun's
liaison forms). Voicing differences of McCune-Reischauer (k/g, t/d, p/b, ch/j) are absorbed by the
phonetic key; the vowel spellings that differ (eo → ŏ/o, eu → ŭ/u, ae, oe) are generated here.
"""

from __future__ import annotations

from functools import lru_cache

_INITIAL = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINAL = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]

# Common spellings of frequent family names, beside the Revised Romanisation (the spelling families use
# in passports is usually not RR: 이 Lee/Yi/Rhee, 박 Park/Pak, 김 Kim, 최 Choi/Choe …).
SURNAME_SPELLINGS = {
    "김": ["kim", "gim"],
    "이": ["lee", "yi", "rhee", "li", "ri", "i"],
    "리": ["ri", "lee", "li"],
    "박": ["park", "pak", "bak"],
    "최": ["choi", "choe", "chwe"],
    "정": ["jung", "jeong", "chung", "chong"],
    "강": ["kang", "gang"],
    "조": ["cho", "jo", "joe"],
    "윤": ["yoon", "yun"],
    "장": ["jang", "chang"],
    "임": ["lim", "im", "rim"],
    "림": ["rim", "lim"],
    "한": ["han"],
    "오": ["oh", "o"],
    "서": ["seo", "suh", "so"],
    "신": ["shin", "sin"],
    "권": ["kwon", "gwon"],
    "황": ["hwang"],
    "안": ["ahn", "an"],
    "송": ["song"],
    "류": ["ryu", "yoo", "yu", "ryoo", "lyu"],
    "유": ["yoo", "yu", "ryu"],
    "전": ["jeon", "jun", "chon", "chun"],
    "홍": ["hong"],
    "고": ["ko", "go"],
    "문": ["moon", "mun"],
    "양": ["yang", "ryang"],
    "손": ["son", "sohn"],
    "배": ["bae", "pae"],
    "백": ["baek", "paek", "paik"],
    "허": ["heo", "hur", "huh", "ho"],
    "남": ["nam"],
    "노": ["noh", "no", "roh"],
    "로": ["ro", "roh"],
    "하": ["ha"],
    "곽": ["kwak", "gwak"],
    "성": ["sung", "seong"],
    "차": ["cha"],
    "주": ["joo", "ju", "chu"],
    "우": ["woo", "u"],
    "구": ["koo", "ku", "gu"],
    "나": ["na", "ra"],
    "라": ["ra", "na"],
    "민": ["min"],
    "진": ["jin", "chin"],
    "지": ["ji", "chi"],
    "엄": ["um", "eom"],
    "채": ["chae"],
    "원": ["won"],
    "천": ["cheon", "chun"],
    "방": ["bang", "pang"],
    "공": ["kong", "gong"],
    "현": ["hyun", "hyeon"],
    "변": ["byun", "pyon"],
    "염": ["yeom", "yum"],
    "여": ["yeo", "yo"],
    "추": ["choo", "chu"],
    "도": ["do", "doh", "to"],
    "석": ["seok", "suk", "sok"],
    "선": ["sun", "seon", "son"],
    "설": ["seol", "sul"],
    "길": ["gil", "kil"],
    "연": ["yeon", "yon"],
    "위": ["wi", "wee"],
    "표": ["pyo"],
    "명": ["myung", "myeong"],
    "기": ["ki", "gi"],
    "반": ["ban", "pan"],
    "왕": ["wang"],
    "금": ["keum", "kum", "geum"],
    "육": ["yook", "yuk"],
    "인": ["in"],
    "탁": ["tak"],
    "국": ["kook", "guk", "kuk"],
    "어": ["eo", "uh", "o"],
    "은": ["eun", "un"],
    "용": ["yong", "ryong"],
    "경": ["kyung", "gyeong", "kyong"],
    "봉": ["bong", "pong"],
    "두": ["doo", "du", "tu"],
    "계": ["kye", "gye"],
    "편": ["pyeon", "pyon"],
    "함": ["ham"],
    "태": ["tae", "thae"],
    # two-syllable family names
    "남궁": ["namgung", "namkung", "namgoong"],
    "황보": ["hwangbo", "hwangpo"],
    "제갈": ["jegal", "chegal"],
    "선우": ["sunwoo", "seonwoo", "sunu"],
    "독고": ["dokgo", "tokko", "dokko"],
    "사공": ["sagong", "sakong"],
    "서문": ["seomun", "seomoon", "suhmoon"],
    "동방": ["dongbang", "tongbang"],
}
COMPOUND_SURNAMES = {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"}
# Hanja whose surname reading differs from its reading in words.
HANJA_SURNAME_READINGS = {
    "金": "김",
    "李": "이",
    "柳": "류",
    "劉": "류",
    "林": "임",
    "羅": "나",
    "盧": "노",
    "呂": "여",
    "梁": "양",
    "廉": "염",
    "陸": "육",
    "龍": "용",
}


def _is_hangul_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@lru_cache(maxsize=65536)
def syllable_rr(ch: str) -> str:
    """Revised Romanisation of one hangul syllable, in isolation (김 → gim, 정 → jeong)."""
    if not _is_hangul_syllable(ch):
        return ch
    code = ord(ch) - 0xAC00
    ini, med, fin = code // 588, (code % 588) // 28, code % 28
    return _INITIAL[ini] + _MEDIAL[med] + _FINAL[fin]


def word_rr(word: str) -> str:
    return "".join(syllable_rr(ch) for ch in word)


#: a final consonant (its number in ``_FINAL``) before a syllable without an initial consonant, written
#: as that syllable's initial (한국어 hangugeo, 강원 gangwon)
_LIAISON = {1: "g", 2: "kk", 4: "n", 7: "d", 8: "r", 16: "m", 17: "b", 19: "s", 20: "ss", 21: "ng", 22: "j",
            23: "ch", 24: "k", 25: "t", 26: "p", 27: ""}  # fmt: skip
_NASAL_BEFORE_N = {"k": "ng", "t": "n", "p": "m"}
_N, _R, _M, _SILENT = 2, 5, 6, 11  # initial consonants ㄴ, ㄹ, ㅁ, ㅇ


def word_rr_assimilated(word: str) -> str:
    """Revised Romanisation of a word with the sound changes at syllable boundaries that RR writes
    (한림 Hallim, 신라 Silla, 종로 Jongno, 국민 Gungmin, 한국어 Hangugeo), which place and institution
    names follow; "" where the word is not all hangul."""
    if not word or not all(_is_hangul_syllable(ch) for ch in word):
        return ""
    codes = [ord(ch) - 0xAC00 for ch in word]
    inis = [c // 588 for c in codes]
    heads = [_INITIAL[i] for i in inis]
    meds = [_MEDIAL[(c % 588) // 28] for c in codes]
    fins = [c % 28 for c in codes]
    tails = [_FINAL[f] for f in fins]
    for i in range(len(word) - 1):
        fin, tail, nxt = fins[i], tails[i], inis[i + 1]
        if not fin:
            continue
        if nxt == _SILENT and fin in _LIAISON:
            tails[i], heads[i + 1] = "", _LIAISON[fin]  # 한국어 hangugeo
        elif nxt in (_R, _N) and tail == "l" or nxt == _R and tail == "n":
            tails[i], heads[i + 1] = "l", "l"  # 한림 hallim, 설날 seollal
        elif nxt == _R and tail in ("ng", "m"):
            heads[i + 1] = "n"  # 종로 jongno
        elif nxt in (_N, _M, _R) and tail in _NASAL_BEFORE_N:
            tails[i] = _NASAL_BEFORE_N[tail]  # 국민 gungmin
            if nxt == _R:
                heads[i + 1] = "n"  # 국립 gungnip
    return "".join(h + m + t for h, m, t in zip(heads, meds, tails, strict=True))


def mr_variant(rr: str) -> str:
    """A McCune-Reischauer-like spelling (diacritics dropped) of an RR word: eo→o, eu→u, oe→oe."""
    return rr.replace("eo", "o").replace("eu", "u").replace("ae", "ae")


def split_person(word: str) -> tuple[str, str]:
    """(family, given) of a hangul full name written as one word (김정은 → 김, 정은)."""
    if len(word) >= 4 and word[:2] in COMPOUND_SURNAMES:
        return word[:2], word[2:]
    return word[:1], word[1:]


def surname_spellings(family: str) -> list[str]:
    out = list(SURNAME_SPELLINGS.get(family, []))
    rr = word_rr(family)
    out.extend([rr, mr_variant(rr)])
    return list(dict.fromkeys(out))


#: medial vowel numbers (see ``_MEDIAL``)
_U, _UI = 13, 19


def _popular_syllable(ch: str) -> list[str]:
    """Spellings of one given-name syllable that families use beside RR and McCune-Reischauer: ㅜ as
    oo (수 Soo, 훈 Hoon, 준 Joon), a vowel-initial ㅜ with w (우 Woo, 욱 Wook, 운 Woon), ㅢ as ee/i
    (희 Hee)."""
    if not _is_hangul_syllable(ch):
        return []
    code = ord(ch) - 0xAC00
    ini, med, fin = code // 588, (code % 588) // 28, code % 28
    head, tail = _INITIAL[ini], _FINAL[fin]
    if med == _U:
        return [f"{head or 'w'}oo{tail}"]
    if med == _UI:
        return [f"{head}ee{tail}", f"{head}i{tail}"] if head else []
    return []


def given_spellings(given: str) -> list[str]:
    rr = word_rr(given)
    out = [rr, mr_variant(rr)]
    if "ui" in rr:
        out.append(rr.replace("ui", "eui"))  # ㅢ is usually written eui (Chung Eui-sun)
    if "eo" in rr:
        out.append(rr.replace("eo", "u"))  # ㅓ as u (Seon → Sun, Hyeon → Hyun)
    if len(given) == 1:
        out.extend(_popular_syllable(given))
    return list(dict.fromkeys(out))


#: a word-initial plosive or affricate as McCune-Reischauer writes it, unvoiced (경희 Kyung Hee, 대구
#: Taegu, 부산 Pusan, 전남 Chonnam)
_MR_INITIAL = {"g": "k", "d": "t", "b": "p", "j": "ch"}


def word_spellings(word: str) -> list[str]:
    """Spellings of a hangul word of a name that is not a person's (a place or an institution's own
    name): RR and the forms of :func:`given_spellings`, and the McCune-Reischauer forms institutions
    still use, with the word-initial consonant unvoiced, ㅓ as u and ㅢ as ee (경희 Kyunghee)."""
    out = given_spellings(word)
    rr = word_rr(word)
    assimilated = word_rr_assimilated(word)
    if assimilated and assimilated != rr:
        out.append(assimilated)
    head = _MR_INITIAL.get(rr[:1], "")
    if head:
        mr = head + mr_variant(rr)[1:]
        popular = head + rr[1:].replace("eo", "u").replace("eu", "u")
        out += [mr, popular, popular.replace("ui", "ee")]
    return list(dict.fromkeys(out))
