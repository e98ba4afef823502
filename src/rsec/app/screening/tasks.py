"""Background work of the screening app (Django tasks; database-backed worker by default)."""

from __future__ import annotations

from django_tasks import task


@task()
def rescreen_task(snapshot_id: int) -> dict:
    """Re-screen open and running cases after a list snapshot was loaded (P-6), then build and save the
    snapshot's screening index for the processes that screen cases."""
    from .services import prepare_index, rescreen_after_snapshot

    summary = rescreen_after_snapshot(snapshot_id)
    prepare_index(snapshot_id)
    return summary
