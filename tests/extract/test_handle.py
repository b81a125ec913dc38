import pytest

from redflags.extract import extract, query_values


def handles(text):
    return [i.value for i in extract(text, kinds=["handle"])]


@pytest.mark.parametrize("text,values", [
    ("IG @jessy.rose22", ["instagram:jessy.rose22"]),
    ("snap: Candy_Girl", ["snapchat:candy_girl"]),
    ("add me on snapchat candy_girl99", ["snapchat:candy_girl99"]),
    ("👻 sarah_xo", ["snapchat:sarah_xo"]),
    ("t.me/VIPagency_jobs", ["telegram:vipagency_jobs"]),
    ("tg: @quickjobs", ["telegram:quickjobs"]),
    ("https://www.instagram.com/real.jess/", ["instagram:real.jess"]),
    ("kik: hotbabe21", ["kik:hotbabe21"]),
    ("@lola_x on insta", ["instagram:lola_x"]),
    ("IG/snap: lola.x", ["instagram:lola.x", "snapchat:lola.x"]),
    ("X: @jobsnow_eu", ["twitter:jobsnow_eu"]),
    ("OF: lola.secret", ["onlyfans:lola.secret"]),
    ("line id: mimi2024", ["line:mimi2024"]),
    ("wechat: wxid_abc123", ["wechat:wxid_abc123"]),
    ("Signal: jess.42", ["signal:jess.42"]),
    ("wa.me/447911123456", ["whatsapp:+447911123456"]),
    ("Контакты: ТГ @liza_xo74258", ["telegram:liza_xo74258"]),         # Cyrillic "TG"
    ("пишіть у телеграм: ines_team77", ["telegram:ines_team77"]),
])
def test_platform_handles(text, values):
    assert handles(text) == values


@pytest.mark.parametrize("text", [
    "snap me", "x marks the spot", "one of the best", "in line with", "email jess@gmail.com",
    "instagram.com/p/Cx1abc", "ig only", "signal strength",
])
def test_not_handles(text):
    assert handles(text) == []


def test_bare_at_name_query_means_every_platform():
    values = dict(query_values("@jess_x"))
    pairs = query_values("@jess_x")
    assert ("handle", "instagram:jess_x") in pairs and ("handle", "telegram:jess_x") in pairs
    assert values and query_values("instagram:Jess_X") == [("handle", "instagram:jess_x")]
