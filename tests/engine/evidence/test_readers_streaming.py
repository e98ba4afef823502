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


class LazyDocument(io.RawIOBase):
    """A pretty-printed API page ``{"meta": …, "results": [work, …]}`` generated on demand; counts how many
    works were produced."""

    def __init__(self, n: int):
        self.n = n
        self.produced = 0
        self.pending = b'{\n  "meta": {"count": %d},\n  "results": [\n' % n
        self.closed_doc = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while len(self.pending) < len(b) and not self.closed_doc:
            if self.produced < self.n:
                sep = b",\n" if self.produced else b""
                self.pending += sep + orjson.dumps(
                    orjson.loads(_work_line(self.produced)), option=orjson.OPT_INDENT_2
                )
                self.produced += 1
            else:
                self.pending += b"\n  ]\n}\n"
                self.closed_doc = True
        k = min(len(b), len(self.pending))
        b[:k] = self.pending[:k]
        self.pending = self.pending[k:]
        return k


def test_a_multi_line_api_page_is_streamed_too():
    """A JSON document spanning many lines (an API page, pretty-printed) is parsed incrementally: the
    first work comes out after a few works were read, not the whole page."""
    src = LazyDocument(200_000)
    works = read_evidence("openalex-works", io.BufferedReader(src))
    assert next(works).id == "W0" and next(works).id == "W1"
    assert src.produced < 1_000
    tail = LazyDocument(3)
    assert [w.id for w in read_evidence("openalex-works", io.BufferedReader(tail))] == ["W0", "W1", "W2"]


def test_multi_line_documents_keep_their_shapes_and_name_the_broken_element(tmp_path):
    """Top-level arrays, wrapped lists (Crossref's message.items), single records and empty pages read
    as before; a broken document names the file and the element where parsing stopped."""
    from rsec.engine.evidence._io import EvidenceFormatError, iter_json

    def doc(name: str, obj) -> object:
        path = tmp_path / name
        path.write_bytes(orjson.dumps(obj, option=orjson.OPT_INDENT_2))
        return path

    array = doc("array.json", [{"a": 1}, {"a": 2.5}, None])
    assert list(iter_json(array)) == [
        ("element[0]", {"a": 1}),
        ("element[1]", {"a": 2.5}),
        ("element[2]", None),
    ]
    crossref = doc(
        "items.json", {"status": "ok", "message": {"items": [{"DOI": "10.1/x"}, {"DOI": "10.1/y"}]}}
    )
    assert [w for w, _ in iter_json(crossref, ("message", "items"))] == [
        "message.items[0]",
        "message.items[1]",
    ]
    single = doc("single.json", {"status": "ok", "message": {"DOI": "10.1/z", "items_count": 0}})
    assert list(iter_json(single, ("message", "items"))) == [
        ("message[0]", {"DOI": "10.1/z", "items_count": 0})
    ]
    record = doc("record.json", {"id": "R1", "names": [{"v": "x"}]})
    assert list(iter_json(record)) == [("document", {"id": "R1", "names": [{"v": "x"}]})]
    empty = doc("empty.json", {"meta": {"count": 0}, "results": []})
    assert list(iter_json(empty)) == []
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{\n "results": [\n  {"id": "W1"},\n  {"id": "W2",, }\n ]\n}\n')
    seen = []
    try:
        for where, _obj in iter_json(broken):
            seen.append(where)
    except EvidenceFormatError as exc:
        assert str(exc).endswith(
            "broken.json: results[1]: invalid JSON (parse error: invalid object key (must be a string))"
        )
        assert "W2" not in str(exc)  # the file's content is not quoted
    else:
        raise AssertionError("a broken document must raise")
    assert seen == ["results[0]"]
