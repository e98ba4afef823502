"""Readers stream: records come out before the input is read in full, and memory stays flat in file size."""

from __future__ import annotations

import gzip
import io
import tracemalloc

import orjson

from rsec.engine.evidence.readers import read_evidence


def _work_line(i: int) -> bytes:
    return orjson.dumps(
        {
            "id": f"https://openalex.org/W{i}",
            "doi": f"https://doi.org/10.9999/{i}",
            "title": f"Work {i}",
            "publication_year": 2000 + i % 25,
            "authorships": [
                {
                    "author_position": "first",
                    "author": {"id": f"https://openalex.org/A{i % 977}", "display_name": f"Author {i % 977}"},
                    "institutions": [
                        {"id": "https://openalex.org/I1", "display_name": "U", "country_code": "JP"}
                    ],
                    "countries": ["JP"],
                    "raw_affiliation_strings": ["U, Tokyo, Japan"],
                }
            ],
            "abstract_inverted_index": {"word": list(range(50))},
        },
        option=orjson.OPT_APPEND_NEWLINE,
    )


class LazyLines(io.RawIOBase):
    """A file whose content is generated on demand; counts how many lines were produced."""

    def __init__(self, n: int):
        self.n = n
        self.produced = 0
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while len(self.pending) < len(b) and self.produced < self.n:
            self.pending += _work_line(self.produced)
            self.produced += 1
        k = min(len(b), len(self.pending))
        b[:k] = self.pending[:k]
        self.pending = self.pending[k:]
        return k


def test_first_record_before_the_whole_input_is_read():
    """P-3 at snapshot scale: a reader over a generator-backed file yields after reading a few lines."""
    src = LazyLines(1_000_000)
    works = read_evidence("openalex-works", io.BufferedReader(src))
    first = next(works)
    assert first.id == "W0"
    assert src.produced < 1_000  # a buffer's worth, not the file
    second = next(works)
    assert second.id == "W1"


def _peak_reading(path) -> tuple[int, int, str]:
    tracemalloc.start()
    try:
        count = 0
        last = None
        for w in read_evidence("openalex-works", path):
            count += 1
            last = w
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, count, last.id


def _write(path, n: int) -> int:
    size = 0
    with gzip.open(path, "wb", compresslevel=1) as fh:
        for i in range(n):
            line = _work_line(i)
            size += len(line)
            fh.write(line)
    return size


def test_memory_flat_in_file_size(tmp_path):
    """Peak memory reading 20,000 works is no more than reading 4,000 (fixed buffers, not the file)."""
    small, large = tmp_path / "small.jsonl.gz", tmp_path / "large.jsonl.gz"
    _write(small, 4_000)
    size = _write(large, 20_000)
    peak_small, n_small, _ = _peak_reading(small)
    peak_large, n_large, last = _peak_reading(large)
    assert (n_small, n_large, last) == (4_000, 20_000, "W19999")
    assert peak_large < peak_small * 1.25 + 256 * 1024, (peak_small, peak_large)
    assert peak_large < size / 2, (peak_large, size)


def test_gc_threshold_is_restored_after_reading_and_on_early_close(fixtures_dir):
    """The bulk reader defers young-generation collection only while it runs."""
    import gc

    before = gc.get_threshold()
    path = fixtures_dir / "evidence" / "openalex" / "works_current.jsonl.gz"
    assert len(list(read_evidence("openalex-works", path))) == 4
    assert gc.get_threshold() == before
    it = read_evidence("openalex-works", path)
    next(it)
    assert gc.get_threshold()[0] > before[0]
    it.close()
    assert gc.get_threshold() == before
