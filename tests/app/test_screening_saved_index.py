"""Saved screening indexes of list snapshots (P-3(1)–(3) screening, P-6 re-screening): built once when
a snapshot is loaded, memory-mapped by every other process, rebuilt when they cannot serve, pruned when
an edition is superseded; and stored subject keys made by an older name analysis are not trusted.
All names are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rsec.app.screening import models as sm
from rsec.app.screening import services
from rsec.engine.names.index import ScreeningIndex

APP_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "screening_app"
LIST_V1 = APP_FIXTURES / "watch_2026-01-10.csv"
LIST_V2 = APP_FIXTURES / "watch_2026-02-10.csv"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


@pytest.fixture
def builds(monkeypatch):
    """Counts index builds; ``builds.forbid = True`` makes a build fail the test."""
    original = ScreeningIndex.build.__func__

    class Counter:
        n = 0
        forbid = False

    def build(cls, *args, **kwargs):
        assert not Counter.forbid, "the screening index was built again instead of loaded"
        Counter.n += 1
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(ScreeningIndex, "build", classmethod(build))
    return Counter


def hit_set(case) -> set[tuple]:
    return {
        (h.subject_id, h.entity_id, h.score, h.matched_name, h.explanation)
        for h in sm.Hit.objects.filter(case=case)
    }


def test_index_is_saved_when_a_snapshot_loads_and_other_processes_load_it(world, builds):
    """Loading a snapshot builds its index once and saves it; a process that has none in memory
    screens from the saved index without building, with the same hits."""
    snap = services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    saved = services.index_dir(snap)
    assert builds.n == 1 and (saved / "meta.json").exists()
    assert json.loads((saved / "meta.json").read_text())["entities"] == snap.entity_count
    services.screen_case(world.users["a_officer"], world.case)
    first = hit_set(world.case)
    assert len(first) == 3 and builds.n == 1  # the index in memory served

    sm.Hit.objects.all().delete()
    services._INDEX_CACHE.clear()  # as a fresh web or worker process
    builds.forbid = True
    services.screen_case(world.users["a_officer"], world.case)
    assert hit_set(world.case) == first


@pytest.mark.parametrize("damage", ["garbled_meta", "missing_array", "other_analysis", "other_edition"])
def test_a_saved_index_that_cannot_serve_is_rebuilt(world, builds, damage):
    """A damaged saved index, one made by another version of the name analysis, or one whose entity
    count is not the snapshot's, is rebuilt (and saved again) instead of being trusted."""
    snap = services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    services.screen_case(world.users["a_officer"], world.case)
    first = hit_set(world.case)
    saved = services.index_dir(snap)
    meta = json.loads((saved / "meta.json").read_text())
    if damage == "garbled_meta":
        (saved / "meta.json").write_text("{not json")
    elif damage == "missing_array":
        (saved / "post.npy").unlink()
    elif damage == "other_analysis":
        (saved / "meta.json").write_text(json.dumps({**meta, "analysis": "0" * 32}))
    else:
        (saved / "meta.json").write_text(json.dumps({**meta, "entities": meta["entities"] + 1}))
        sm.ListSnapshot.objects.filter(pk=snap.pk).update(entity_count=meta["entities"] + 1)
        snap.refresh_from_db()
    services._INDEX_CACHE.clear()
    sm.Hit.objects.all().delete()
    before = builds.n
    index = services.index_for(snap)
    assert builds.n == before + 1
    if damage != "other_edition":
        assert json.loads((saved / "meta.json").read_text()) == meta  # saved again, whole
        services.screen_case(world.users["a_officer"], world.case)
        assert hit_set(world.case) == first
    else:
        assert index.n_entities == meta["entities"]


def test_superseded_editions_lose_their_saved_index(world):
    """Only the latest edition of each list is screened against, so only its index is kept on disk."""
    snap1 = services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    assert services.index_dir(snap1).exists()
    snap2 = services.load_snapshot(world.users["a_officer"], upload(LIST_V2))
    assert services.index_dir(snap2).exists() and not services.index_dir(snap1).exists()
    root = services.index_dir(snap2).parent
    assert [p.name for p in root.iterdir()] == [services.index_dir(snap2).name]


def test_screening_works_when_the_index_cannot_be_saved(world, settings, tmp_path):
    """A read-only or broken index directory costs speed, never a screening."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.RSEC_INDEX_DIR = blocker / "screening-index"
    services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    services._INDEX_CACHE.clear()
    outcome = services.screen_case(world.users["a_officer"], world.case)
    assert len(outcome.new) == 3


def test_subject_keys_of_an_older_name_analysis_are_recomputed(world, monkeypatch):
    """Stored retrieval keys are reused only when the present name analysis made them: keys left by
    an older version (here replaced by keys that match nothing) would make re-screening miss people."""
    services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    services.screen_case(world.users["a_officer"], world.case)
    version = services.analysis_version()
    for subject in sm.ScreeningSubject.objects.all():
        assert all(entry["analysis"] == version for entry in subject.names)
        subject.names = [{**e, "keys": ["stale-key"], "analysis": "older"} for e in subject.names]
        subject.save()
    subjects = list(sm.ScreeningSubject.objects.filter(active=True))
    _items, keys = services.roster_of(subjects)
    assert keys == {}  # none trusted
    # Re-screening after list v2 still finds the PI 山田 太郎 ↔ the new entry "Taro Yamada".
    services.load_snapshot(world.users["a_officer"], upload(LIST_V2))
    assert sm.Hit.objects.filter(entity_id="csv:p9", query_name="山田 太郎").count() == 1
    # The next screening of the case stores keys of the present analysis again.
    services.screen_case(world.users["a_officer"], world.case)
    for subject in sm.ScreeningSubject.objects.filter(case=world.case, active=True):
        assert all(e["analysis"] == version and e["keys"] != ["stale-key"] for e in subject.names)


@pytest.fixture
def flush_past_the_audit_guard():
    """A transactional test ends with a flush of every table, which the append-only audit trail refuses
    (TRUNCATE trigger). Let that one clean-up flush through, as a superuser's maintenance would: the
    triggers are off only inside the flush's own transaction (SET LOCAL), never for another test."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite has one writer at a time")
    ops = connection.ops
    original = ops.execute_sql_flush

    def execute_sql_flush(sql_list):
        del ops.execute_sql_flush  # once: the flush runs after the test and its fixtures
        return original(["SET LOCAL session_replication_role = replica", *sql_list])

    ops.execute_sql_flush = execute_sql_flush
    return None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rescreening_waits_for_a_case_being_screened(flush_past_the_audit_guard, world):
    """Re-screening locks the open cases it reads: while a case is being screened (its row locked by
    screen_case), re-screening waits, so the two never raise the same hit twice. PostgreSQL takes row
    locks; SQLite serialises every write transaction anyway, so this is a PostgreSQL test."""
    import threading
    import time

    from django.db import connection, transaction

    from rsec.app.cases import models as m

    snap = services.load_snapshot(world.users["a_officer"], upload(LIST_V1))
    locked, release = threading.Event(), threading.Event()
    finished: list[float] = []
    released_at: list[float] = []
    errors: list[BaseException] = []

    def screening_in_progress():
        try:
            with transaction.atomic():
                m.Case.objects.select_for_update().get(pk=world.case.pk)
                locked.set()
                release.wait(20)
                released_at.append(time.monotonic())
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    def rescreening():
        try:
            services.rescreen_after_snapshot(snap.pk)
            finished.append(time.monotonic())
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    holder = threading.Thread(target=screening_in_progress)
    holder.start()
    assert locked.wait(20)
    worker = threading.Thread(target=rescreening)
    worker.start()
    worker.join(1.0)
    assert worker.is_alive() and not finished  # waiting for the case's lock
    release.set()
    holder.join(20)
    worker.join(20)
    assert not errors
    assert finished and released_at and finished[0] >= released_at[0]
