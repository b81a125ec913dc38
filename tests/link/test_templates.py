from redflags.link.templates import extract_template


def test_template_keeps_shared_words_and_lists_slot_values():
    texts = ["Hi I am Anna, 25 years, call 555-1234 in Paris.",
             "Hi I am Maria, 23 years, call 555-9999 in Lyon.",
             "Hi I am Eva, 25 years, call now in Paris."]
    t = extract_template(texts)
    assert t.text == "Hi I am {1}, {2} years, call {3} in {4}."
    assert t.slots[0] == ("Anna", "Maria", "Eva")
    assert t.slots[2] == ("555-1234", "555-9999", "now")
    assert t.as_dict()["slots"][3] == {"slot": 4, "values": ["Paris", "Lyon", "Paris"]}


def test_identical_texts_have_no_slots_and_additions_are_slots():
    assert extract_template(["same text", "same text"]).slots == ()
    t = extract_template(["a b c", "a b c d e"])
    assert t.slots == (("", "d e"),)
    assert extract_template([]).text == ""
