import pytest

from redflags.errors import InputError
from redflags.ingest.html_files import read_html
from redflags.ingest.html_page import page_fields
from redflags.model import Quarantined
from tests.conftest import html_page

BODY = ("Hotel in Dubai needs 20 cleaners. Salary 900 USD a month, shared housing. "
        "Interviews in Manila next week; bring your CV. Contact the recruiter on WhatsApp.")


def test_main_text_without_boilerplate():
    fields = page_fields(html_page("Cleaners for Dubai", BODY, lang="en-GB", url="https://jobs.example/ad/7").encode())
    assert "20 cleaners" in fields["text"]
    for boiler in ("Log in", "All rights reserved", "Privacy policy", "Help"):
        assert boiler not in fields["text"]
    assert fields["title"] == "Cleaners for Dubai"
    assert fields["url"] == "https://jobs.example/ad/7"
    assert fields["language"] == "en"
    assert fields["images"] == ["https://jobs.example/img/a.jpg"]
    assert "posted_at" not in fields  # no explicit publication date: none guessed


def test_explicit_publication_date_and_declared_charset():
    html = ('<html><head><meta charset="windows-1252"><meta property="article:published_time" '
            'content="2026-02-03T04:05:06Z"></head><body><p>Café staff wanted, 1500 € net.</p></body></html>')
    fields = page_fields(html.encode("cp1252"))
    assert fields["text"] == "Café staff wanted, 1500 € net."
    assert fields["posted_at"] == "2026-02-03T04:05:06Z"


def test_page_without_text_is_an_input_error():
    with pytest.raises(InputError, match="no main text"):
        page_fields(b"<html><body><nav>Home</nav><script>x()</script></body></html>")


def test_html_file_reader_quarantines_empty_pages(tmp_path):
    good = tmp_path / "good.html"
    good.write_text(html_page("Job", BODY), encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>", encoding="utf-8")
    (item,) = read_html(good, "sha")
    assert "cleaners" in item.fields["text"]
    (bad,) = read_html(empty, "sha2")
    assert isinstance(bad, Quarantined) and bad.origin.locator == "file"
