"""The mechanism map in a real browser (Debian's Chromium driven by Playwright): the page
loads, the map draws, a path search shows the corrosion → dendrite route."""
from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (make test installs it)")

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1600, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(live_server + "/")
        pg.wait_for_selector("#map path.link", timeout=60_000)
        pg.errors = errors
        yield pg
        browser.close()


def test_map_draws_every_link_and_entity(page, live_server):
    import httpx

    n_links = len(httpx.get(live_server + "/links", timeout=30).json())
    assert page.locator("#map path.link").count() == n_links
    assert page.locator("#map g.node").count() > 50
    assert f"{n_links} causal links" in page.inner_text("#status")
    assert page.errors == []


def test_clicking_a_link_shows_its_quote_and_source(page):
    page.locator("#map path.link").first.dispatch_event("click")
    detail = page.inner_text("#detail-body")
    assert "“" in detail and "source: doc" in detail and "evidence:" in detail


def test_path_search_shows_the_corrosion_to_dendrite_route(page, tmp_path):
    page.fill("#from", "chemical corrosion")
    page.fill("#to", "dendrite growth")
    page.fill("#maxlen", "5")
    page.click("#pathfinder button")
    page.wait_for_selector("#paths-body .path", timeout=30_000)
    text = page.inner_text("#paths-body")
    assert "net effect of chemical corrosion on dendrite growth: increases, decided by" in text
    assert "tip electric field" in text
    assert page.locator("#map path.link.hit").count() >= 3
    page.screenshot(path=str(tmp_path / "map.png"))


def test_unknown_name_is_shown_as_an_error(page):
    page.fill("#from", "unobtainium")
    page.click("#pathfinder button")
    page.wait_for_selector("#paths-body .error", timeout=30_000)
    assert "closest matches" in page.inner_text("#paths-body .error")
