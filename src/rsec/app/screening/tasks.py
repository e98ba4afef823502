"""Background work of the screening app (Django tasks; database-backed worker by default)."""

from __future__ import annotations

from django_tasks import task


@task()
def rescreen_task(snapshot_id: int) -> dict:
    """Re-screen open and running cases after a list snapshot was loaded (P-6)."""
    from .services import rescreen_after_snapshot

    return rescreen_after_snapshot(snapshot_id)
