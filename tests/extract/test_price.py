import pytest

from redflags.extract import extract


def prices(text, region="US"):
    return [i.value for i in extract(text, region, kinds=["price"])]


@pytest.mark.parametrize("text,values", [
    ("150 hh", ["150 USD/30min"]),
    ("200/hr", ["200 USD/60min"]),
    ("$80 qv", ["80 USD/15min"]),
    ("HH: 150, H: 250", ["150 USD/30min", "250 USD/60min"]),
    ("rates: 150hh 250h", ["150 USD/30min", "250 USD/60min"]),
    ("R$ 300 1h", ["300 BRL/60min"]),
    ("€200 per hour", ["200 EUR/60min"]),
    ("1,500 pesos", ["1500 MXN"]),
    ("$1.5k overnight", ["1500 USD/720min"]),
    ("100 roses", ["100 USD"]),
    ("30min 120", ["120 USD/30min"]),
    ("1 hour $250", ["250 USD/60min"]),
    ("Tarifas: 2800 pesos la hora", ["2800 MXN/60min"]),
    ("500rb", ["500000 IDR"]),
])
def test_prices(text, values):
    assert prices(text) == values


@pytest.mark.parametrize("text,value", [
    ("Salario: $6.500.00 al mes", 6500.0),     # thousands dot and cents dot (crashed the reader once)
    ("Salario: R$ 1.500,50 por mês", 1500.5),
    ("Pay: $1,500.50 a week", 1500.5),
    ("€ 2.000 per month", 2000.0),
])
def test_amounts_with_thousands_and_cents(text, value):
    got = [i for i in extract(text, "US", kinds=["price"])]
    assert len(got) == 1 and float(got[0].value.split()[0]) == value


def test_region_supplies_the_currency_when_none_is_written():
    (p,) = extract("150 hh", "GB", kinds=["price"])
    assert p.value == "150 GBP/30min" and p.detail["currency_inferred"] is True
    assert p.detail == {"amount": 150.0, "currency": "GBP", "minutes": 30, "currency_inferred": True}


@pytest.mark.parametrize("text", ["available 24 hr", "2 hrs min", "call 702", "age 22", "born 1999"])
def test_not_prices(text):
    assert prices(text) == []


def test_phone_digits_are_never_prices():
    assert prices("call 702 555 0150 hh") == []


def test_percentages_are_not_prices():
    assert prices("Only 100% real pics") == []
