"""Latin readings of names in Arabic script (Arabic, Persian, Urdu letters): アラビア文字の読み.

Arabic script writes consonants and long vowels; short vowels are left out, and the same letters are
romanised in several systems. No maintained library in the environment reads names (anyascii and
unidecode give one letter-for-letter string: ``موسى`` → ``mwsa``, which keeps و as w where the Latin
spelling has the vowel, Moussa, and glues the article on, ``المنان`` → ``lmnn``). The rules here are
the textbook ones of Arabic orthography, each giving an alternative spelling, not a choice:

- و and ي are consonants (w, y) or long vowels (u/o, i/e): both spellings are kept (Walid, Moussa);
- the article ال is part of the word: the word is also read without it (al-Manan → Manan, and
  assimilated forms such as Essaadi, As-Saadi have the same consonants), and with it (Altikriti);
  before a word with the article, عبد is also read Abdul/Abdel (Abd al-Rahman, Abdul Rahman);
- ة (ta marbuta) is a, ah or at (Fatima, Jalahmah, Izzat); ى (alif maqsura) is a (Musa, Mustafa);
- letters read differently in Persian, Urdu and Turkish use (ث s, ذ z, ض z, ظ z) and in Egyptian
  use (ج g: Ragab, Gamal) give a second spelling;
- hamza and ع have no Latin consonant of their own and are left out (the comparison of
  transliterations drops vowels, so Omar, Ali, Abd meet عمر, علي, عبد by their consonants).

Short vowels are not guessed: the matcher compares these readings with Latin names through their
consonant skeleton (:func:`rsec.engine.names.phonetic.fine_key`), where vowels do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .phonetic import fine_key

# Letters → Latin, primary reading (Arabic usage); digraphs for one letter are single units.
_BASE = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a",
    # Persian and Urdu letters
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y", "ے": "e", "ٹ": "t", "ڈ": "d",
    "ڑ": "r", "ں": "n", "ھ": "h", "ۃ": "a", "ە": "a", "ہ": "h", "ۀ": "a",
}  # fmt: skip
#: second spellings: Persian/Urdu/Turkish pronunciation of Arabic letters, Egyptian ج
_ALT = {"ث": "s", "ذ": "z", "ض": "z", "ظ": "z", "ج": "g"}
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")  # vowel signs, shadda, sukun, tatweel
MAX_ALTS = 6
_GLUED = re.compile("^(?:(عبد|ابو|أبو)(ال..+)|(..+)(الدين|الدین|الله))$")


def is_arabic_word(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


#: Persian and Urdu forms of Arabic letters, folded where words are recognised (نورالدین = نور الدين)
_PERSIAN = str.maketrans({"ی": "ي", "ک": "ك", "ہ": "ه", "ۀ": "ه"})


def _spell(word: str, vowel_w: bool, alt_letters: bool, apart: bool) -> str:
    units = []
    for k, ch in enumerate(word):
        if ch == "و":
            # a consonant at the start of a word (Walid); elsewhere u or w (Moussa; Fawaz, or in French
            # spelling Aouadi, whose ou is w)
            units.append("w" if (not vowel_w or k == 0) else "u")
        elif ch in ("ي", "ی"):
            units.append("y" if k == 0 else "i")
        elif ch == "ة" and k != len(word) - 1:
            units.append("t")  # ta marbuta in the middle of a compound is read t
        elif alt_letters and ch in _ALT:
            units.append(_ALT[ch])
        else:
            units.append(_BASE.get(ch, ch if ch.isascii() and ch.isalpha() else ""))
    units = [u for u in units if u]
    out = units[:1]
    for u in units[1:]:
        same = fine_key(out[-1]) == fine_key(u) != "a"  # two letters of one sound class: فواز Fawaz, not Faz
        if same or (apart and fine_key(out[-1] + u) != fine_key(out[-1] + "a" + u)):
            out.append("a")  # a short vowel left unwritten: طه Taha, not th
        out.append(u)
    return "".join(out)


@lru_cache(maxsize=65536)
def word_spellings(word: str, before_article: bool = False) -> tuple[str, ...]:
    """Latin spellings of one Arabic-script word, likeliest first (without short vowels)."""
    word = _HARAKAT.sub("", word)
    bare, article = word, ""
    if len(word) > 3 and word.startswith(("ال", "أل")):
        article, bare = "al", word[2:]
    elif len(word) > 4 and word.startswith(("بال", "وال")):  # bi-l-, wa-l- (rare in names)
        bare = word[3:]
    out: list[str] = []
    for vowel_w, alt_letters, apart in (
        (True, False, False),
        (True, False, True),
        (False, False, True),
        (True, True, False),
    ):
        s = _spell(bare, vowel_w, alt_letters, apart)
        if s:
            out += [s, article + s] if article else [s]
    if word.translate(_PERSIAN) == "الله":
        out = ["allah", "ullah", "alla", "ulla", *out]
    if word.endswith("ی"):  # Persian writes a final a with ی (عیسی Isa, موسی Musa)
        out += [o[:-1] + "a" for o in out[:1] if o.endswith("i")]
    if word.endswith("ة"):
        body = [o[:-1] for o in out if o.endswith("a")]
        out += [b + "ah" for b in body[:1]] + [b + "at" for b in body[:1]]
    if before_article and word in ("عبد",):
        out = ["abd", "abdul", "abdel", "abdal", *out]
    if word in ("ابو", "أبو"):
        out = ["abu", "abou", "abo", *out]
    if word in ("بن", "ابن"):
        out = ["bin", "ibn", "ben", *out]
    return tuple(dict.fromkeys(_DIGRAPH.sub("a", o) for o in out if o))[:MAX_ALTS]


_DIGRAPH = re.compile("(?<=t)(?=[sz])")  # ت + ص is not the sound ts: keep the letters apart (Motassadeq)


def _compound(first: tuple[str, ...], second: str, second_alts: tuple[str, ...]) -> tuple[str, ...]:
    """Spellings of two words written as one name in Latin script (عبد الله Abdullah, نور الدين
    Nooruddin, Noureddine, عبد الرحمن Abderrahmane): the article kept, and assimilated or left out."""
    if second.translate(_PERSIAN) == "الله":
        tails = ("allah", "ullah", "ulla")
    else:
        rest = [a for a in second_alts if not a.startswith("al")][:1]
        # the article kept (Salahaldin), assimilated to a sun letter (Saduddin, Abderrahmane), left out
        tails = tuple(t + r for r in rest for t in ("al", "ul", "u" + r[:1], ""))
    heads = [h for h in first if h not in ("abdul", "abdel", "abdal")][:2]
    return tuple(dict.fromkeys(h + t for h in heads for t in tails))[:MAX_ALTS]


def is_compound_tail(word: str, previous: str) -> bool:
    """Whether ``word`` ends a two-word name: … الله (Abdullah, Najibullah), … الدين (Nooruddin), and
    any article word after عبد (Abd al-Rahman)."""
    word, previous = word.translate(_PERSIAN), previous.translate(_PERSIAN)
    return word in ("الله", "الدين") or (
        previous == "عبد" and word.startswith(("ال", "أل")) and len(word) > 3
    )


def compounds(words: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """The words with each two-word name (:func:`is_compound_tail`) written as one."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for w, alts in words:
        if out and is_compound_tail(w, out[-1][0]):
            prev, prev_alts = out.pop()
            out.append((f"{prev} {w}", _compound(prev_alts, w, alts)))
        else:
            out.append((w, alts))
    return out


def name_words(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(word, spellings) for each word of an Arabic-script name."""
    words = []
    for w in re.split(r"[\s\-_.,،/()]+", _HARAKAT.sub("", text)):
        # عبد and ابو written together with the article word that follows (عبدالحليم, أبواليزيد)
        m = _GLUED.match(w)
        words += [g for g in m.groups() if g] if m else [w] if w else []
    out = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if not is_arabic_word(w):
            out.append((w, (w.lower(),)))
            continue
        out.append((w, word_spellings(w, before_article=nxt.startswith(("ال", "أل")))))
    return out
