"""The ``rsec`` command.

Engine commands (screening, evidence, affiliations, diligence, audit …) are discovered from
:mod:`rsec.commands`; any other first word is handed to Django's management commands, so
``rsec migrate`` and ``rsec createsuperuser`` work as ``manage.py`` would.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from rsec import __version__


def _engine_parser() -> argparse.ArgumentParser:
    import rsec.commands as commands

    parser = argparse.ArgumentParser(
        prog="rsec",
        description="rsec — research-security due diligence (研究セキュリティ). "
        "Other words are passed to Django's management commands (e.g. `rsec migrate`).",
    )
    parser.add_argument("--version", action="version", version=f"rsec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"rsec.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def _engine_command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse has no public accessor for sub-parser names
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def run_django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsec.app.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rsec", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _engine_parser()
    if argv and not argv[0].startswith("-") and argv[0] not in _engine_command_names(parser):
        return run_django(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
