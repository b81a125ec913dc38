import pytest

from redflags.errors import InputError
from redflags.ingest.csv_table import parse_mapping, read_csv
from redflags.ingest.record import RawRecord
from redflags.model import Quarantined


def test_default_columns_and_extra_columns_as_fields(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,headline,body,city,views\n1,Cleaner,"Hotel, cleaners wanted",Lima,5\n', encoding="utf-8")
    (item,) = read_csv(path, "sha")
    assert isinstance(item, RawRecord)
    assert item.fields == {"id": "1", "title": "Cleaner", "text": "Hotel, cleaners wanted", "location": "Lima",
                           "views": "5"}


def test_mapping_overrides_defaults(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("anuncio;texto;lugar\nA1;Se busca personal;Madrid\n", encoding="utf-8")
    (item,) = read_csv(path, "sha", mapping=parse_mapping("id=anuncio,text=texto,location=lugar"))
    assert item.fields == {"id": "A1", "text": "Se busca personal", "location": "Madrid"}


def test_multiline_quoted_cells_keep_line_numbers(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('text,title\n"line one\nline two",T1\nsecond,T2\nshort\n', encoding="utf-8")
    items = list(read_csv(path, "sha"))
    assert items[0].fields["text"] == "line one\nline two"
    assert items[1].origin.locator == "line 4"
    assert isinstance(items[2], Quarantined)
    assert items[2].origin.locator == "line 5"
    assert items[2].reason == "row has 1 fields, header has 2"


def test_undecodable_bytes_and_broken_quoting_are_quarantined(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b'text,title\nok,T\ncaf\xe9,T\n"unterminated,T\n')
    items = list(read_csv(path, "sha"))
    assert isinstance(items[0], RawRecord)
    reasons = [i.reason for i in items if isinstance(i, Quarantined)]
    assert reasons[0] == "undecodable bytes in column 'text'"
    assert any("broken CSV row" in r for r in reasons[1:])


def test_tsv(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("text\ttitle\nhello, world\tT\n", encoding="utf-8")
    (item,) = read_csv(path, "sha")
    assert item.fields["text"] == "hello, world"


def test_missing_text_column_is_a_clear_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("headline,city\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text column"):
        list(read_csv(path, "sha"))
    with pytest.raises(InputError, match="no such column"):
        list(read_csv(path, "sha", mapping={"text": "body"}))


@pytest.mark.parametrize("spec", ["text", "text=", "colour=body"])
def test_bad_mapping_spec(spec):
    with pytest.raises(InputError):
        parse_mapping(spec)
