import pytest

from redflags.extract import extract


def phones(text, region="US", **kw):
    return [i.value for i in extract(text, region, kinds=["phone"], **kw)]


@pytest.mark.parametrize("text,region,value", [
    ("Call (702) 555-0199 now", "US", "+17025550199"),
    ("text 702.555.0199", "US", "+17025550199"),
    ("07911 123456", "GB", "+447911123456"),
    ("+44 (0) 7911 123456", "US", "+447911123456"),
    ("0044 7911 123456", "US", "+447911123456"),
    ("plus 44 7911 123456", "US", "+447911123456"),
    ("Llámame 55 1234 5678", "MX", "+525512345678"),
    ("zap (11) 98765-4321", "BR", "+5511987654321"),
    ("06 12 34 56 78", "FR", "+33612345678"),
    ("06.12.34.56.78", "FR", "+33612345678"),
    ("612 345 678", "ES", "+34612345678"),
    ("0722 123 456", "RO", "+40722123456"),
    ("8 916 123-45-67", "RU", "+79161234567"),
    ("050 123 4567", "UA", "+380501234567"),
    ("0812 3456 7890", "ID", "+6281234567890"),
    ("0917 123 4567", "PH", "+639171234567"),
    ("081 234 5678", "TH", "+66812345678"),
    ("98765 43210", "IN", "+919876543210"),
    ("0803 123 4567", "NG", "+2348031234567"),
    ("050 123 4567", "AE", "+971501234567"),
])
def test_national_and_international_formats(text, region, value):
    assert phones(text, region) == [value]


@pytest.mark.parametrize("text", [
    "seven0two-555-oh1ninenine",
    "7️⃣0️⃣2️⃣5️⃣5️⃣5️⃣0️⃣1️⃣9️⃣9️⃣",
    "７０２５５５０１９９",
    "7O2 555 Ol99",
    "702 💋 555 💋 0199",
    "seven zero two five five five zero one nine nine",
    "7\u200b0\u200b2\u200b5\u200b5\u200b5\u200b0\u200b1\u200b9\u200b9",
])
def test_obfuscated_forms_come_back_and_are_flagged(text):
    got = extract(f"hi babe {text} ok", "US", kinds=["phone"])
    assert [i.value for i in got] == ["+17025550199"]
    assert got[0].obfuscated


def test_span_points_at_the_original_text():
    text = "call me: 7️⃣0️⃣2 555 0199!"
    (p,) = extract(text, "US", kinds=["phone"])
    assert text[p.start:p.end] == "7️⃣0️⃣2 555 0199"


def test_two_numbers_in_one_run_are_split():
    assert phones("702-555-0199 702-555-0123") == ["+17025550199", "+17025550123"]


@pytest.mark.parametrize("text", [
    "$150/hr, 2 hrs $250", "Posted 12/05/2023 10:30", "2023-05-12", "zip 90210-1234", "36-24-36 5'6 120lbs",
    "IBAN: GB29 NWBK 6016 1331 9268 19", "IBAN DE89 3704 0044 0532 0130 00", "Order #7025550199",
    "Ad ID: 7025550199", "ref 7025550199", "40.712776, -74.005974", "card 4111 1111 1111 1111",
    "tx a3f5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1", "open 10.30-22.30 daily",
    "price 7025550199 USD", "weight 7025550199 kg", "followers 1,234,567",
])
def test_hard_negatives_are_not_phones(text):
    assert phones(text) == []


def test_record_region_then_url_then_location_then_default():
    assert phones("07911 123456", "US", record_region="GB") == ["+447911123456"]
    assert phones("07911 123456", "US", url="https://ads.example.co.uk/x") == ["+447911123456"]
    assert phones("0722 123 456", "US", location="Cluj-Napoca, Romania") == ["+40722123456"]
    assert phones("0722 123 456", "US") == []


def test_a_plus_number_in_the_text_sets_the_region_for_trunk_prefixed_numbers():
    assert phones("+44 7911 123456 or 07911 123457") == ["+447911123456", "+447911123457"]
    # but a bare 10-digit number stays in the caller's region
    assert phones("+44 7911 123456 or 702 555 0199") == ["+447911123456", "+17025550199"]


def test_country_code_without_plus_needs_a_phone_cue():
    assert phones("whatsapp 44 7911 123456") == ["+447911123456"]
    assert phones("invoice total 447911123456") == []


def test_whatsapp_link_gives_phone_and_handle():
    got = extract("wa.me/447911123456", "US")
    assert ("phone", "+447911123456") in [(i.kind, i.value) for i in got]
    assert ("handle", "whatsapp:+447911123456") in [(i.kind, i.value) for i in got]
