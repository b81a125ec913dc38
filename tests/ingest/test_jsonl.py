from redflags.ingest.jsonl import read_jsonl
from redflags.ingest.record import RawRecord
from redflags.model import Quarantined
from tests.conftest import sample_records, write_jsonl


def test_reads_every_object_with_line_locators(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", sample_records(5))
    items = list(read_jsonl(path, "sha"))
    assert all(isinstance(i, RawRecord) for i in items)
    assert [i.origin.locator for i in items] == [f"line {n}" for n in range(1, 6)]
    assert items[1].fields["title"] == "Job 1"


def test_bad_lines_are_quarantined_with_line_and_reason(tmp_path):
    bad = {1: b"{not json", 3: b'["an", "array"]', 4: b'{"text": "caf\xe9 latin-1 byte"}'}
    path = write_jsonl(tmp_path / "a.jsonl", sample_records(4), bad=bad)
    items = list(read_jsonl(path, "sha"))
    q = {i.origin.locator: i.reason for i in items if isinstance(i, Quarantined)}
    assert set(q) == {"line 2", "line 4", "line 5"}
    assert q["line 2"].startswith("bad JSON")
    assert "expected a JSON object" in q["line 4"]
    assert "undecodable bytes at byte" in q["line 5"]
    assert sum(isinstance(i, RawRecord) for i in items) == 4


def test_blank_lines_and_bom_are_tolerated(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n\n   \n{"text": "two"}\n')
    items = list(read_jsonl(path, "sha"))
    assert [i.fields["text"] for i in items] == ["one", "two"]


def test_gzip_input(tmp_path):
    import gzip
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(b'{"text": "zipped ad"}\n')
    assert [i.fields["text"] for i in read_jsonl(path, "sha")] == ["zipped ad"]


def test_other_encoding(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes('{"text": "café"}\n'.encode("latin-1"))
    assert list(read_jsonl(path, "sha", encoding="latin-1"))[0].fields["text"] == "café"
