from warcio.archiveiterator import ArchiveIterator

from redflags.ingest.record import RawRecord
from redflags.ingest.warc import read_warc
from redflags.model import Quarantined
from tests.conftest import html_page, write_warc

PAGES = [
    ("https://ads.example/1", html_page("Driver", "Delivery drivers wanted in Lisbon, own licence, 1200 EUR.").encode(),
     "text/html; charset=utf-8"),
    ("https://ads.example/logo.png", b"\x89PNG not html", "image/png"),
    ("https://ads.example/missing", b"<html><body>Not found</body></html>", "text/html"),
    ("https://ads.example/2", html_page("Cook", "Cook for a family restaurant in Porto, contract and housing.").encode(),
     "text/html"),
]


def test_each_html_response_becomes_an_ad_with_url_time_and_digest(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", PAGES)
    items = list(read_warc(path, "sha"))
    assert all(isinstance(i, RawRecord) for i in items)
    assert [i.fields["url"] for i in items] == ["https://ads.example/1", "https://ads.example/2"]
    first = items[0]
    assert "Delivery drivers" in first.fields["text"]
    assert first.fields["captured_at"].startswith("20")
    warc = first.fields["warc"]
    assert warc["record_id"].startswith("<urn:uuid:")
    assert warc["payload_digest"].startswith("sha1:")
    assert first.origin.locator == f"offset {warc['offset']}"


def test_uncompressed_warc(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", PAGES, gz=False)
    assert len([i for i in read_warc(path, "sha") if isinstance(i, RawRecord)]) == 2


def test_truncated_warc_keeps_earlier_records_and_quarantines_the_rest(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", PAGES, gz=False)
    data = path.read_bytes()
    cut = data.rfind(b"WARC/1.0", 0, data.find(b"https://ads.example/2")) + 200
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:cut] + b"\x00garbage that is not a WARC header\r\n\r\n")
    items = list(read_warc(broken, "sha"))
    assert isinstance(items[0], RawRecord) and items[0].fields["url"] == "https://ads.example/1"
    assert isinstance(items[-1], Quarantined)
    assert items[-1].origin.locator.startswith("offset ")
    assert "unreadable WARC record" in items[-1].reason


def _record_offsets(path):
    with path.open("rb") as f:
        it = ArchiveIterator(f)
        out = []
        for record in it:
            record.content_stream().read()
            out.append(it.get_record_offset())
    return out


def test_corrupt_gzip_member_is_quarantined_at_its_offset(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", PAGES)
    data = path.read_bytes()
    third = _record_offsets(path)[2]
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[:third] + b"\x1f\x8b\x08\x00" + b"not deflate data" * 8)
    items = list(read_warc(broken, "sha"))
    assert [type(i) for i in items] == [RawRecord, Quarantined]
    assert items[1].origin.locator == f"offset {third}"
