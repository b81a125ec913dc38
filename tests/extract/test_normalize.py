from redflags.extract.digit_runs import find_runs
from redflags.extract.normalize import fold


def test_ascii_text_is_untouched_and_offsets_are_identity():
    f = fold("call 702-555-0199")
    assert f.text == "call 702-555-0199"
    assert f.is_identity and f.span(5, 17) == (5, 17)


def test_digits_of_other_scripts_fold_to_ascii_with_original_spans():
    text = "tel ٠٥٠١٢٣ ७७ ๓๓ １２"
    f = fold(text)
    assert f.text == "tel 050123 77 33 12"
    s, e = f.span(4, 10)
    assert text[s:e] == "٠٥٠١٢٣"
    assert f.changed(4, 10) and not f.changed(0, 3)


def test_keycaps_and_zero_width_marks_vanish_but_highlight_covers_them():
    text = "x 7\ufe0f\u20e30\u200b2 y"
    f = fold(text)
    assert f.text == "x 702 y"
    s, e = f.span(2, 5)
    assert text[s:e] == "7\ufe0f\u20e30\u200b2"
    assert f.changed(2, 5)


def test_nfkc_folds_fullwidth_at_and_dot():
    assert fold("ｊｏｂ＠ｘ．ｃｏｍ").text == "job@x.com"


def digits_of(text):
    return ["".join(t.digits for t in r.tokens) for r in find_runs(fold(text).text)]


def test_spelled_digits_in_four_languages_and_oh():
    assert digits_of("seven0two-555-oh1ninenine") == ["7025550199"]
    assert digits_of("cuatro uno cinco cinco cinco cinco cero uno tres dos") == ["4155550132"]
    assert digits_of("zéro six douze? non: zéro six un deux trois quatre cinq six sept huit") == ["0612345678"]


def test_portuguese_words_read_as_digits():
    assert digits_of("nove oito sete seis cinco quatro três dois um zero") == ["9876543210"]


def test_look_alike_letters_only_count_next_to_digits():
    assert digits_of("7O2 555 Ol99") == ["7025550199"]
    assert digits_of("lol I love it Oo") == []


def test_emoji_between_digits_keeps_the_run():
    assert digits_of("702🔥555🔥0199") == ["7025550199"]


def test_words_inside_other_words_are_not_digits():
    assert digits_of("someone tonight phone seventh") == []
