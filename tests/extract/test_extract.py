import io

import orjson
import pytest

from redflags.errors import InputError
from redflags.extract import extract, extract_record, query_values, region_for
from redflags.extract.regions import location_region, url_region

AD = ("NEW in town!! 🔥 Sexy latina 22 yo. Call/text seven0two-555-oh1ninenine or +44 7911 123456. "
      "IG @jessy.rose22 snap: candy_girl 150 hh / 250 hr. email jess at gmail dot com. "
      "BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa www.sexyfun.com/ad/123456789 Posted 12/05/2023 ad id 99887766")


def test_a_realistic_ad_yields_every_kind_sorted_by_start():
    got = extract(AD, "US")
    assert [(i.kind, i.value) for i in got] == [
        ("age", "22"), ("phone", "+17025550199"), ("phone", "+447911123456"),
        ("handle", "instagram:jessy.rose22"), ("handle", "snapchat:candy_girl"),
        ("price", "150 USD/30min"), ("price", "250 USD/60min"), ("email", "jess@gmail.com"),
        ("wallet", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), ("url", "sexyfun.com/ad/123456789")]
    assert [i.start for i in got] == sorted(i.start for i in got)


def test_kinds_filter_and_unknown_kind():
    assert {i.kind for i in extract(AD, kinds=["email", "url"])} == {"email", "url"}
    with pytest.raises(InputError):
        extract(AD, kinds=["ssn"])


def test_record_reports_each_value_once_with_all_spans():
    rec = {"id": "a1", "text": "call 0722 123 456 or 0722123456, again 0722-123-456", "location": "Bucharest"}
    out = extract_record(rec, "US")
    assert out["id"] == "a1"
    (phone,) = out["identifiers"]
    assert phone["value"] == "+40722123456" and (phone["start"], phone["end"]) == (5, 17)
    assert phone["spans"] == [[5, 17], [21, 31], [39, 51]]


@pytest.mark.parametrize("record,reason", [
    ({"text": "x"}, "id"), ({"id": 1}, "text"), ({"id": 1, "text": 5}, "text"),
    ({"id": 1, "text": "x", "region": "XX"}, "region"), ([1, 2], "object"),
])
def test_bad_records_raise_input_error_naming_the_problem(record, reason):
    with pytest.raises(InputError, match=reason):
        extract_record(record, "US")


def test_region_resolution_order():
    assert region_for(None, None, None, None, "US") == "US"
    assert region_for(None, None, None, "Lagos, Nigeria", "US") == "NG"
    assert region_for(None, None, "https://x.example.ro/a", "Lagos, Nigeria", "US") == "RO"
    assert region_for(None, "gb", "https://x.example.ro/a", "Lagos", "US") == "GB"
    assert region_for("TH", "gb", None, None, "US") == "TH"
    assert url_region("https://x.example.com") is None and url_region("x.co.uk") == "GB"
    assert url_region("https://site.me/x") is None  # .me is used as a generic TLD
    assert location_region("Москва") == "RU" and location_region("somewhere") is None


@pytest.mark.parametrize("query,pair", [
    ("(415) 555-0132", ("phone", "+14155550132")),
    ("four one five five five five zero one three two", ("phone", "+14155550132")),
    ("+1 415 555 0132", ("phone", "+14155550132")),
    ("447911123456", ("phone", "+447911123456")),
    ("Name AT Gmail dot com", ("email", "name@gmail.com")),
    ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", ("wallet", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")),
    ("t.me/Quick_Jobs", ("handle", "telegram:quick_jobs")),
    ("https://www.sexyfun.com/ad/1/", ("url", "sexyfun.com/ad/1")),
])
def test_query_values_find_an_identifier_however_it_was_typed(query, pair):
    assert pair in query_values(query)


def test_query_and_ad_agree_on_values():
    ad_values = {(i.kind, i.value) for i in extract(AD)}
    for q in ("702 555 0199", "+447911123456", "JESS@GMAIL.COM", "instagram:jessy.rose22"):
        assert set(query_values(q)) & ad_values, q
