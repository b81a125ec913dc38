"""write_corpus: two aligned JSONL files, and exactly `bad` malformed lines for the quarantine demo."""
from __future__ import annotations

import json

from redflags.demo import generate, write_corpus


def _is_good_ad(line: bytes) -> bool:
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(record, dict) and isinstance(record.get("text"), str) and bool(record["text"])


def test_writes_ads_and_truth(tmp_path):
    counts = write_corpus(tmp_path, 300, seed=4)
    ads = (tmp_path / "ads.jsonl").read_bytes().splitlines()
    truth = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_bytes().splitlines()]
    assert [json.loads(x) for x in ads] == list(generate(300, seed=4))
    assert [t["id"] for t in truth] == [json.loads(x)["id"] for x in ads]
    assert counts["ads"] == counts["truth"] == 300 and counts["bad"] == 0
    assert counts["networks"] == len({t["network"] for t in truth if t["network"]})


def test_bad_lines_are_exactly_bad_and_spread(tmp_path):
    write_corpus(tmp_path, 400, seed=4, bad=11)
    lines = (tmp_path / "ads.jsonl").read_bytes().splitlines()
    assert len(lines) == 411
    bad_at = [i for i, line in enumerate(lines) if not _is_good_ad(line)]
    assert len(bad_at) == 11
    assert bad_at[0] < 100 and bad_at[-1] > 300
    assert any(not _valid_utf8(lines[i]) for i in bad_at)
    truth_lines = (tmp_path / "truth.jsonl").read_bytes().splitlines()
    assert len(truth_lines) == 400


def _valid_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
