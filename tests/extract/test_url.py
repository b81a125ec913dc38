import pytest

from redflags.extract import extract


def urls(text):
    return [(i.value, i.detail["domain"]) for i in extract(text, kinds=["url"])]


@pytest.mark.parametrize("text,value,domain", [
    ("see https://www.Sexy-Fun.co.uk/ad/123?x=1#top.", "sexy-fun.co.uk/ad/123?x=1", "sexy-fun.co.uk"),
    ("visit sexyfun.com now", "sexyfun.com", "sexyfun.com"),
    ("(www.example.org)", "example.org", "example.org"),
    ("site: agency-jobs.ro/apply", "agency-jobs.ro/apply", "agency-jobs.ro"),
    ("hxxp://bad.ru/path,", "bad.ru/path", "bad.ru"),
    ("http://1.2.3.4/x", "1.2.3.4/x", "1.2.3.4"),
])
def test_urls_and_registered_domains(text, value, domain):
    assert urls(text) == [(value, domain)]


@pytest.mark.parametrize("text", ["New in town.Call me", "ok.so fine", "e.g. this", "hello.world", "mail a@b.com",
                                  "price 1.5k", "v2.0 is out"])
def test_not_urls(text):
    assert urls(text) == []


def test_http_and_https_and_www_variants_share_a_value():
    a = urls("https://www.x-agency.com/jobs/")[0][0]
    b = urls("http://x-agency.com/jobs")[0][0]
    assert a == b == "x-agency.com/jobs"
