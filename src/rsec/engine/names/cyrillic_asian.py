"""Chinese, Japanese and Korean names written in Cyrillic letters, read back into their own romanisations.

Russian (and Ukrainian) write East Asian names by their own rule-based systems, not letter by letter
from the English spelling: Chinese by Palladius (习近平 Си Цзиньпин, not Ши Джинпинг), Japanese by
Polivanov (安倍晋三 Синдзо Абэ), Korean by Kontsevich or the older Soviet practice (김정은 Ким Чен Ын /
Ким Чжон Ын). A letter-by-letter romanisation of those (si tszinpin, sindzo abe, kim chen yn) is far from
Xi Jinping, Shinzo Abe, Kim Jong Un. Each system is undone here, syllable by syllable:

* :func:`pinyin_spellings` parses a word into Palladius syllables and gives the pinyin they stand for
  (си is xi or si, цзинь is jin); the table is derived from the pinyin syllable inventory by the
  Palladius rules, so every syllable is covered.
* :func:`polivanov_romaji` writes a word in passport Hepburn (Синдзо → shinzo, Кисида → kishida),
  with the informal spellings Russian texts also use (Шинзо, Абе).
* :func:`hangul_syllables` gives the hangul syllables a Cyrillic word may stand for (Чен → 정, 전 …),
  for the Korean spellings to be made from them.

Which reading applies is decided by the caller (``readings``): a name is read as Chinese only when it
carries a Chinese family name, as Japanese only when the result is a Japanese name by JMnedict, as
Korean only when it carries a Korean family name; a Russian name (Иван Петров) parses as none of them.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

# ---------------------------------------------------------------- Palladius (Chinese)

_P_INITIALS = {
    "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г", "k": "к",
    "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж", "z": "цз",
    "c": "ц", "s": "с",
}  # fmt: skip
#: finals after an initial; ``u`` after j/q/x is ü (handled below)
_P_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "iao": "яо", "ie": "е",
    "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа",
    "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "ue": "юэ",
}  # fmt: skip
#: syllables without an initial (y-, w- and bare vowels)
_P_WHOLE = {
    "yi": "и", "ya": "я", "yao": "яо", "ye": "е", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
    "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "yo": "ё",
    "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь",
    "wang": "ван", "weng": "вэн", "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао",
    "ou": "оу", "an": "ань", "en": "энь", "ang": "ан", "eng": "эн", "er": "эр",
    "hui": "хуэй", "lu": "лу", "nu": "ну",
}  # fmt: skip
_UMLAUT_AFTER = frozenset("jqx")


def _palladius(syllable: str) -> list[str]:
    """Palladius spellings of one pinyin syllable (ü written u, as pinyin does after j, q, x): the
    standard one first; l/n + u also as lü/nü (люй, нюй)."""
    if syllable in _P_WHOLE:
        out = [_P_WHOLE[syllable]]
        if syllable in ("lu", "nu"):
            out.append(_P_INITIALS[syllable[0]] + "юй")
        return out
    for n in (2, 1):
        ini, fin = syllable[:n], syllable[n:]
        if ini in _P_INITIALS and fin:
            break
    else:
        return []
    head = _P_INITIALS[ini]
    if fin == "i":
        tail = "ы" if ini in ("z", "c", "s") else "и"
    elif ini in _UMLAUT_AFTER and fin in ("u", "uan", "un", "ue"):
        tail = {"u": "юй", "uan": "юань", "un": "юнь", "ue": "юэ"}[fin]
    elif fin in _P_FINALS:
        tail = _P_FINALS[fin]
    else:
        return []
    out = [head + tail]
    if ini in ("l", "n") and fin == "ue":
        out.append(head + "юэ")
    return out


#: Russian texts often write е for Palladius э after a consonant (Ден Сяопин, Цземин), ю for юй (Ukrainian
#: ones especially: ЧЕНЬ Юган), and drop the soft sign (Цзинпин); the first two are kept as further
#: readings, the last is a misspelling left to spelling similarity
_INFORMAL = str.maketrans({"э": "е"})


@lru_cache(maxsize=1)
def _palladius_table() -> dict[str, tuple[str, ...]]:
    """Palladius syllable (Cyrillic) → the pinyin syllables it stands for, standard spellings first."""
    from .chinese import _wade_giles_table

    standard: dict[str, list[str]] = {}
    informal: dict[str, list[str]] = {}
    for py in sorted(_wade_giles_table()[1]):
        for k, cy in enumerate(_palladius(py)):
            standard.setdefault(cy, []).append(py)
            loose = cy[0] + cy[1:].translate(_INFORMAL)
            if cy.endswith("юй"):
                loose = loose[:-1]  # ü as ю (Юган for Yugang, Сюй as Сю)
            if k == 0 and loose != cy:
                informal.setdefault(loose, []).append(py)
    out = {cy: list(pys) for cy, pys in standard.items()}
    for cy, pys in informal.items():
        out.setdefault(cy, [])
        out[cy] += [p for p in pys if p not in out[cy]]
    # the commonest reading first where one Cyrillic syllable stands for several (си: xi before si)
    return {
        cy: tuple(sorted(pys, key=lambda py: (pys.index(py) >= len(standard.get(cy, ())), _rank(py))))
        for cy, pys in out.items()
    }


def _rank(py: str) -> int:
    """j/q/x before z/c/s where Palladius writes both alike (си: xi, then si): names have more of them."""
    return 0 if py[:1] in "jqx" else 1


_MAX_SYLLABLE = 6


@lru_cache(maxsize=65536)
def pinyin_syllables(word: str) -> tuple[tuple[str, ...], ...] | None:
    """The pinyin syllables of a Cyrillic word read as Palladius, one tuple of options per syllable
    (цзиньпин → (jin,), (ping,)); the parse with the fewest syllables; None if it does not parse."""
    table = _palladius_table()
    best: dict[int, tuple[tuple[str, ...], ...] | None] = {0: ()}
    for i in range(1, len(word) + 1):
        options = []
        for n in range(1, min(_MAX_SYLLABLE, i) + 1):
            prev = best.get(i - n)
            piece = table.get(word[i - n : i])
            if prev is not None and piece:
                options.append((*prev, piece))
        if options:
            best[i] = min(options, key=len)
    return best.get(len(word))


def pinyin_spellings(word: str, limit: int = 6) -> list[str]:
    """Pinyin spellings of a Cyrillic word read as Palladius, syllables joined (Цзиньпин → jinping);
    [] when the word is not Palladius."""
    syl = pinyin_syllables(word)
    if not syl:
        return []
    return ["".join(p) for p in itertools.islice(itertools.product(*syl), limit)]


# ---------------------------------------------------------------- Polivanov (Japanese)

#: Cyrillic syllable → Hepburn, longest first when parsing; Polivanov with the informal spellings that
#: follow English (ш, ч, дж, з, е for э)
_POLIVANOV = {
    "а": "a", "и": "i", "у": "u", "э": "e", "е": "e", "о": "o", "я": "ya", "ю": "yu", "ё": "yo",
    "ка": "ka", "ки": "ki", "ку": "ku", "кэ": "ke", "ке": "ke", "ко": "ko", "кя": "kya", "кю": "kyu", "кё": "kyo",
    "га": "ga", "ги": "gi", "гу": "gu", "гэ": "ge", "ге": "ge", "го": "go", "гя": "gya", "гю": "gyu", "гё": "gyo",
    "са": "sa", "си": "shi", "су": "su", "сэ": "se", "се": "se", "со": "so", "ся": "sha", "сю": "shu",
    "сё": "sho", "ша": "sha", "ши": "shi", "шу": "shu", "шо": "sho",
    "дза": "za", "дзи": "ji", "дзу": "zu", "дзэ": "ze", "дзе": "ze", "дзо": "zo", "дзя": "ja", "дзю": "ju",
    "дзё": "jo", "за": "za", "зу": "zu", "зэ": "ze", "зе": "ze", "зо": "zo", "джи": "ji", "джа": "ja",
    "джу": "ju", "джо": "jo", "дзы": "zu",
    "та": "ta", "ти": "chi", "цу": "tsu", "тэ": "te", "те": "te", "то": "to", "тя": "cha", "тю": "chu",
    "тё": "cho", "чи": "chi", "ча": "cha", "чу": "chu", "чо": "cho",
    "да": "da", "дэ": "de", "де": "de", "до": "do",
    "на": "na", "ни": "ni", "ну": "nu", "нэ": "ne", "не": "ne", "но": "no", "ня": "nya", "ню": "nyu", "нё": "nyo",
    "ха": "ha", "хи": "hi", "фу": "fu", "ху": "fu", "хэ": "he", "хе": "he", "хо": "ho", "хя": "hya",
    "хю": "hyu", "хё": "hyo",
    "ба": "ba", "би": "bi", "бу": "bu", "бэ": "be", "бе": "be", "бо": "bo", "бя": "bya", "бю": "byu", "бё": "byo",
    "па": "pa", "пи": "pi", "пу": "pu", "пэ": "pe", "пе": "pe", "по": "po", "пя": "pya", "пю": "pyu", "пё": "pyo",
    "ма": "ma", "ми": "mi", "му": "mu", "мэ": "me", "ме": "me", "мо": "mo", "мя": "mya", "мю": "myu", "мё": "myo",
    "ра": "ra", "ри": "ri", "ру": "ru", "рэ": "re", "ре": "re", "ро": "ro", "ря": "rya", "рю": "ryu", "рё": "ryo",
    "ва": "wa", "во": "o",
}  # fmt: skip
_GEMINATE = {"к": "k", "с": "s", "т": "t", "п": "p", "ш": "s", "ч": "t", "д": "d", "г": "g", "б": "b"}


@lru_cache(maxsize=65536)
def polivanov_romaji(word: str) -> str | None:
    """Passport Hepburn of a Cyrillic word read as Polivanov (Синдзо → shinzo, Кисида → kishida, Кэйко →
    keiko, Ниппон → nippon, Симбаси → shinbashi); None when it is no Polivanov spelling."""
    out, i, n = [], 0, len(word)
    while i < n:
        ch = word[i]
        nxt = word[i + 1 : i + 2]
        if ch == "й" and out and out[-1][-1:] in "aeiou":
            out.append("i")  # Кэйко, Дайсукэ
            i += 1
            continue
        if ch in "нм" and (not nxt or nxt not in "аиуэеояюёы") and out:
            if ch == "м" and nxt not in ("б", "п", "м"):
                return None
            out.append("n")  # ん: Синдзо, Симбаси (м before a labial)
            i += 1
            continue
        if ch == "ъ" and out and out[-1] == "n":
            i += 1  # Кэнъити: ん before a vowel
            continue
        if ch in _GEMINATE and nxt == ch and out:
            out.append(_GEMINATE[ch])  # っ: Ниппон, Хоккайдо
            i += 1
            continue
        for size in (3, 2, 1):
            piece = _POLIVANOV.get(word[i : i + size])
            if piece:
                out.append(piece)
                i += size
                break
        else:
            return None
    return "".join(out) or None


# ---------------------------------------------------------------- Kontsevich (Korean)

#: Cyrillic → initial consonant numbers (see ``korean._INITIAL``), Kontsevich first, then the older
#: Soviet and North Korean practice (Ким Чен Ын, Ри, Пэк)
_K_INITIALS = {
    "": (11,), "к": (0, 15), "г": (0,), "кк": (1,), "н": (2,), "т": (3, 16), "д": (3,), "тт": (4,),
    "р": (5,), "л": (5,), "м": (6,), "п": (7, 17), "б": (7,), "пп": (8,), "с": (9,), "ш": (9,),
    "сс": (10,), "ч": (12, 14), "чж": (12,), "дж": (12,), "чч": (13,), "чх": (14,), "кх": (15,),
    "тх": (16,), "пх": (17,), "х": (18,),
}  # fmt: skip
#: Cyrillic → medial vowel numbers (see ``korean._MEDIAL``)
_K_VOWELS = {
    "а": (0,), "э": (1, 5), "я": (2,), "о": (8, 4), "е": (4, 6, 5, 7, 1), "ё": (6, 12), "ва": (9,),
    "вэ": (10, 15), "ве": (11, 15), "у": (13,), "во": (14,), "ви": (16,), "ю": (17,), "ы": (18,),
    "ый": (19,), "и": (20, 19), "йе": (7,),
}  # fmt: skip
#: Cyrillic → final consonant numbers (see ``korean._FINAL``); н is ㄴ or ㅇ in Kontsevich
_K_FINALS = {
    "": (0,), "к": (1,), "н": (4, 21), "нг": (21,), "т": (7, 19), "ль": (8,), "л": (8,), "р": (8,),
    "м": (16,), "п": (17,),
}  # fmt: skip
_CYR_VOWELS = frozenset("аэяоеёуюыи")


def _k_syllables(word: str, start: int) -> list[tuple[int, tuple[int, ...]]]:
    """(end, hangul code points) of each Korean syllable that can start at ``start``."""
    out = []
    for ini_len in (2, 1, 0):
        ini = word[start : start + ini_len]
        if ini not in _K_INITIALS or (ini_len and ini[-1:] in _CYR_VOWELS):
            continue
        for v_len in (2, 1):
            v = word[start + ini_len : start + ini_len + v_len]
            if len(v) != v_len or v not in _K_VOWELS:
                continue
            after = start + ini_len + v_len
            for f_len in (2, 1, 0):
                fin = word[after : after + f_len]
                if len(fin) != f_len or fin not in _K_FINALS:
                    continue
                end = after + f_len
                # a final consonant is not the onset of a following vowel (Ын-ин: ы + н|и …)
                if f_len and word[end : end + 1] in _CYR_VOWELS:
                    continue
                codes = tuple(
                    0xAC00 + (i * 21 + m) * 28 + f
                    for i in _K_INITIALS[ini]
                    for m in _K_VOWELS[v]
                    for f in _K_FINALS[fin]
                )
                out.append((end, codes))
    return out


@lru_cache(maxsize=65536)
def hangul_syllables(word: str) -> tuple[tuple[str, ...], ...] | None:
    """The hangul syllables a Cyrillic word may stand for, one tuple of options per syllable, likeliest
    first (чен → 정, 전 …; чжэин → (재 …), (인 …)); None when it is no Korean name in Cyrillic letters."""
    best: dict[int, tuple[tuple[str, ...], ...]] = {0: ()}
    for i in range(len(word)):
        if i not in best:
            continue
        for end, codes in _k_syllables(word, i):
            options = (*best[i], tuple(dict.fromkeys(chr(c) for c in codes)))
            if end not in best or len(options) < len(best[end]):
                best[end] = options
    return best.get(len(word))


#: Korean family names in Cyrillic, as Russian texts write them (Kontsevich, Soviet and North Korean use)
KOREAN_FAMILY_NAMES = frozenset(
    "ким ли ри и пак пэк пек чхве чве чой цой чон чжон чен кан ган чо чжо юн чан чжан лим рим им хан о со "
    "син шин квон хван ан сон ю рю хон мун ко ян пэ нам но ха чу чжу ку мин пён у на чи тхэ то сим хён "
    "ём сок нам ву".split()
)
