"""Redaction as pure functions: masks keep lengths, obfuscated contacts are found, ids and dates stay."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from redflags.privacy.redact import MASK, mask_spans, pseudonym, redact_ad_detail, redact_text, scrub

KEY = b"k" * 32


def test_masks_keep_length_and_whitespace():
    assert mask_spans("call 555 0132 now", [(5, 13)]) == f"call {MASK * 3} {MASK * 4} now"
    assert mask_spans("abc", [(-3, 99)]) == MASK * 3


def test_obfuscated_contacts_and_stray_handles_are_masked():
    text = ("WhatsApp seven0two-555-oh1ninenine, mail anna at gmail dot com, ТГ: @ines_team77, "
            "tel (11) 96130-5567, posted 2026-01-05, ref demo-000000123")
    out = redact_text(text)
    assert len(out) == len(text)
    for raw in ("seven0two", "oh1nine", "anna", "gmail", "ines_team77", "96130-5567"):
        assert raw not in out, raw
    assert "2026-01-05" in out and "WhatsApp" in out  # (long digit runs in prose are masked, ids too)


def test_scrub_pseudonymises_values_keeps_ids_and_withholds_images():
    data = {"id": "1234567890", "cluster_id": "C7", "images": ["img/a.jpg", "img/b.jpg"],
            "identifiers": [{"kind": "phone", "value": "+14155550132"}, {"kind": "price", "value": "150 USD/60"}],
            "links": [{"a": "1234567890", "b": "x", "type": "identifier", "value": "email:a@b.co"}],
            "graph": {"nodes": [{"id": "id:phone:+14155550132", "label": "phone:+14155550132"}]},
            "title": "Call +1 415 555 0132"}
    out = scrub(data, KEY)
    flat = repr(out)
    assert "4155550132" not in flat and "a@b.co" not in flat and "img/" not in flat
    assert out["id"] == "1234567890" and out["links"][0]["a"] == "1234567890" and out["images_withheld"] == 2
    p = pseudonym(KEY, "phone", "+14155550132")
    assert out["identifiers"][0]["value"] == p and out["graph"]["nodes"][0]["id"] == "id:" + p
    assert out["identifiers"][1]["value"] == "150 USD/60"
    assert pseudonym(b"x" * 32, "phone", "+14155550132") != p  # keyed: another installation, another name


def test_ad_detail_segments_still_rebuild_the_masked_text():
    text = "Hostess wanted. Call +44 7911 123456 today"
    data = {"id": "a1", "text": text, "title": "t", "images": [], "hits": [],
            "identifiers": [{"kind": "phone", "value": "+447911123456", "span": [21, 36], "obfuscated": False}],
            "segments": [{"text": text[:21], "marks": []}, {"text": text[21:36], "marks": [0]},
                         {"text": text[36:], "marks": []}]}
    out = redact_ad_detail(data, KEY)
    assert "".join(s["text"] for s in out["segments"]) == out["text"] and "7911" not in out["text"]
    assert out["segments"][1]["text"] == MASK * 3 + " " + MASK * 4 + " " + MASK * 6


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_redact_never_raises_and_keeps_length(text):
    assert len(redact_text(text)) == len(text)
