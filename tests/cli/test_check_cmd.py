"""`redflags check` as a user meets it: text argument, "-" for stdin, --json shape, --lang, errors."""
import json

from click.testing import CliRunner

import redflags.cli.check_cmd  # noqa: F401  (registers the command until cli/__init__ imports it)
from redflags.cli import main

SCAM = ("Trabajo en España. Debes pagar 300 dólares de inscripción. Entrega tu pasaporte al llegar. "
        "Solo WhatsApp.")


def run(*args, input=None):
    return CliRunner().invoke(main, ["check", *args], input=input, catch_exceptions=False)


def test_text_argument_prints_a_readable_report_in_the_ads_language():
    r = run(SCAM)
    assert r.exit_code == 0
    assert "Riesgo:" in r.output and "(alto)" in r.output
    assert "«Entrega tu pasaporte»" in r.output and "→" in r.output


def test_dash_reads_standard_input():
    r = run("-", input=SCAM)
    assert r.exit_code == 0 and "Riesgo:" in r.output


def test_no_argument_reads_standard_input_too():
    assert "Riesgo:" in run(input=SCAM).output


def test_json_shape():
    data = json.loads(run(SCAM, "--json").output)
    assert data["level"] == "high" and data["language"] == "es" and 0 < data["score"] <= 1
    hit = data["hits"][0]
    assert {"indicator", "category", "span", "text", "explanation", "advice"} <= set(hit)
    start, end = hit["span"]
    assert SCAM[start:end] == hit["text"]


def test_lang_forces_the_report_language():
    data = json.loads(run(SCAM, "--json", "--lang", "tl").output)
    assert data["language"] == "tl" and data["detected_language"] == "es"
    fee = next(h for h in data["hits"] if h["indicator"] == "fee_charged")
    assert "Huwag magbayad" in fee["advice"]
    assert "Panganib:" in run(SCAM, "--lang", "tl").output


def test_unknown_language_and_empty_input_are_clear_errors():
    r = CliRunner().invoke(main, ["check", SCAM, "--lang", "xx"])
    assert r.exit_code == 2 and "xx" in r.output
    r = CliRunner().invoke(main, ["check", "-"], input="   ")
    assert r.exit_code == 2 and "nothing to check" in r.output


def test_legitimate_offer_is_low():
    data = json.loads(run("Care assistant, Sunrise Care Home, Bristol. The employer covers the visa fee. "
                          "We never charge recruitment fees. careers@sunrise.example", "--json").output)
    assert data["level"] == "low"
