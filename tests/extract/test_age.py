import pytest

from redflags.extract import extract


def ages(text):
    return [i.value for i in extract(text, kinds=["age"])]


@pytest.mark.parametrize("text,value", [
    ("age 19", "19"), ("19 yo", "19"), ("Tengo 19 años", "19"), ("j'ai 22 ans", "22"), ("22-year-old", "22"),
    ("I'm 24 and new", "24"), ("I am 19 years", "19"), ("Age: 21, 5'4", "21"), ("am 19 ani", "19"),
    ("23yo", "23"), ("umur 20 tahun", "20"), ("мне 20 лет", "20"), ("19 y/o latina", "19"), ("idade: 18", "18"),
])
def test_ages(text, value):
    assert ages(text) == [value]


@pytest.mark.parametrize("text", ["im 100% real", "I'm 5'6", "10 years experience", "im 24/7", "im 22 min away",
                                  "age 7", "since 1999", "room 22"])
def test_not_ages(text):
    assert ages(text) == []
