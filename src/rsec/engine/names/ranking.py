# cython: annotation_typing=True, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Candidate ranking of the key index in C loops (候補の順位付け): the usual retrieval, where every key of
the query is rare enough to scan, done in one pass instead of some forty small NumPy calls.

``setup.py`` compiles this module like the matcher's, but here the annotations ARE C types (the
header above turns annotation typing on for this module alone): the loops run as C. Run as plain
Python (``RSEC_PURE_PYTHON=1``, no compiler) the annotations are never evaluated, the module is the
same algorithm in Python, and :data:`COMPILED` is False, so :class:`~rsec.engine.names.index.KeyPostings`
keeps to its NumPy path, which gives the same result (a test holds the two to it).

What it computes is :meth:`KeyPostings.candidates` when all the query's keys are scanned:
the rows in the postings of the keys, each with the sum of the IDF of the keys it holds (added in
the keys' order, rarest first), scored by the mean of the overlap and Dice coefficients, the best
``limit`` by score, ties by row.
"""

from __future__ import annotations

import numpy as np

try:
    import cython

    COMPILED: bool = cython.compiled
except ImportError:  # pragma: no cover - Cython is a build requirement; plain Python needs none
    COMPILED = False


def rank_scanned(
    hashes: cython.const[cython.ulong][:],
    ptr: cython.const[cython.long][:],
    post: cython.const[cython.int][:],
    idf: cython.const[cython.double][:],
    row_weight: cython.const[cython.float][:],
    acc: cython.double[:],
    touched: cython.int[:],
    query_hashes: list,
    scan_cap: cython.long,
    min_score: cython.double,
    limit: cython.Py_ssize_t,
):
    """``(ids, scores, examined, keys)`` of the best ``limit`` rows (ids int32, scores float32, best
    first), or None when some key of the query is too common to scan within ``scan_cap`` postings
    (the caller's other path tests such keys only against the best candidates).

    ``acc`` (float64) and ``touched`` (int32), one slot per row, are the caller's scratch space: ``acc``
    all zero, as it is left."""
    n_hashes: cython.Py_ssize_t = hashes.shape[0]
    i: cython.Py_ssize_t
    j: cython.Py_ssize_t
    p: cython.long
    lo: cython.Py_ssize_t
    hi: cython.Py_ssize_t
    mid: cython.Py_ssize_t
    h: cython.ulong
    # the query's keys known to the index, in the order given
    tids = []
    for value in query_hashes:
        h = value
        lo, hi = 0, n_hashes
        while lo < hi:
            mid = (lo + hi) // 2
            if hashes[mid] < h:
                lo = mid + 1
            else:
                hi = mid
        if lo < n_hashes and hashes[lo] == h:
            tids.append(lo)
    n: cython.Py_ssize_t = len(tids)
    if n == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.float32), 0, 0
    # rarest first; equal counts keep the query's order (a stable insertion sort: a query has few keys)
    df = [ptr[t + 1] - ptr[t] for t in tids]
    for i in range(1, n):
        j = i
        while j > 0 and df[j - 1] > df[j]:
            df[j - 1], df[j] = df[j], df[j - 1]
            tids[j - 1], tids[j] = tids[j], tids[j - 1]
            j -= 1
    scanned: cython.long = 0
    for i in range(n):
        scanned += df[i]
    if scanned > scan_cap:
        return None
    q_weight: cython.double = 0.0
    t: cython.Py_ssize_t
    w: cython.double
    row: cython.int
    m: cython.Py_ssize_t = 0
    for i in range(n):
        t = tids[i]
        w = idf[t]
        q_weight += w
        # each row's overlap is added up in the keys' order (rarest first); an IDF is never 0
        for p in range(ptr[t], ptr[t + 1]):
            row = post[p]
            if acc[row] == 0.0:
                touched[m] = row
                m += 1
            acc[row] += w
    # the best rows, best first: score descending, then row ascending
    top_ids = np.empty(limit + 1, np.int32)
    top_scores = np.empty(limit + 1, np.float64)
    tid_: cython.int[:] = top_ids
    tsc: cython.double[:] = top_scores
    kept: cython.Py_ssize_t = 0
    overlap: cython.double
    rw: cython.double
    coverage: cython.double
    score: cython.double
    for i in range(m):
        row = touched[i]
        overlap = acc[row]
        acc[row] = 0.0
        rw = row_weight[row]
        coverage = overlap / max(min(q_weight, rw), 1e-9)
        score = 0.5 * min(coverage, 1.0) + 0.5 * (2.0 * overlap) / (q_weight + rw)
        if score < min_score or limit == 0:
            continue
        if kept == limit and (score < tsc[kept - 1] or (score == tsc[kept - 1] and row > tid_[kept - 1])):
            continue
        j = kept if kept < limit else limit - 1
        while j > 0 and (tsc[j - 1] < score or (tsc[j - 1] == score and tid_[j - 1] > row)):
            tsc[j] = tsc[j - 1]
            tid_[j] = tid_[j - 1]
            j -= 1
        tsc[j] = score
        tid_[j] = row
        if kept < limit:
            kept += 1
    return top_ids[:kept].copy(), top_scores[:kept].astype(np.float32), int(scanned), int(n)
