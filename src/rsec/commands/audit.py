"""``rsec audit verify`` — check the audit trail's hash chain."""

from __future__ import annotations

import os
import sys


def _verify(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsec.app.settings")
    import django

    django.setup()
    from rsec.app.audit.chain import verify_chain

    result = verify_chain()
    if result.ok:
        print(f"audit trail OK: {result.checked} entries, chain and head intact")
        return 0
    print(
        f"audit trail BROKEN at entry #{result.seq}: {result.problem} ({result.checked} entries verified before it)",
        file=sys.stderr,
    )
    return 1


def register(sub) -> None:
    parser = sub.add_parser("audit", help="audit trail tools (監査証跡)")
    audit_sub = parser.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True)
    verify = audit_sub.add_parser("verify", help="verify the hash chain; exit 1 naming the first bad entry")
    verify.set_defaults(func=_verify)
