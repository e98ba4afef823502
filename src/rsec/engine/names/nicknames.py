"""Given-name nicknames (愛称): Ted ↔ Theodore, Ben ↔ Benjamin, Ian ↔ John.

A nickname written in a list or a query stands for its full name; the reading of a nickname token
carries the full names as alternative spellings (after the spelling as written), so Ted Doe meets
Theodore Doe. The direction matters: only the nickname gets alternatives, so two full names that
share a nickname (Edward, Edmund → Ted) do not pass for each other.
"""

from __future__ import annotations

from functools import lru_cache

#: at most this many full names per nickname (a few nicknames stand for many names)
MAX_FULL_NAMES = 4


@lru_cache(maxsize=1)
def _full_names() -> dict[str, tuple[str, ...]]:
    from .nickname_data import DATA

    found: dict[str, list[str]] = {}
    for line in DATA.splitlines():
        name, *nicks = line.split()
        for nick in nicks:
            if nick != name:
                found.setdefault(nick, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def full_names(nickname: str) -> tuple[str, ...]:
    """The full given names a (lower-case) nickname stands for; () for a name that is no nickname."""
    return _full_names().get(nickname, ())[:MAX_FULL_NAMES]
