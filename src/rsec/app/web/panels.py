"""Extension points of the case and person pages.

An app adds a section to a page by registering a function ``(request, obj) -> str`` (HTML, usually
``render_to_string``) in its ``AppConfig.ready()``; the function must apply the same policy checks as its
own views and return "" when the user may not see anything. Nav links are ``(url_name, label)`` pairs shown
to users for whom ``visible(user)`` is true.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CASE_PANELS: list[Callable] = []
PERSON_PANELS: list[Callable] = []


@dataclass(frozen=True)
class NavLink:
    url_name: str
    label: str
    visible: Callable


NAV_LINKS: list[NavLink] = []


def register_case_panel(fn: Callable) -> Callable:
    CASE_PANELS.append(fn)
    return fn


def register_person_panel(fn: Callable) -> Callable:
    PERSON_PANELS.append(fn)
    return fn


def render(panels: list[Callable], request, obj) -> list[str]:
    return [html for html in (panel(request, obj) for panel in panels) if html]


def nav_links(user) -> list[NavLink]:
    return [link for link in NAV_LINKS if user.is_authenticated and link.visible(user)]
