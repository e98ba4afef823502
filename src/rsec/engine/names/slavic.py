"""Ukrainian and Russian forms of one given name (Микола ↔ Николай, Олена ↔ Елена), as data.

Lists write a Ukrainian citizen's name in Ukrainian, in Russian, or romanised from either (MYKOLA,
NIKOLAI); the two forms are the same name, not a spelling variant, so no transliteration scheme or
sound key joins them. The reading of a Cyrillic word that is one form also carries the spellings of
the other. Only names whose two forms differ in more than the letters a transliteration maps anyway
are listed (Олег, Борис, Оксана read alike in both schemes).
"""

from __future__ import annotations

from functools import lru_cache

#: Ukrainian form, Russian form (lower case)
PAIRS = """\
микола николай
олександр александр
олександра александра
олексій алексей
сергій сергей
володимир владимир
дмитро дмитрий
андрій андрей
михайло михаил
петро пётр
петро петр
василь василий
григорій григорий
євген евгений
євгенія евгения
анатолій анатолий
ігор игорь
павло павел
юрій юрий
віктор виктор
вікторія виктория
віталій виталий
валерій валерий
геннадій геннадий
іван иван
федір фёдор
федір федор
яків яков
ілля илья
костянтин константин
семен семён
тимофій тимофей
кирило кирилл
данило даниил
микита никита
леонід леонид
станіслав станислав
артем артём
аркадій аркадий
арсеній арсений
георгій георгий
матвій матвей
панас афанасий
гнат игнат
йосип иосиф
філіп филипп
едуард эдуард
еміль эмиль
олена елена
наталія наталья
наталія наталия
ганна анна
катерина екатерина
тетяна татьяна
світлана светлана
ірина ирина
марія мария
юлія юлия
надія надежда
віра вера
анастасія анастасия
дарія дарья
софія софия
ксенія ксения
інна инна
ніна нина
раїса раиса
лідія лидия
поліна полина
єлизавета елизавета
уляна ульяна
антоніна антонина
"""


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, bool], ...]]:
    found: dict[str, list[tuple[str, bool]]] = {}
    for line in PAIRS.splitlines():
        uk, ru = line.split()
        found.setdefault(uk, []).append((ru, False))
        found.setdefault(ru, []).append((uk, True))
    return {k: tuple(v) for k, v in found.items()}


#: the English forms of Russian and Ukrainian given names that lists and the press use in place of a
#: transliteration (Евгений Касперский Eugene Kaspersky, Лев Толстой Leo Tolstoy)
ENGLISH_FORMS = {
    "евгений": ("eugene",), "євген": ("eugene",), "лев": ("leo",),
    "пётр": ("peter",), "петр": ("peter",), "петро": ("peter",),
    "михаил": ("michael",), "михайло": ("michael",), "николай": ("nicholas",), "микола": ("nicholas",),
    "павел": ("paul",), "павло": ("paul",), "георгий": ("george",), "григорий": ("gregory",),
    "григорій": ("gregory",), "иосиф": ("joseph",), "йосип": ("joseph",), "яков": ("jacob",),
    "яків": ("jacob",), "фёдор": ("theodore",), "федор": ("theodore",), "федір": ("theodore",),
    "андрей": ("andrew",), "андрій": ("andrew",), "александр": ("alexander",),
    "олександр": ("alexander",), "екатерина": ("catherine", "katherine"),
    "катерина": ("catherine", "katherine"), "елена": ("helen",), "олена": ("helen",),
    "мария": ("mary",), "марія": ("mary",), "софия": ("sophia",), "софія": ("sophia",),
    "юлия": ("julia",), "юлія": ("julia",), "наталья": ("natalie",), "наталия": ("natalie",),
    "наталія": ("natalie",),
}  # fmt: skip


def english_forms(word: str) -> tuple[str, ...]:
    """English forms of a (lower-case Cyrillic) given name; () for any other word."""
    return ENGLISH_FORMS.get(word, ())


def other_forms(word: str) -> tuple[tuple[str, bool], ...]:
    """The other language's forms of a (lower-case Cyrillic) given name, each with whether it is the
    Ukrainian one (to be romanised by the Ukrainian scheme); () for any other word."""
    return _table().get(word, ())
