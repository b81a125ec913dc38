"""The web app in real Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser download):
log in, search an obfuscated phone, open the ad and its highlights, open its network graph, add it to a
case, and use /check on a phone-sized screen in two languages."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.api.conftest import PASSWORD, build_store

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.slow
playwright = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # make test installs it; a bare pytest run elsewhere says why it skipped
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "web.db"
    build_store(db, n=200)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "redflags", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("server did not start: " + proc.stderr.read().decode())
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def test_analyst_journey(server, browser):
    page = browser.new_page()
    page.goto(server + "/search")
    assert "/login" in page.url
    page.fill("input[name=name]", "analyst")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/search")
    # the phone was written "seven0two-555-oh1ninenine"; type it the ordinary way
    page.fill("input[name=q]", "702.555.0199")
    page.click("#search button[type=submit]")
    page.wait_for_selector("#results")
    links = page.locator("#results a[href='/ads/obf-1']")
    assert links.count() == 1
    links.first.click()
    page.wait_for_url("**/ads/obf-1")
    marks = page.locator("#ad-text mark.m-identifier")
    assert any(m.startswith("seven0two") for m in marks.all_inner_texts())
    assert page.locator("#ad-text mark.m-hit").count() >= 1
    assert "fee" in page.locator("#hits").inner_text().lower()
    # a new case, then add this ad to it from the ad page
    page.fill("input[name=title]", "Browser case")
    page.click("form[action='/cases'] button")
    page.wait_for_url("**/cases/*")
    page.goto(server + "/ads/obf-1")
    page.select_option("#case-select", label="Browser case")
    page.click("#add-to-case button")
    page.wait_for_url("**/cases/*")
    assert "obf-1" in page.locator("#case-items").inner_text()
    page.close()


def test_network_graph_draws_the_cluster(server, browser):
    page = browser.new_page()
    page.goto(server + "/login")
    page.fill("input[name=name]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    first = page.locator("a[href^='/clusters/']").first
    first.click()
    page.wait_for_selector("#graph circle.node-ad")
    size = int(page.locator("h1 + p").inner_text().split(" ads")[0])
    assert page.locator("#graph circle.node-ad").count() == size
    assert page.locator("#graph line").count() >= size - 1
    page.close()


@pytest.mark.parametrize("lang,button,heading", [("en", "Check", "Check a job offer"),
                                                 ("es", "Revisar", "Revise una oferta de trabajo")])
def test_public_checker_on_a_phone(server, browser, lang, button, heading):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(server + f"/check?lang={lang}")
    assert page.locator("#heading").inner_text() == heading
    assert page.locator("#check-button").inner_text() == button
    text = ("Work in Spain, no experience needed. Pay a 300 EUR registration fee. We keep your passport." if lang == "en"
            else "Trabajo en España, sin experiencia. Pague 300 euros de inscripción. Guardamos su pasaporte.")
    page.fill("#check-text", text)
    page.click("#check-button")
    page.wait_for_selector("#report .flag")
    assert page.locator("#report .flag").count() >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    assert "store" in page.locator("#privacy").inner_text().lower() or "guardamos" in page.locator("#privacy").inner_text().lower()
    ctx.close()
