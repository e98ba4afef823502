"""``rsec load_list FILE[:FORMAT] [--published DATE] [--user NAME]`` — store a watch-list snapshot and
re-screen open and running cases (through the task queue)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from rsec.app.accounts.models import User
from rsec.engine.lists.readers import FORMATS, parse_list_spec


class Command(BaseCommand):
    help = (
        "Load a watch-list file as a new snapshot and re-screen open cases (リストの読込と再スクリーニング)."
    )

    def add_arguments(self, parser):
        parser.add_argument("spec", metavar="FILE[:FORMAT]", help=f"formats: {', '.join(FORMATS)}")
        parser.add_argument("--published", help="publication date YYYY-MM-DD (default: from the file)")
        parser.add_argument("--user", help="attribute the load to this user (must be allowed to load lists)")

    def handle(self, *args, **options):
        from django.core.exceptions import PermissionDenied

        from rsec.app.screening import services

        path, fmt = parse_list_spec(options["spec"])
        user = None
        if options.get("user"):
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no such user: {options['user']}")
        try:
            snap = services.load_snapshot_file(path, fmt, options.get("published"), user=user)
        except services.ListLoadError as exc:
            raise CommandError(
                f"{exc.file}: {exc.location + ': ' if exc.location else ''}{exc.reason}"
            ) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"snapshot {snap.pk}: {snap.list_code} {snap.published or '-'} "
            f"{snap.entity_count} entities sha256={snap.sha256[:12]}; re-screening enqueued"
        )
