import pytest

from redflags.extract import extract


def emails(text):
    return [i.value for i in extract(text, kinds=["email"])]


@pytest.mark.parametrize("text,value", [
    ("mail Jess.Rose22@Gmail.com!", "jess.rose22@gmail.com"),
    ("name at gmail dot com", "name@gmail.com"),
    ("Name AT Gmail DOT com", "name@gmail.com"),
    ("hr[at]agency[dot]net", "hr@agency.net"),
    ("hr(at)recruit-eu(dot)co(dot)uk today", "hr@recruit-eu.co.uk"),
    ("ｊｏｂｓ＠ａｇｅｎｃｙ．ｃｏｍ", "jobs@agency.com"),
    ("maria (arroba) hotmail (punto) es", "maria@hotmail.es"),
    ("jess @ yahoo . com", "jess@yahoo.com"),
    ("kate_99 at outlook.com now", "kate_99@outlook.com"),
    ("sara at gmail", "sara@gmail.com"),
    ("cv: a.b+jobs@mail.example.co.uk.", "a.b+jobs@mail.example.co.uk"),
    # bracketed "@" with no "at" word or space next to it: found at the opening bracket
    ("write jess(@)gmail.com", "jess@gmail.com"),
    ("jess[@]gmail[.]com", "jess@gmail.com"),
    ("jess (at sign) gmail dot com", "jess@gmail.com"),
    ("jess ( a ) gmail.com", "jess@gmail.com"),
])
def test_plain_and_disguised_addresses(text, value):
    assert emails(text) == [value]


@pytest.mark.parametrize("text", [
    "meet at hotel.com", "I'm at home dot", "see you at 5. ok", "tom at work dot and", "a@b", "name@host.invalidtld",
    "follow @jess on ig", "price: 2 @ $50",
])
def test_not_addresses(text):
    assert emails(text) == []


def test_disguised_address_span_covers_the_whole_disguise():
    text = "write hr[at]agency[dot]net please"
    (e,) = extract(text, kinds=["email"])
    assert text[e.start:e.end] == "hr[at]agency[dot]net" and e.obfuscated
