"""Re-screening cost after a list update is proportional to the change, not to the roster (P-6).

A 10,000-person roster (one open case) is re-screened after a list edition that adds one entity and
changes one; the work is counted as exact matcher comparisons (deterministic, unlike wall time).
All names are synthetic."""

from __future__ import annotations

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rsec.app.cases import models as m
from rsec.app.screening import models as sm
from rsec.app.screening import services
from rsec.engine.lists.screening import CANDIDATES
from rsec.engine.names import Matcher

ROSTER = 10_000
SYLLABLES = "ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo ra ri ru re ro".split()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def _name(rng: random.Random) -> str:
    return f"{_word(rng, rng.randint(2, 3))} {_word(rng, rng.randint(3, 4))}"


def _csv(rows: list[tuple[str, str, str]]) -> SimpleUploadedFile:
    lines = ["id,schema,name,aliases,country,birth_date"]
    lines += [f"{i},{schema},{name},,," for i, schema, name in rows]
    return SimpleUploadedFile("synthetic_list.csv", ("\n".join(lines) + "\n").encode())


@pytest.fixture
def counted(monkeypatch):
    calls = {"n": 0}
    original = Matcher.compare

    def compare(self, query, entity):
        calls["n"] += 1
        return original(self, query, entity)

    monkeypatch.setattr(Matcher, "compare", compare)
    return calls


def test_rescreen_work_is_proportional_to_the_change(world, counted):
    """10,000 roster subjects, a 300-entity list: re-screening after 1 added + 1 changed + 1 removed
    entity makes at most CANDIDATES comparisons per touched name (here a handful), none for an
    unchanged re-load, and raises the new hit on the roster member whose name was added."""
    rng = random.Random(7)
    officer = world.users["a_officer"]
    v1 = [(f"e{i}", "Person", _name(rng)) for i in range(300)]
    services.load_snapshot(officer, _csv(v1))  # no subjects yet: nothing to re-screen

    case = world.case
    names = [_name(rng) for _ in range(ROSTER)]
    sm.ScreeningSubject.objects.bulk_create(
        sm.ScreeningSubject(
            case=case,
            owner_id=case.institution_id,
            kind="person",
            source_key=f"synthetic:{i}",
            label=f"subject {i}",
            schema="Person",
            names=services.name_entries([("latin", name)], "Person"),
        )
        for i, name in enumerate(names)
    )
    assert case.status in (m.Case.Status.DRAFT, m.Case.Status.SUBMITTED, m.Case.Status.RUNNING)

    target = 4321
    v2 = [row for row in v1 if row[0] != "e0"]  # removed
    v2[0] = (v2[0][0], "Person", _name(rng))  # changed
    v2.append(("new1", "Person", names[target]))  # added: a roster member's name
    counted["n"] = 0
    summary = services.rescreen_after_snapshot(services.load_snapshot(officer, _csv(v2)).pk)
    # load_snapshot already ran the task once (immediate backend); running it again gives its figures.
    work_on_update = counted["n"]
    assert (summary["entities_added"], summary["entities_removed"], summary["entities_changed"]) == (1, 1, 1)
    assert summary["entities_examined"] == 2  # added + changed; removals need no matching
    assert 1 <= summary["pairs_scored"] <= 2 * CANDIDATES
    assert work_on_update == 2 * summary["pairs_scored"]  # the task run and this explicit run
    assert summary["pairs_scored"] < ROSTER / 100
    hit = sm.Hit.objects.get(entity_id="csv:new1")
    assert hit.subject.source_key == f"synthetic:{target}" and hit.status == "needs_review"
    # Only touched entities were looked at (v1 was loaded before the roster existed).
    assert set(sm.Hit.objects.values_list("entity_id", flat=True)) <= {"csv:new1", f"csv:{v2[0][0]}"}
    assert summary["new"] == []  # the explicit second run finds the hit already raised

    # The same edition again: no change, no comparison.
    counted["n"] = 0
    services.load_snapshot(officer, _csv(v2))
    assert counted["n"] == 0

    # A change 50 times larger costs about 50 times more, still far below the roster size.
    v3 = [(i, s, _name(rng)) if k < 100 else (i, s, n) for k, (i, s, n) in enumerate(v2)]
    counted["n"] = 0
    services.load_snapshot(officer, _csv(v3))
    assert counted["n"] > 5 * summary["pairs_scored"]
    assert counted["n"] <= 100 * CANDIDATES
