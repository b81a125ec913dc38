"""Ingest end to end into a real SQLite file: counts, idempotence, quarantine, mixed formats."""
import pytest

from redflags.errors import InputError
from redflags.ingest import IngestOptions, ingest
from redflags.model import Analysis, Identifier
from tests.conftest import html_page, sample_records, write_jsonl, write_warc


def test_counts_and_idempotent_reingest(store, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", sample_records(50), bad={10: b"{oops", 20: b'{"id": "x"}'})
    first = ingest(store, [str(path)], IngestOptions(batch_size=7))
    assert (first.ingested, first.duplicates, first.quarantined) == (50, 0, 2)
    before = store.execute("SELECT id, content_sha256 FROM ads ORDER BY seq")
    again = ingest(store, [str(path)], IngestOptions(batch_size=7))
    assert (again.ingested, again.duplicates, again.quarantined) == (0, 50, 2)
    assert store.execute("SELECT id, content_sha256 FROM ads ORDER BY seq") == before
    assert store.stats()["quarantined"] == 2  # quarantine rows are not doubled either
    assert again.summary() == "0 ingested, 50 duplicates, 2 quarantined"


def test_same_content_from_a_moved_file_is_still_a_duplicate(store, tmp_path):
    recs = sample_records(5)
    a = write_jsonl(tmp_path / "a.jsonl", recs)
    (tmp_path / "copy").mkdir()
    b = write_jsonl(tmp_path / "copy" / "a.jsonl", recs)
    ingest(store, [str(a)])
    report = ingest(store, [str(b)])
    assert (report.ingested, report.duplicates) == (0, 5)


def test_conflicting_content_for_an_existing_id_is_quarantined_and_first_kept(store, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "A", "text": "first"}, {"id": "A", "text": "second"}])
    report = ingest(store, [str(path)])
    assert (report.ingested, report.duplicates, report.quarantined) == (1, 0, 1)
    assert store.get_ad("A").text == "first"
    (q,) = store.quarantined()
    assert q.locator == "line 2" and "different content" in q.reason


def test_mixed_formats_in_one_run(store, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", sample_records(3))
    (tmp_path / "b.csv").write_text("title,body\nCook,Cook wanted for hotel kitchen\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "1.html").write_text(html_page("Nanny", "Live-in nanny wanted for a family in Paris."), encoding="utf-8")
    write_warc(tmp_path / "c.warc.gz", [("https://x.example/9", html_page("Driver", "Truck drivers wanted.").encode(),
                                         "text/html")])
    report = ingest(store, [str(tmp_path / "a.jsonl"), str(tmp_path / "b.csv"), str(pages),
                            str(tmp_path / "c.warc.gz")])
    assert (report.ingested, report.quarantined) == (6, 0)
    assert store.stats()["sources"] == {"a.jsonl": 3, "b.csv": 1, "1.html": 1, "c.warc.gz": 1}
    runs = store.execute("SELECT inputs, status, ingested FROM ingest_runs")
    assert runs[0]["status"] == "done" and runs[0]["ingested"] == 6


def test_source_option_overrides(store, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "x", "source": "site-a"}])
    ingest(store, [str(path)], IngestOptions(source="partner-feed"))
    assert store.stats()["sources"] == {"partner-feed": 1}


def test_missing_path_fails_before_storing_anything(store, tmp_path):
    good = write_jsonl(tmp_path / "a.jsonl", sample_records(3))
    with pytest.raises(InputError, match="no such file"):
        ingest(store, [str(good), str(tmp_path / "nope.jsonl")])
    assert store.stats()["ads"] == 0


def test_unknown_extension_needs_format(store, tmp_path):
    path = tmp_path / "ads.txt"
    path.write_text('{"text": "x"}\n')
    with pytest.raises(InputError, match="--format"):
        ingest(store, [str(path)])
    assert ingest(store, [str(path)], IngestOptions(fmt="jsonl")).ingested == 1


def _fake_analysis(ad):
    return Analysis(identifiers=(Identifier("phone", "+15550000000", 5, 8),), language="xx")


@pytest.mark.parametrize("workers", [1, 2])
def test_enricher_results_are_stored(store, tmp_path, workers):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "p1", "text": "call 555"}])
    ingest(store, [str(path)], IngestOptions(workers=workers), enrich=_fake_analysis)
    assert store.identifiers_for("p1") == [Identifier("phone", "+15550000000", 5, 8)]
    assert [a.id for a in store.ads_with_identifier("phone", "+15550000000")] == ["p1"]
    assert store.get_ad("p1").language == "xx"  # detected language fills the gap


def _fails_on_boom(ad):
    if "boom" in ad.text:
        raise ValueError("could not convert string to float: '6.500.00'")
    return Analysis(language="en")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_record_the_analysers_fail_on_is_quarantined_and_the_run_goes_on(store, tmp_path, workers):
    recs = sample_records(6)
    recs[3] = {**recs[3], "text": "boom $6.500.00"}
    path = write_jsonl(tmp_path / "a.jsonl", recs)
    report = ingest(store, [str(path)], IngestOptions(workers=workers, batch_size=2), enrich=_fails_on_boom)
    assert (report.ingested, report.quarantined) == (5, 1)
    (q,) = store.quarantined()
    assert q.locator == "line 4" and "analysis failed (ValueError" in q.reason and "6.500.00" in q.reason
    assert store.stats()["ads"] == 5 and not [r for r in store.execute("SELECT text FROM ads") if "boom" in r[0]]


def test_full_pipeline_results_are_the_same_with_one_or_two_workers(tmp_path):
    from redflags.cli.ingest_cmd import _enricher
    from redflags.store import open_store

    path = write_jsonl(tmp_path / "a.jsonl", sample_records(300))
    dumps = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as s:
            ingest(s, [str(path)], IngestOptions(workers=workers, batch_size=50), enrich=_enricher("US"))
            ad_columns = [r[1] for r in s.execute("PRAGMA table_info(ads)") if r[1] != "stored_at"]  # when, not what
            dumps.append([s.execute(f"SELECT {', '.join(ad_columns)} FROM ads")]
                         + [s.execute(f"SELECT * FROM {t}") for t in ("identifiers", "hits", "scores")])
    assert [[tuple(r) for r in t] for t in dumps[0]] == [[tuple(r) for r in t] for t in dumps[1]]
    assert len(dumps[0][3]) == 300
