"""Writes of the screening app. Each service checks permission, validates, writes and appends to the
audit trail in one transaction (P-3(1)–(3) list checks; P-6 re-screening when a list changes).

The matching itself is the engine's: :func:`rsec.engine.lists.snapshot.load_snapshot` reads list files,
:class:`~rsec.engine.names.index.ScreeningIndex` screens a case's subjects against a whole snapshot, and
:class:`~rsec.engine.lists.screening.RosterIndex` re-screens every open case after a list update by
looking up only the added and changed entities in the roster (work proportional to the change).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rsec.app.audit import services as audit
from rsec.app.cases import models as cm
from rsec.app.cases.services import snapshot as row_snapshot
from rsec.engine.lists import ftm
from rsec.engine.lists.errors import ListFormatError
from rsec.engine.lists.model import ListEntity
from rsec.engine.lists.readers import FORMATS
from rsec.engine.lists.screening import RosterIndex, full_screen_hits
from rsec.engine.lists.snapshot import changed_fields
from rsec.engine.lists.snapshot import load_snapshot as engine_load_snapshot
from rsec.engine.names import DEFAULT_THRESHOLD, Query, latin_keys
from rsec.engine.names.codec import fingerprint
from rsec.engine.names.index import IndexFormatError, ScreeningIndex

from . import models as sm
from . import policy

REVIEW_STATUSES = {sm.Hit.Status.CONFIRMED, sm.Hit.Status.DISMISSED, sm.Hit.Status.NEEDS_REVIEW}


class ListLoadError(ValidationError):
    """A list file that cannot be loaded; names the file and the row / element (nothing is stored)."""

    def __init__(self, file: str, location: str, reason: str):
        self.file, self.location, self.reason = file, location, reason
        where = f"{file}: {location}" if location else file
        super().__init__({"file": [f"{where}: {reason}"]})


def threshold() -> float:
    return float(getattr(settings, "RSEC_SCREENING_THRESHOLD", DEFAULT_THRESHOLD))


def _deny() -> None:
    raise PermissionDenied(_("この操作を行う権限がありません"))


# ----------------------------------------------------------------------------- loading snapshots


def _parse_published(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    for length in (10, 7, 4):  # engine dates may be partial
        try:
            return dt.date.fromisoformat(
                text[:length] + ("" if length == 10 else "-01" if length == 7 else "-01-01")
            )
        except ValueError:
            continue
    return None


def _store(actor, path: Path, fmt: str | None, published, source_name: str) -> sm.ListSnapshot:
    """Read ``path`` with the engine and store snapshot + entities; audit; enqueue re-screening.
    Runs inside the caller's transaction."""
    if fmt is not None and fmt not in FORMATS:
        raise ListLoadError(source_name, "", _("不明な形式です: %(fmt)s") % {"fmt": fmt})
    try:
        snap = engine_load_snapshot(path, fmt, str(published) if published else None)
    except ListFormatError as exc:
        location = exc.location
        raise ListLoadError(source_name, location, exc.reason) from exc
    except (OSError, UnicodeError) as exc:
        raise ListLoadError(source_name, "", str(exc)) from exc
    if not snap.entities:
        raise ListLoadError(source_name, "", _("リストに掲載対象がありません"))
    row = sm.ListSnapshot.objects.create(
        list_code=snap.list[:40],
        format=snap.format,
        source_name=source_name[:255],
        published=_parse_published(published) or _parse_published(snap.published),
        sha256=snap.sha256,
        entity_count=snap.entity_count,
        loaded_by=actor if getattr(actor, "pk", None) else None,
    )
    sm.ListEntityRecord.objects.bulk_create(
        (
            sm.ListEntityRecord(
                snapshot=row,
                entity_id=e.id,
                schema=e.schema,
                caption=e.caption[:500],
                content_hash=e.content_hash(),
                data=ftm.entity_to_json(e),
            )
            for e in snap.entities.values()
        ),
        batch_size=1000,
    )
    audit.record(
        actor=actor,
        action="load_list",
        obj=row,
        organization_id=getattr(actor, "organization_id", None),
        after=row_snapshot(row),
    )
    from .tasks import rescreen_task

    # Enqueued in the same transaction: the database backend's worker sees the task only once the
    # snapshot is committed, and never for a load that was rolled back.
    rescreen_task.enqueue(row.pk)
    return row


def load_snapshot(user, upload, format: str | None = None, published=None) -> sm.ListSnapshot:
    """Store an uploaded list file as a new snapshot (institution admins and security officers only).
    A file the engine cannot read raises :class:`ListLoadError` naming the file and row/element."""
    if not policy.can_load_lists(user):
        _deny()
    name = os.path.basename(getattr(upload, "name", "") or "list")
    size = getattr(upload, "size", None) or 0
    if size > settings.RSEC_MAX_UPLOAD_BYTES:
        raise ListLoadError(
            name, "", _("ファイルが大きすぎます（上限 %(n)d バイト）") % {"n": settings.RSEC_MAX_UPLOAD_BYTES}
        )
    with tempfile.TemporaryDirectory(prefix="rsec-list-") as tmp:
        path = Path(tmp) / name  # the original name: it may carry the publication date and format
        with open(path, "wb") as out:
            for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
                out.write(chunk)
        with transaction.atomic():
            return _store(user, path, format or None, published, name)


def load_snapshot_file(path, format: str | None = None, published=None, user=None) -> sm.ListSnapshot:
    """Store a list file from the operator's shell (``rsec load_list``); attributed to ``user`` when
    given (who must then be allowed to load lists), else to the system."""
    if user is not None and not policy.can_load_lists(user):
        _deny()
    path = Path(path)
    with transaction.atomic():
        return _store(user, path, format or None, published, path.name)


def load_bundled_lists(user=None) -> list[sm.ListSnapshot]:
    """Store every list edition shipped with rsec (:mod:`rsec.engine.lists.bundled`) that is not stored
    yet (the same file content is never stored twice). Returns the snapshots stored now; each enqueues
    its re-screening like any other load."""
    from rsec.engine.lists.bundled import bundled_lists
    from rsec.engine.lists.snapshot import file_sha256

    stored = set(sm.ListSnapshot.objects.values_list("sha256", flat=True))
    out = []
    for b in bundled_lists():
        if file_sha256(b.path, b.format) in stored:
            continue
        out.append(load_snapshot_file(b.path, b.format, b.published, user=user))
    return out


def latest_snapshots() -> list[sm.ListSnapshot]:
    """The newest snapshot of each list."""
    latest: dict[str, sm.ListSnapshot] = {}
    for snap in sm.ListSnapshot.objects.order_by("list_code", "-id"):
        latest.setdefault(snap.list_code, snap)
    return list(latest.values())


def entities_of(snapshot: sm.ListSnapshot, ids=None) -> dict[str, ListEntity]:
    qs = snapshot.entities.all()
    if ids is not None:
        qs = qs.filter(entity_id__in=list(ids))
    out: dict[str, ListEntity] = {}
    for entity_id, data in qs.values_list("entity_id", "data").iterator(chunk_size=2000):
        entity = ftm.entity_from_json(data)
        if entity is not None:
            out[entity_id] = entity
    return out


_INDEX_CACHE: OrderedDict[tuple[int, str], ScreeningIndex] = OrderedDict()
_INDEX_LOCK = threading.Lock()
INDEX_CACHE_SIZE = 8

log = logging.getLogger(__name__)


def index_dir(snapshot: sm.ListSnapshot) -> Path:
    """Where the saved screening index of ``snapshot`` lives (named by its id and content hash)."""
    return Path(settings.RSEC_INDEX_DIR) / f"{snapshot.pk}-{snapshot.sha256[:16]}"


def _load_saved(snapshot: sm.ListSnapshot) -> ScreeningIndex | None:
    """The saved index of ``snapshot``, or None when there is none or it cannot serve (made by another
    version of the name analysis, damaged, or of another edition): such an index is rebuilt."""
    path = index_dir(snapshot)
    if not (path / "meta.json").exists():
        return None
    try:
        index = ScreeningIndex.load(path)
    except (IndexFormatError, OSError, ValueError) as exc:
        log.warning("screening index of snapshot %s is rebuilt: %s", snapshot.pk, exc.__class__.__name__)
        return None
    if index.n_entities != snapshot.entity_count:
        log.warning("screening index of snapshot %s is rebuilt: entity count differs", snapshot.pk)
        return None
    return index


def index_for(snapshot: sm.ListSnapshot) -> ScreeningIndex:
    """The engine's screening index of a snapshot: from this process's cache (LRU), else the saved index
    under ``RSEC_INDEX_DIR`` (memory-mapped, milliseconds), else built from the stored entities and saved
    for every other process. A saved index that cannot serve is rebuilt; one that cannot be written
    leaves the built index in use."""
    key = (snapshot.pk, snapshot.sha256)
    with _INDEX_LOCK:
        if key in _INDEX_CACHE:
            _INDEX_CACHE.move_to_end(key)
            return _INDEX_CACHE[key]
    index = _load_saved(snapshot)
    if index is None:
        index = ScreeningIndex.build(entities_of(snapshot).values())
        try:
            index.save(index_dir(snapshot))
        except OSError as exc:  # read-only or full disk, or a concurrent save: keep the built index
            log.warning("screening index of snapshot %s not saved: %s", snapshot.pk, exc.__class__.__name__)
    with _INDEX_LOCK:
        _INDEX_CACHE[key] = index
        while len(_INDEX_CACHE) > INDEX_CACHE_SIZE:
            _INDEX_CACHE.popitem(last=False)
    return index


def prune_saved_indexes() -> list[str]:
    """Remove saved indexes of snapshots that are no longer the latest of their list (and leftovers of
    interrupted saves). Returns the names of the directories removed."""
    root = Path(settings.RSEC_INDEX_DIR)
    if not root.is_dir():
        return []
    keep = {index_dir(s).name for s in latest_snapshots()}
    removed = []
    for path in root.iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


# ----------------------------------------------------------------------------- subjects


def _forms(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for form, value in pairs:
        value = " ".join((value or "").split())
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append((form, value))
    return out


@functools.cache
def analysis_version() -> str:
    """Fingerprint of the engine's name analysis (the code and dictionaries that make keys)."""
    return fingerprint()


def _current_keys(entry: dict) -> list[str] | None:
    """The stored keys of a name entry, if the present name analysis made them (else None: stale)."""
    if "keys" in entry and entry.get("analysis") == analysis_version():
        return entry["keys"]
    return None


def name_entries(forms: list[tuple[str, str]], schema: str, previous: list[dict] | None = None) -> list[dict]:
    """Name forms with their retrieval keys (kept, so that a roster index rebuilds without readings).
    Keys are reused only when the same version of the name analysis made them."""
    known = {(d["name"], schema): keys for d in previous or [] if (keys := _current_keys(d)) is not None}
    version = analysis_version()
    return [
        {
            "form": form,
            "name": name,
            "keys": known.get((name, schema)) or sorted(latin_keys(name, schema)),
            "analysis": version,
        }
        for form, name in forms
    ]


def _subject_specs(case: cm.Case) -> list[dict]:
    specs = []
    for mb in case.member_set.select_related("person"):
        p = mb.person
        specs.append(
            {
                "source_key": f"member:{mb.pk}",
                "kind": sm.ScreeningSubject.Kind.PERSON,
                "owner_id": mb.owner_id,
                "person_id": p.pk,
                "label": str(p) or p.latin_name,
                "schema": "Person",
                "country": p.nationality,
                "forms": _forms(
                    ("kanji", f"{p.family_name} {p.given_name}"),
                    ("kana", f"{p.family_name_kana} {p.given_name_kana}"),
                    ("latin", f"{p.given_name_latin} {p.family_name_latin}"),
                ),
            }
        )
    for pt in case.partner_set.all():
        specs.append(
            {
                "source_key": f"partner:{pt.pk}",
                "kind": sm.ScreeningSubject.Kind.PARTNER,
                "owner_id": pt.owner_id,
                "person_id": None,
                "label": pt.name_ja,
                "schema": "Company" if pt.is_company else "Organization",
                "country": pt.country,
                "forms": _forms(("ja", pt.name_ja), ("en", pt.name_en)),
            }
        )
    for s in case.supporter_set.all():
        schema = {"individual": "Person", "company": "Company"}.get(s.kind, "Organization")
        specs.append(
            {
                "source_key": f"supporter:{s.pk}",
                "kind": sm.ScreeningSubject.Kind.SUPPORTER,
                "owner_id": s.owner_id,
                "person_id": None,
                "label": s.name,
                "schema": schema,
                "country": s.country,
                "forms": _forms(("name", s.name)),
            }
        )
    return specs


def sync_subjects(case: cm.Case) -> list[sm.ScreeningSubject]:
    """Bring the case's screening subjects in line with its members, partners and supporters."""
    existing = {s.source_key: s for s in sm.ScreeningSubject.objects.filter(case=case)}
    seen = set()
    out = []
    for spec in _subject_specs(case):
        forms = spec.pop("forms")
        key = spec["source_key"]
        seen.add(key)
        subject = existing.get(key) or sm.ScreeningSubject(case=case, source_key=key)
        names = name_entries(forms, spec["schema"], subject.names)
        fields = {k: v for k, v in spec.items() if k != "source_key"}
        fields.update(names=names, active=bool(names))
        if subject.pk is None or any(getattr(subject, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(subject, k, v)
            subject.save()
        out.append(subject)
    gone = [s.pk for k, s in existing.items() if k not in seen and s.active]
    if gone:
        sm.ScreeningSubject.objects.filter(pk__in=gone).update(active=False, updated_at=timezone.now())
    return out


def roster_of(subjects) -> tuple[list[tuple[str, Query]], dict[tuple[str, str], list[str]]]:
    """Engine roster ``(subject_id:form_no, Query)`` and the stored keys of its names (those made by
    the present name analysis)."""
    items: list[tuple[str, Query]] = []
    keys: dict[tuple[str, str], list[str]] = {}
    for s in subjects:
        for i, entry in enumerate(s.names):
            items.append((f"{s.pk}:{i}", Query(entry["name"], s.schema, country=s.country or None)))
            stored = _current_keys(entry)
            if stored is not None:  # keys of an older analysis are recomputed by the key function
                keys[(entry["name"], s.schema)] = stored
    return items, keys


def cached_key_fn(keys: dict[tuple[str, str], list[str]]):
    def key_fn(name: str, schema: str = "Person"):
        found = keys.get((name, schema))
        return found if found is not None else latin_keys(name, schema)

    return key_fn


# ----------------------------------------------------------------------------- reconciling hits


@dataclass
class Found:
    subject_id: int
    entity: ListEntity
    entity_hash: str
    snapshot: sm.ListSnapshot
    score: float
    matched_name: str
    explanation: str
    query_name: str


@dataclass
class Outcome:
    """What a screening or re-screening changed (hit ids by kind) and what it cost."""

    new: list[int] = field(default_factory=list)
    reraised: list[int] = field(default_factory=list)
    relisted: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    no_match: list[int] = field(default_factory=list)
    subjects: int = 0
    entities_examined: int = 0
    pairs_scored: int = 0
    by_case: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    def add(self, kind: str, hit: sm.Hit) -> None:
        getattr(self, kind).append(hit.pk)
        self.by_case.setdefault(hit.case_id, {}).setdefault(kind, []).append(hit.pk)

    def as_dict(self) -> dict:
        return {
            "new": self.new,
            "reraised": self.reraised,
            "relisted": self.relisted,
            "removed": self.removed,
            "no_match": self.no_match,
            "subjects": self.subjects,
            "entities_examined": self.entities_examined,
            "pairs_scored": self.pairs_scored,
        }


def _best(found: dict[tuple[int, str], Found], candidate: Found) -> None:
    key = (candidate.subject_id, candidate.entity.id)
    current = found.get(key)
    if current is None or candidate.score > current.score:
        found[key] = candidate


def _old_entity(hit: sm.Hit) -> ListEntity | None:
    data = (
        sm.ListEntityRecord.objects.filter(snapshot_id=hit.snapshot_id, entity_id=hit.entity_id)
        .values_list("data", flat=True)
        .first()
    )
    return ftm.entity_from_json(data) if data else None


def _change_note(hit: sm.Hit, f: Found) -> str:
    old = _old_entity(hit)
    fields = changed_fields(old, f.entity) if old is not None else []
    when = f.snapshot.published or timezone.localdate()
    return _(
        "%(date)s 版で掲載内容が変更（%(fields)s）; スコア %(old).2f → %(new).2f; 変更前の判断: %(status)s"
    ) % {
        "date": when,
        "fields": ", ".join(fields) or "?",
        "old": hit.score,
        "new": f.score,
        "status": hit.get_status_display(),
    }


def _append(note: str, line: str) -> str:
    return f"{note}\n{line}".strip()


def reconcile(
    found: dict[tuple[int, str], Found],
    existing: list[sm.Hit],
    present_ids: dict[str, set[str]],
    subjects: dict[int, sm.ScreeningSubject],
    outcome: Outcome,
) -> None:
    """Turn what the engine found into hits.

    ``existing`` are the stored hits within the scope of this run (their pair was looked at); a pair
    found for the first time is raised (要確認); a pair whose listed entity changed is re-raised with a
    note of what changed; an unchanged pair keeps its review (a dismissed hit stays dismissed); a stored
    pair no longer found is marked — removed from the list, or no longer matching — never deleted.
    ``present_ids`` are the entity ids of the current snapshot of each list in scope."""
    now = timezone.now()
    by_key = {(h.subject_id, h.entity_id): h for h in existing}
    for key, f in found.items():
        hit = by_key.pop(key, None)
        subject = subjects[f.subject_id]
        if hit is None:
            hit = sm.Hit.objects.create(
                subject=subject,
                case_id=subject.case_id,
                list_code=f.snapshot.list_code,
                entity_id=f.entity.id,
                entity_caption=f.entity.caption[:500],
                entity_hash=f.entity_hash,
                snapshot=f.snapshot,
                score=f.score,
                matched_name=f.matched_name[:500],
                query_name=f.query_name[:300],
                explanation=f.explanation,
                raised_at=now,
            )
            outcome.add("new", hit)
        elif hit.entity_hash != f.entity_hash:
            hit.note = _append(hit.note, _change_note(hit, f))
            hit.status = sm.Hit.Status.NEEDS_REVIEW
            hit.list_state = sm.Hit.ListState.LISTED
            hit.entity_hash = f.entity_hash
            hit.entity_caption = f.entity.caption[:500]
            hit.snapshot = f.snapshot
            hit.score, hit.matched_name, hit.query_name = f.score, f.matched_name[:500], f.query_name[:300]
            hit.explanation = f.explanation
            hit.raised_at = now
            hit.save()
            outcome.add("reraised", hit)
        elif hit.list_state != sm.Hit.ListState.LISTED:
            hit.note = _append(
                hit.note,
                _("%(date)s 版で再び一致（掲載内容は変更なし）")
                % {"date": f.snapshot.published or timezone.localdate()},
            )
            hit.list_state = sm.Hit.ListState.LISTED
            hit.snapshot = f.snapshot
            hit.save()
            outcome.add("relisted", hit)
    for hit in by_key.values():
        if hit.list_state != sm.Hit.ListState.LISTED:
            continue
        present = present_ids.get(hit.list_code)
        if present is None:
            continue
        if hit.entity_id in present:
            hit.list_state = sm.Hit.ListState.NO_MATCH
            hit.note = _append(hit.note, _("最新の照合で一致しなくなりました"))
            outcome.add("no_match", hit)
        else:
            hit.list_state = sm.Hit.ListState.REMOVED
            hit.note = _append(hit.note, _("リストから削除されました"))
            outcome.add("removed", hit)
        hit.save(update_fields=["list_state", "note"])


# ----------------------------------------------------------------------------- screening a case


@transaction.atomic
def screen_case(user, case: cm.Case) -> Outcome:
    """Screen every person, partner and supporter of ``case`` against the latest snapshot of each list
    (P-3(1)–(3)); hits at or above the threshold are raised for review. A partner institution screens
    only the subjects it owns."""
    case = cm.Case.objects.select_for_update().get(pk=case.pk)
    owners = policy.screenable_owner_ids(user, case)
    if owners is not None and not owners:
        _deny()
    snapshots = latest_snapshots()
    if not snapshots:
        raise ValidationError(_("ウォッチリストが読み込まれていません"))
    subjects = [s for s in sync_subjects(case) if s.active and (owners is None or s.owner_id in owners)]
    by_id = {s.pk: s for s in subjects}
    roster, _keys = roster_of(subjects)
    thr = threshold()
    found: dict[tuple[int, str], Found] = {}
    present: dict[str, set[str]] = {}
    outcome = Outcome(subjects=len(subjects))
    for snap in snapshots:
        hashes = dict(snap.entities.values_list("entity_id", "content_hash"))
        present[snap.list_code] = set(hashes)
        pairs = full_screen_hits(index_for(snap), roster, thr)
        entities = entities_of(snap, {entity_id for _qid, entity_id in pairs})
        for (qid, entity_id), h in pairs.items():
            sid, form = (int(x) for x in qid.split(":"))
            _best(
                found,
                Found(
                    sid,
                    entities[entity_id],
                    hashes[entity_id],
                    snap,
                    float(h.score),
                    h.matched_name,
                    h.explanation,
                    by_id[sid].names[form]["name"],
                ),
            )
        outcome.entities_examined += snap.entity_count
    existing = list(
        sm.Hit.objects.filter(subject_id__in=list(by_id), list_code__in=list(present)).select_related(
            "snapshot"
        )
    )
    reconcile(found, existing, present, by_id, outcome)
    audit.record(
        actor=user,
        action="screen",
        object_type="cases.case",
        object_id=str(case.pk),
        organization_id=user.organization_id,
        case_id=case.pk,
        after={"snapshots": [s.pk for s in snapshots], **outcome.as_dict()},
    )
    return outcome


# ----------------------------------------------------------------------------- reviewing


@transaction.atomic
def review_hit(user, hit: sm.Hit, status: str, reason: str = "") -> sm.Hit:
    """An officer's judgement on a hit: confirmed (該当) or dismissed (非該当), with a reason; or back
    to needs_review. Audited with before and after."""
    hit = sm.Hit.objects.select_for_update().select_related("case").get(pk=hit.pk)
    if not policy.can_review(user, hit):
        _deny()
    if status not in REVIEW_STATUSES:
        raise ValidationError({"status": _("状態は needs_review / confirmed / dismissed のいずれかです")})
    reason = (reason or "").strip()
    if status != sm.Hit.Status.NEEDS_REVIEW and not reason:
        raise ValidationError({"reason": _("判断の理由を記入してください")})
    before = row_snapshot(hit)
    hit.status = status
    hit.reason = reason
    hit.reviewer = user
    hit.reviewed_at = timezone.now()
    hit.save(update_fields=["status", "reason", "reviewer", "reviewed_at"])
    audit.record(
        actor=user,
        action="review_hit",
        obj=hit,
        organization_id=user.organization_id,
        case_id=hit.case_id,
        before=before,
        after=row_snapshot(hit),
        reason=reason,
    )
    return hit


# ----------------------------------------------------------------------------- re-screening


@transaction.atomic
def rescreen_after_snapshot(snapshot_id: int) -> dict:
    """Re-screen everyone in open and running cases after ``snapshot_id`` was loaded (P-6), raising only
    new or changed hits. Only the entities added or changed since the list's previous snapshot are
    looked up in the roster index; removed entities need no matching (their hits are marked)."""
    new = sm.ListSnapshot.objects.get(pk=snapshot_id)
    newer = sm.ListSnapshot.objects.filter(list_code=new.list_code, pk__gt=new.pk).exists()
    if newer:  # a later edition was loaded meanwhile; its own re-screening covers this one
        return {"skipped": True}
    prev = sm.ListSnapshot.objects.filter(list_code=new.list_code, pk__lt=new.pk).order_by("-pk").first()
    new_hashes = dict(new.entities.values_list("entity_id", "content_hash"))
    old_hashes = dict(prev.entities.values_list("entity_id", "content_hash")) if prev else {}
    added = new_hashes.keys() - old_hashes.keys()
    removed = old_hashes.keys() - new_hashes.keys()
    changed = {i for i in new_hashes.keys() & old_hashes.keys() if new_hashes[i] != old_hashes[i]}
    touched = added | changed
    # Lock the open cases (in id order, as screen_case locks its one case) so that a case screened at
    # the same time is either finished before its hits are read here, or waits for this re-screening.
    list(
        cm.Case.objects.select_for_update()
        .filter(status__in=policy.OPEN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    subjects = list(
        sm.ScreeningSubject.objects.filter(active=True, case__status__in=policy.OPEN_STATUSES).only(
            "id", "case_id", "names", "schema", "country"
        )
    )
    outcome = Outcome(subjects=len(subjects))
    if touched or removed:
        by_id = {s.pk: s for s in subjects}
        entities = entities_of(new, touched) if touched else {}
        found: dict[tuple[int, str], Found] = {}
        if touched and subjects:
            items, keys = roster_of(subjects)
            roster = RosterIndex(items, key_fn=cached_key_fn(keys))
            pairs, scored = roster.hits_for(entities.values(), threshold())
            outcome.pairs_scored = scored
            for (qid, entity_id), rh in pairs.items():
                sid, form = (int(x) for x in qid.split(":"))
                h = rh.hit
                _best(
                    found,
                    Found(
                        sid,
                        entities[entity_id],
                        new_hashes[entity_id],
                        new,
                        float(h.score),
                        h.matched_name,
                        h.explanation,
                        by_id[sid].names[form]["name"],
                    ),
                )
        outcome.entities_examined = len(entities)
        existing = list(
            sm.Hit.objects.filter(
                list_code=new.list_code,
                entity_id__in=list(touched | removed),
                subject__active=True,
                case__status__in=policy.OPEN_STATUSES,
            ).select_related("snapshot")
        )
        reconcile(found, existing, {new.list_code: set(new_hashes)}, by_id, outcome)
    summary = {
        "snapshot": new.pk,
        "previous": prev.pk if prev else None,
        "entities_added": len(added),
        "entities_removed": len(removed),
        "entities_changed": len(changed),
        **outcome.as_dict(),
    }
    cases = cm.Case.objects.filter(pk__in=list(outcome.by_case)).only("id", "institution_id")
    for case in cases:
        audit.record(
            actor=None,
            action="rescreen",
            object_type="screening.listsnapshot",
            object_id=str(new.pk),
            organization_id=case.institution_id,
            case_id=case.pk,
            after={"snapshot": new.pk, "list": new.list_code, **outcome.by_case[case.pk]},
        )
    return summary


def prepare_index(snapshot_id: int) -> bool:
    """Build and save the screening index of a newly loaded snapshot, so that screening a case in any
    process starts from the saved index; then remove saved indexes of superseded editions. Returns
    whether the snapshot is its list's latest (only those are screened against)."""
    snap = sm.ListSnapshot.objects.filter(pk=snapshot_id).first()
    if snap is None or sm.ListSnapshot.objects.filter(list_code=snap.list_code, pk__gt=snap.pk).exists():
        return False
    index_for(snap)
    prune_saved_indexes()
    return True
