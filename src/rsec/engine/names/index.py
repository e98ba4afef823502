"""Screening index (スクリーニング索引): every name and alias of the loaded watch lists, searchable fast.

Two stages, as in every name-screening system of this kind:

1. **Candidate retrieval** through an inverted index over the *keys* of each name (by default
   :func:`rsec.engine.names.latin_keys`, so that 山田太郎, ヤマダ タロウ and Taro Yamada meet on the same
   Latin keys). Keys are stored as 64-bit hashes in a sorted ``uint64`` array and posting lists as one
   compact ``int32`` array (CSR layout), so a million names take tens of megabytes and load by memory
   mapping. Retrieval is *sublinear*: query keys are visited rarest first and weighted by IDF; posting
   lists are only scanned while the total stays under ``scan_cap``; keys too common to scan are only
   *tested* for the candidates already found (binary search), and a query made only of common keys
   intersects their postings. The number of postings examined is therefore bounded by the cap, not by
   the size of the index.
2. **Exact scoring** of the best candidates (ranked by IDF-weighted key overlap; at most
   :data:`MAX_COMPARE` entities, those within :data:`RELATIVE_CUTOFF` of the best and above
   :data:`MIN_OVERLAP`) with the cross-script :class:`~rsec.engine.names.Matcher`, which gives the
   score and the explanation.

The persistent form is a directory of ``.npy`` arrays plus a JSON-lines file of entities, the prepared
readings of every name (:mod:`rsec.engine.names.codec`) and a ``meta.json`` (no pickle);
:meth:`ScreeningIndex.load` memory-maps the arrays, so start-up costs little more than reading the
metadata. Listed names are analysed once, when the index is built: a query pays only for its own name.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import multiprocessing
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from rsec.engine.lists.model import ListEntity, Name

from . import ranking

KeyFn = Callable[[str, str], Iterable[str]]

FORMAT_VERSION = 2
#: Decoded stored readings kept per process (rows of the index).
READING_CACHE = 131_072

#: Default number of postings a query may scan in full (the sublinearity bound).
SCAN_CAP = 10_000
#: Default number of candidates tested against the keys too common to scan (binary searches).
PROBE_CAP = 1_000
#: Default number of candidate names taken from retrieval.
CANDIDATES = 40
#: Default maximum number of entities scored exactly by the matcher per query (the latency budget).
MAX_COMPARE = 5
#: The same for a query written in a script other than Latin: its keys come from readings (a kanji or
#: katakana name has several), which share keys with more listed names, so key overlap ranks the listed
#: party lower among them (MOF katakana names against the English list names: 91.5 % of the parties
#: among the first 5 candidates, 97.0 % among the first 8).
MAX_COMPARE_CROSS = 8
#: Candidates whose key overlap is below this fraction of the best candidate's are not scored exactly.
RELATIVE_CUTOFF = 0.5
#: Candidates whose key overlap score (0–1) is below this are not scored exactly.
MIN_OVERLAP = 0.35


class IndexFormatError(ValueError):
    """A saved index directory is missing a file or is inconsistent."""

    def __init__(self, path: str | os.PathLike, message: str):
        self.path = str(path)
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Hit:
    """One screening hit: a listed party whose name matched the query."""

    list_entity_id: str
    list: str
    score: float
    matched_name: str
    explanation: str
    schema: str = ""
    caption: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "list_entity_id": self.list_entity_id,
            "list": self.list,
            "score": round(float(self.score), 4),
            "matched_name": self.matched_name,
            "explanation": self.explanation,
        }


@dataclass
class Candidates:
    """Result of candidate retrieval: row ids (names or other records), overlap scores, and cost."""

    ids: np.ndarray
    scores: np.ndarray
    examined: int = 0  # postings read or tested: the work done, bounded by the scan cap
    keys: int = 0  # query keys known to the index
    skipped_common: list[int] = field(default_factory=list)


def _written_in_another_script(name: str) -> bool:
    """Whether ``name`` has letters outside the Latin script (kanji, kana, hangul, Cyrillic …)."""
    return any(ch.isalpha() and ord(ch) > 0x24F and not 0x1E00 <= ord(ch) <= 0x1EFF for ch in name)


def _query_hashes(keys: Iterable[str]) -> list[int]:
    """The hashes of a query's keys, each once, in one order for both ranking paths."""
    return list({key_hash(k) for k in keys if k})


@lru_cache(maxsize=262_144)
def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (independent of PYTHONHASHSEED); memoised, as keys recur."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def _fn_name(fn: Callable) -> str:
    return f"{fn.__module__}:{fn.__qualname__}"


def _resolve_fn(name: str) -> KeyFn:
    module, _, qual = name.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qual.split("."):
        obj = getattr(obj, part)
    return obj


def default_key_fn() -> KeyFn:
    from rsec.engine.names import latin_keys

    return latin_keys


class KeyPostings:
    """Inverted index from keys to row ids, in compact arrays (CSR).

    ``rows`` are whatever the caller numbers: names in the screening index, roster members in
    re-screening. ``row_weight`` holds, per row, the sum of the IDF weights of its keys, for the
    Dice-style overlap score.
    """

    def __init__(self, hashes: np.ndarray, ptr: np.ndarray, post: np.ndarray, row_weight: np.ndarray):
        self.hashes = hashes  # uint64, sorted, one per distinct key
        self.ptr = ptr  # int64, len(hashes) + 1
        self.post = post  # int32, row ids sorted within each key
        self.row_weight = row_weight  # float32, one per row
        self.n_rows = int(len(row_weight))
        self._idf_cache: np.ndarray | None = None
        self._local = threading.local()  # ranking.rank_scanned's scratch space, one per thread

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, row_keys: Sequence[Iterable[str]]) -> KeyPostings:
        vocab: dict[str, int] = {}
        tok_ids: list[int] = []
        row_ids: list[int] = []
        for row, keys in enumerate(row_keys):
            for key in set(keys):
                if not key:
                    continue
                tid = vocab.get(key)
                if tid is None:
                    tid = vocab[key] = len(vocab)
                tok_ids.append(tid)
                row_ids.append(row)
        n_rows = len(row_keys)
        toks = np.asarray(tok_ids, dtype=np.int64)
        rows = np.asarray(row_ids, dtype=np.int32)
        hashes_by_tid = np.fromiter((key_hash(k) for k in vocab), dtype=np.uint64, count=len(vocab))
        order_tid = np.argsort(hashes_by_tid, kind="stable")
        hashes = hashes_by_tid[order_tid]
        if len(hashes) > 1 and np.any(hashes[1:] == hashes[:-1]):  # pragma: no cover - 2**-64 odds
            raise ValueError("key hash collision; rebuild with another key function")
        rank = np.empty(len(vocab), dtype=np.int64)
        rank[order_tid] = np.arange(len(vocab))
        slot = rank[toks] if len(toks) else toks
        order = np.lexsort((rows, slot))
        post = rows[order]
        counts = np.bincount(slot, minlength=len(vocab)) if len(toks) else np.zeros(len(vocab), np.int64)
        ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(counts, out=ptr[1:])
        idf = cls._idf(counts, n_rows)
        weights = np.bincount(post, weights=np.repeat(idf, counts), minlength=n_rows).astype(np.float32)
        return cls(hashes, ptr, post, weights)

    @staticmethod
    def _idf(df: np.ndarray, n_rows: int) -> np.ndarray:
        return np.log1p(n_rows / np.maximum(df, 1)).astype(np.float64)

    @property
    def idf(self) -> np.ndarray:
        if self._idf_cache is None:
            self._idf_cache = self._idf(np.diff(self.ptr), self.n_rows)
        return self._idf_cache

    # -- persistence -------------------------------------------------------------------------
    FILES = ("hashes", "ptr", "post", "row_weight")

    def save(self, directory: Path, prefix: str) -> None:
        for name in self.FILES:
            np.save(directory / f"{prefix}{name}.npy", getattr(self, name), allow_pickle=False)

    @classmethod
    def load(cls, directory: Path, prefix: str, mmap: bool = True) -> KeyPostings:
        arrays = []
        for name in cls.FILES:
            path = directory / f"{prefix}{name}.npy"
            if not path.exists():
                raise IndexFormatError(path, "missing index array")
            array = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
            # a plain view of the mapped memory: indexing a np.memmap costs a Python-level hook each time
            arrays.append(array.view(np.ndarray) if mmap else array)
        hashes, ptr, post, weights = arrays
        if len(ptr) != len(hashes) + 1 or int(ptr[-1]) != len(post):
            raise IndexFormatError(directory, f"inconsistent posting arrays ({prefix or 'names'})")
        return cls(hashes, ptr, post, weights)

    # -- retrieval ---------------------------------------------------------------------------
    def lookup(self, keys: Iterable[str]) -> np.ndarray:
        return self._lookup_hashes(_query_hashes(keys))

    def _lookup_hashes(self, query_hashes: list[int]) -> np.ndarray:
        hs = np.fromiter(query_hashes, dtype=np.uint64, count=len(query_hashes))
        if not len(hs) or not len(self.hashes):
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.hashes, hs)
        pos = np.minimum(pos, len(self.hashes) - 1)
        return pos[self.hashes[pos] == hs].astype(np.int64)

    def postings(self, tid: int) -> np.ndarray:
        return self.post[self.ptr[tid] : self.ptr[tid + 1]]

    def _merge_postings(
        self, tids: np.ndarray, idf: np.ndarray, df: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the postings of ``tids`` (each row once, ascending) with the sum of the ``idf`` of
        the keys they hold. Each posting list is sorted, so the rows tagged with their key's place (low
        bits) sort as a merge of sorted runs; the sums add in the keys' order, as a bincount over the
        concatenated lists would (this is a third of the cost of ``np.unique(…, return_inverse=True)``)."""
        bits = max(len(tids) - 1, 1).bit_length()
        slices = [self.postings(int(t)) for t in tids]
        tagged = np.concatenate(slices).astype(np.int64)
        tagged <<= bits
        tagged |= np.repeat(np.arange(len(tids), dtype=np.int64), df)
        tagged.sort(kind="stable")  # stable: a merge of the sorted runs
        rows = tagged >> bits
        first = np.empty(len(rows), dtype=bool)
        first[:1] = True
        np.not_equal(rows[1:], rows[:-1], out=first[1:])
        slot = np.cumsum(first) - 1
        overlap = np.bincount(
            slot, weights=idf[tagged & ((1 << bits) - 1)], minlength=int(slot[-1]) + 1 if len(slot) else 0
        )
        return rows[first], overlap

    def _scratch(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-row scratch space of :func:`ranking.rank_scanned` for this thread (made on first use:
        12 bytes a row)."""
        local = self._local
        acc = getattr(local, "acc", None)
        if acc is None:
            acc = local.acc = np.zeros(self.n_rows, np.float64)
            local.touched = np.empty(self.n_rows, np.int32)
        return acc, local.touched

    def candidates(
        self,
        keys: Iterable[str],
        limit: int = CANDIDATES,
        scan_cap: int = SCAN_CAP,
        min_score: float = 0.0,
        probe_cap: int = PROBE_CAP,
    ) -> Candidates:
        """Rows sharing keys with ``keys``, best ``limit`` by IDF-weighted overlap (mean of the overlap
        coefficient and the Dice coefficient, 0–1), at least ``min_score``.

        Work is bounded by ``scan_cap`` postings scanned plus binary-search tests of each common key
        against at most ``probe_cap`` candidates, whatever the size of the index.
        """
        query_hashes = _query_hashes(keys)
        if ranking.COMPILED:
            # every key rare enough to scan (the usual case): the same ranking in C loops
            acc, touched = self._scratch()
            found = ranking.rank_scanned(
                self.hashes,
                self.ptr,
                self.post,
                self.idf,
                self.row_weight,
                acc,
                touched,
                query_hashes,
                scan_cap,
                min_score,
                limit,
            )
            if found is not None:
                return Candidates(*found)
        tids = self._lookup_hashes(query_hashes)
        empty = Candidates(np.zeros(0, np.int32), np.zeros(0, np.float32), 0, 0)
        if not len(tids):
            return empty
        df = self.ptr[tids + 1] - self.ptr[tids]
        idf = self.idf[tids]
        order = np.argsort(df, kind="stable")
        tids, df, idf = tids[order], df[order], idf[order]
        q_weight = sum(idf.tolist())  # added in order, rarest first (as ranking.rank_scanned adds them)
        scanned = 0
        n_rare = 0
        for d in df:
            if scanned + int(d) > scan_cap:
                break
            scanned += int(d)
            n_rare += 1
        examined = scanned
        if n_rare:
            ids, overlap = self._merge_postings(tids[:n_rare], idf[:n_rare], df[:n_rare])
            common = range(n_rare, len(tids))
        else:
            # Only common keys: intersect the two rarest, then keep the rows with the fewest other keys.
            base = np.asarray(self.postings(int(tids[0])))
            examined += len(base)
            used = 1
            if len(tids) > 1:
                other = np.asarray(self.postings(int(tids[1])))
                examined += len(other)
                both = np.intersect1d(base, other, assume_unique=True)
                if len(both):
                    base, used = both, 2
            if len(base) > probe_cap:  # keep the rows with the fewest other keys
                keep = np.argpartition(np.asarray(self.row_weight)[base], probe_cap - 1)[:probe_cap]
                base = np.sort(base[keep])
            ids = base
            overlap = np.full(len(ids), float(idf[:used].sum()))
            if used == 1 and len(tids) > 1:
                common = range(1, len(tids))
            else:
                common = range(used, len(tids))
        if len(common) and len(ids) > probe_cap:
            # Keys too common to scan are only tested for the best candidates so far.
            keep = np.argpartition(-overlap, probe_cap - 1)[:probe_cap]
            keep.sort()
            ids, overlap = ids[keep], overlap[keep]
        skipped = []
        for i in common:
            plist = self.postings(int(tids[i]))
            if len(plist) == 0 or len(ids) == 0:
                continue
            pos = np.minimum(np.searchsorted(plist, ids), len(plist) - 1)
            overlap = overlap + (np.asarray(plist)[pos] == ids) * idf[i]
            examined += len(ids)
            skipped.append(int(df[i]))
        row_w = np.asarray(self.row_weight)[ids].astype(np.float64)
        # Rank by the mean of the overlap coefficient (share of the lighter side's keys found in the
        # other), which does not penalise a cross-script name for the many reading keys of the other
        # side, and the Dice coefficient, which prefers names of similar extent.
        coverage = overlap / np.maximum(np.minimum(q_weight, row_w), 1e-9)
        dice = 0.5 * np.minimum(coverage, 1.0) + 0.5 * (2.0 * overlap) / (q_weight + row_w)
        if min_score > 0.0:
            keep = dice >= min_score
            ids, dice = ids[keep], dice[keep]
        # best first; equal scores by row (ids ascend), as ranking.rank_scanned orders them
        best = np.argsort(-dice, kind="stable")[:limit]
        return Candidates(
            ids[best].astype(np.int32), dice[best].astype(np.float32), examined, len(tids), skipped
        )


_BUILD: tuple[KeyFn, bool] | None = None
#: A name is also stored as read for the other kind of party: a person's name screened with an
#: organisation's (and the reverse) is read as such, and listed names must not be analysed at query time.
OTHER_KIND = {"person": "Organization", "org": "Person"}


def _analyse_one(key_fn: KeyFn, store: bool, name: str, schema: str) -> tuple[list[str], bytes, bytes]:
    keys = list(key_fn(name, schema))
    if not store:
        return keys, b"", b""
    from .codec import encode
    from .readings import prepare

    own = prepare(name, schema)  # the default key function has prepared it already
    other_schema = OTHER_KIND.get(own.kind)
    other = prepare(name, other_schema) if other_schema else None
    return keys, encode(own), encode(other) if other is not None and other != own else b""


def _analyse_chunk(chunk: list[tuple[str, str]]) -> list[tuple[list[str], bytes, bytes]]:
    assert _BUILD is not None
    key_fn, store = _BUILD
    return [_analyse_one(key_fn, store, name, schema) for name, schema in chunk]


def _analyse(
    key_fn: KeyFn, items: list[tuple[str, str]], workers: int, store: bool
) -> list[tuple[list[str], bytes, bytes]]:
    """Keys (and, with ``store``, encoded readings) of ``items``; on forked worker processes when
    ``workers`` > 1 and worth it."""
    global _BUILD
    if workers <= 1 or len(items) < 20_000 or "fork" not in multiprocessing.get_all_start_methods():
        return [_analyse_one(key_fn, store, name, schema) for name, schema in items]
    _BUILD = (key_fn, store)
    size = 5_000
    parts = [items[i : i + size] for i in range(0, len(items), size)]
    out: list[tuple[list[str], bytes, bytes]] = []
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for rows in pool.imap(_analyse_chunk, parts):
                out.extend(rows)
    finally:
        _BUILD = None
    return out


def _default_analysis(key_fn_name: str) -> bool:
    """Whether keys made by ``key_fn_name`` depend on rsec's name analysis (and so on its version)."""
    return key_fn_name.startswith("rsec.engine.names")


# -- entity (de)serialisation, pickle-free --------------------------------------------------------
def entity_to_json(entity: ListEntity) -> bytes:
    return orjson.dumps(entity)  # orjson serialises dataclasses natively (fast; same as asdict)


def entity_from_json(data: bytes | memoryview) -> ListEntity:
    d = orjson.loads(bytes(data))
    d["names"] = [Name(**n) for n in d["names"]]
    return ListEntity(**d)


class ScreeningIndex:
    """All names and aliases of the loaded lists, with candidate retrieval and exact scoring."""

    def __init__(
        self,
        postings: KeyPostings,
        name_entity: np.ndarray,
        entity_ptr: np.ndarray,
        entity_blob: bytes | np.ndarray,
        key_fn: KeyFn,
        key_fn_name: str,
        matcher: Any = None,
        reading_ptr: np.ndarray | None = None,
        reading_blob: bytes | np.ndarray = b"",
        analysis: str = "",
    ):
        self.postings = postings
        self.name_entity = name_entity
        self.entity_ptr = entity_ptr
        self.entity_blob = entity_blob
        self.key_fn = key_fn
        self.key_fn_name = key_fn_name
        self._matcher = matcher
        self.entity = lru_cache(maxsize=65_536)(self._entity)
        #: per name row, its prepared readings (``reading_ptr`` None: not stored, prepared on demand)
        self.reading_ptr = reading_ptr
        self.reading_blob = reading_blob
        self.analysis = analysis  # fingerprint of the name analysis that made the keys and readings
        self.reading = lru_cache(maxsize=READING_CACHE)(self._reading)
        self._prepared: dict[tuple[int, tuple[int, ...] | None], Any] = {}

    # -- building -------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        entities: Iterable[ListEntity],
        key_fn: KeyFn | None = None,
        matcher: Any = None,
        workers: int = 1,
        store_readings: bool = True,
    ) -> ScreeningIndex:
        """Index every name and alias of ``entities`` under the keys ``key_fn(name, schema)``.

        ``workers`` > 1 computes the keys on that many forked processes (key computation dominates
        the build of a large index). With ``store_readings`` every name's prepared readings are kept
        (about 370 bytes a name), so that screening never analyses a listed name again."""
        from .codec import fingerprint

        key_fn = key_fn or default_key_fn()
        pending: list[tuple[str, str]] = []
        name_entity: list[int] = []
        chunks: list[bytes] = []
        offsets = [0]
        for e_idx, entity in enumerate(entities):
            blob = entity_to_json(entity)
            chunks.append(blob)
            offsets.append(offsets[-1] + len(blob))
            for value in dict.fromkeys(entity.all_names()):
                pending.append((value, entity.schema))
                name_entity.append(e_idx)
        analysed = _analyse(key_fn, pending, workers, store_readings)
        postings = KeyPostings.build([keys for keys, _, _ in analysed])
        reading_ptr = None
        readings = b""
        if store_readings:
            # two slots per name row: its own reading, then the other kind's (empty when the same)
            sizes = np.fromiter(
                (len(b) for _, own, other in analysed for b in (own, other)),
                dtype=np.int64,
                count=2 * len(analysed),
            )
            reading_ptr = np.zeros(2 * len(analysed) + 1, dtype=np.int64)
            np.cumsum(sizes, out=reading_ptr[1:])
            readings = b"".join(b for _, own, other in analysed for b in (own, other))
        del analysed
        return cls(
            postings,
            np.asarray(name_entity, dtype=np.int32),
            np.asarray(offsets, dtype=np.int64),
            b"".join(chunks),
            key_fn,
            _fn_name(key_fn),
            matcher,
            reading_ptr,
            readings,
            fingerprint(),
        )

    @property
    def n_entities(self) -> int:
        return len(self.entity_ptr) - 1

    @property
    def n_names(self) -> int:
        return len(self.name_entity)

    def _entity(self, idx: int) -> ListEntity:
        start, end = int(self.entity_ptr[idx]), int(self.entity_ptr[idx + 1])
        return entity_from_json(memoryview(self.entity_blob)[start:end])

    def entities(self) -> Iterable[ListEntity]:
        for i in range(self.n_entities):
            yield self._entity(i)

    def _reading(self, slot: int):
        """Stored reading in ``slot`` (``2 * row``: the name's own; ``2 * row + 1``: the other kind's,
        None when it is the same)."""
        from .codec import decode

        assert self.reading_ptr is not None
        start, end = int(self.reading_ptr[slot]), int(self.reading_ptr[slot + 1])
        return decode(memoryview(self.reading_blob)[start:end]) if end > start else None

    @property
    def has_readings(self) -> bool:
        return self.reading_ptr is not None

    # -- persistence ----------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> Path:
        """Write the index to directory ``path`` (atomically: a temporary directory renamed into place)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        self.postings.save(tmp, "")
        np.save(tmp / "name_entity.npy", self.name_entity, allow_pickle=False)
        np.save(tmp / "entity_ptr.npy", self.entity_ptr, allow_pickle=False)
        (tmp / "entities.jsonl").write_bytes(bytes(self.entity_blob))
        if self.reading_ptr is not None:
            np.save(tmp / "reading_ptr.npy", np.asarray(self.reading_ptr), allow_pickle=False)
            (tmp / "readings.jsonl").write_bytes(bytes(self.reading_blob))
        meta = {
            "format": "rsec-screening-index",
            "version": FORMAT_VERSION,
            "key_fn": self.key_fn_name,
            "analysis": self.analysis,
            "readings": self.reading_ptr is not None,
            "names": self.n_names,
            "entities": self.n_entities,
            "keys": int(len(self.postings.hashes)),
        }
        (tmp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            os.replace(target, old)
            os.replace(tmp, target)
            for f in old.iterdir():
                f.unlink()
            old.rmdir()
        else:
            os.replace(tmp, target)
        return target

    @classmethod
    def load(
        cls, path: str | os.PathLike, key_fn: KeyFn | None = None, matcher: Any = None
    ) -> ScreeningIndex:
        """Open a saved index; arrays are memory-mapped, entities decoded on demand."""
        root = Path(path)
        meta_path = root / "meta.json"
        if not meta_path.exists():
            raise IndexFormatError(meta_path, "not a screening index (meta.json missing)")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise IndexFormatError(meta_path, f"unreadable metadata: {exc}") from exc
        if meta.get("format") != "rsec-screening-index" or meta.get("version") != FORMAT_VERSION:
            raise IndexFormatError(
                meta_path, f"unsupported index format {meta.get('format')} v{meta.get('version')}"
            )
        if key_fn is None:
            try:
                key_fn = _resolve_fn(meta["key_fn"])
            except (ImportError, AttributeError, KeyError) as exc:
                raise IndexFormatError(
                    meta_path, f"key function {meta.get('key_fn')!r} not importable"
                ) from exc
        postings = KeyPostings.load(root, "")
        name_entity = np.load(root / "name_entity.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
        entity_ptr = np.load(root / "entity_ptr.npy", allow_pickle=False)
        blob_path = root / "entities.jsonl"
        if not blob_path.exists():
            raise IndexFormatError(blob_path, "missing entity file")
        blob = np.memmap(blob_path, dtype=np.uint8, mode="r") if blob_path.stat().st_size else b""
        if len(name_entity) != postings.n_rows or int(entity_ptr[-1]) != len(blob):
            raise IndexFormatError(root, "arrays and entity file disagree in size")
        from .codec import fingerprint

        analysis = meta.get("analysis", "")
        current = analysis == fingerprint()
        if not current and _default_analysis(meta["key_fn"]):
            raise IndexFormatError(
                meta_path,
                "built by another version of the name analysis (its keys would miss names); rebuild the index",
            )
        reading_ptr, readings = None, b""
        if meta.get("readings") and current:
            path = root / "readings.jsonl"
            if not path.exists() or not (root / "reading_ptr.npy").exists():
                raise IndexFormatError(root, "missing stored readings")
            reading_ptr = np.load(root / "reading_ptr.npy", allow_pickle=False)
            readings = np.memmap(path, dtype=np.uint8, mode="r") if path.stat().st_size else b""
            if len(reading_ptr) != 2 * len(name_entity) + 1 or int(reading_ptr[-1]) != len(readings):
                raise IndexFormatError(root, "stored readings and names disagree in size")
        return cls(
            postings,
            name_entity,
            entity_ptr,
            blob,
            key_fn,
            meta["key_fn"],
            matcher,
            reading_ptr,
            readings,
            analysis,
        )

    # -- searching ------------------------------------------------------------------------
    @property
    def matcher(self) -> Any:
        if self._matcher is None:
            from rsec.engine.names import Matcher

            self._matcher = Matcher()
        return self._matcher

    def candidates(
        self, query: Any, candidates: int = CANDIDATES, scan_cap: int = SCAN_CAP, min_score: float = 0.0
    ) -> Candidates:
        keys = self.key_fn(query.name, getattr(query, "schema", None) or "Person")
        return self.postings.candidates(keys, limit=candidates, scan_cap=scan_cap, min_score=min_score)

    def candidate_entities(
        self,
        query: Any,
        candidates: int = CANDIDATES,
        scan_cap: int = SCAN_CAP,
        max_compare: int | None = MAX_COMPARE,
        cutoff: float = RELATIVE_CUTOFF,
        min_overlap: float = MIN_OVERLAP,
    ) -> list[int]:
        """Entity numbers of the best candidate names, best first, each entity once.

        At most ``max_compare`` entities (None: no limit), and only those whose key overlap reaches
        ``cutoff`` times the best one's (and ``min_overlap`` in absolute terms)."""
        return list(self._candidate_rows(query, candidates, scan_cap, max_compare, cutoff, min_overlap))

    def _candidate_rows(
        self,
        query: Any,
        candidates: int,
        scan_cap: int,
        max_compare: int | None,
        cutoff: float,
        min_overlap: float,
    ) -> dict[int, list[int]]:
        """Candidate entities (best first) with the rows of their names that were retrieved."""
        cand = self.candidates(query, candidates, scan_cap, min_overlap)
        out: dict[int, list[int]] = {}
        if not len(cand.ids):
            return out
        if max_compare is not None and _written_in_another_script(query.name):
            max_compare = max(max_compare, MAX_COMPARE_CROSS)
        floor = float(cand.scores[0]) * cutoff
        entity_of = np.asarray(self.name_entity)[cand.ids].tolist()
        for e, row, score in zip(entity_of, cand.ids.tolist(), cand.scores.tolist(), strict=True):
            if score < floor:
                break
            if e in out:
                out[e].append(row)
            elif max_compare is None or len(out) < max_compare:
                out[e] = [row]
        return out

    def _narrowed(self, entity: ListEntity, e_idx: int, rows: list[int]) -> ListEntity:
        """``entity`` with only the names whose rows were retrieved (all its other fields kept)."""
        unique = list(dict.fromkeys(entity.all_names()))
        if len(rows) >= len(unique):
            return entity
        first = int(np.searchsorted(np.asarray(self.name_entity), e_idx, side="left"))
        keep = {unique[r - first] for r in rows}
        return replace(entity, names=[n for n in entity.names if n.value in keep])

    def prepared(self, entity: ListEntity, rows: list[int] | None, e_idx: int):
        """The entity's stored readings: of the names in ``rows``, or of all its names (``rows`` None);
        memoised (popular candidates recur across a bulk run)."""
        key = (e_idx, tuple(sorted(rows)) if rows is not None else None)
        found = self._prepared.get(key)
        if found is None or found.id != entity.id:
            if len(self._prepared) > 100_000:
                self._prepared.clear()
            found = self._prepared[key] = self._prepare_entity(entity, rows, e_idx)
        return found

    def _prepare_entity(self, entity: ListEntity, rows: list[int] | None, e_idx: int):
        from .matcher import PreparedEntity

        if rows is None:
            ne = np.asarray(self.name_entity)
            first = int(np.searchsorted(ne, e_idx, side="left"))
            rows = list(range(first, int(np.searchsorted(ne, e_idx, side="right"))))
        rows = sorted(rows)  # in the entity's own order of names, as the matcher breaks ties by it
        names, other = [], []
        for row in rows:
            pn = self.reading(2 * row)
            if pn.original.strip():
                names.append((pn.original, pn))
                other.append(partial(self.reading, 2 * row + 1))
        return PreparedEntity(entity.id, entity.schema, tuple(names), tuple(other))

    def search(
        self,
        query: Any,
        limit: int | None = 10,
        threshold: float | None = None,
        candidates: int = CANDIDATES,
        scan_cap: int = SCAN_CAP,
        max_compare: int | None = MAX_COMPARE,
        cutoff: float = RELATIVE_CUTOFF,
        min_overlap: float = MIN_OVERLAP,
        narrow: bool = True,
    ) -> list[Hit]:
        """Hits for ``query`` at or above ``threshold`` (default: the matcher's), best first.

        ``candidates``, ``scan_cap``, ``max_compare``, ``cutoff`` and ``min_overlap`` trade recall for latency; the
        defaults keep single-name latency within budget on a million names. With ``narrow`` the matcher
        sees only the names of a candidate entity that share keys with the query and were retrieved
        (long alias lists cost nothing when they cannot match); its other fields are kept."""
        if threshold is None:
            from rsec.engine.names import DEFAULT_THRESHOLD

            threshold = DEFAULT_THRESHOLD
        matcher = self.matcher
        # with stored readings, a matcher that accepts them never analyses a listed name again
        compare_prepared = getattr(matcher, "compare_prepared", None) if self.has_readings else None
        hits: list[Hit] = []
        selected = self._candidate_rows(query, candidates, scan_cap, max_compare, cutoff, min_overlap)
        for e_idx, rows in selected.items():
            entity = self.entity(e_idx)
            if compare_prepared is not None:
                result = compare_prepared(
                    query,
                    entity,
                    self.prepared(entity, rows if narrow else None, e_idx),
                    explain_min=threshold,
                    decide_at=threshold,
                )
            else:
                result = matcher.compare(query, self._narrowed(entity, e_idx, rows) if narrow else entity)
            score = float(result.score)
            if score >= threshold and not math.isnan(score):
                hits.append(
                    Hit(
                        list_entity_id=entity.id,
                        list=entity.list,
                        score=score,
                        matched_name=result.matched_name,
                        explanation=result.explanation,
                        schema=entity.schema,
                        caption=entity.caption,
                    )
                )
        hits.sort(key=lambda h: (-h.score, h.list, h.list_entity_id))
        return hits if limit is None else hits[:limit]
