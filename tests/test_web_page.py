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


def _search(page, source: str, target: str, max_length: int) -> None:
    page.fill("#from", source)
    page.fill("#to", target)
    page.fill("#maxlen", str(max_length))
    page.click("#pathfinder button")
    page.locator("#paths-body .net", has_text=f"on {target}:").wait_for(timeout=30_000)


def _direct_step(page, cause: str, effect: str):
    return page.locator("#paths-body li.step", has_text=f"step 1: {cause} → {effect}").first


def test_a_step_shows_its_laws_and_its_check_runs_to_a_supported_verdict(page, live_server):
    import httpx

    _search(page, "Li+ transference number", "Sand's time", 1)
    step = _direct_step(page, "Li+ transference number", "Sand's time")
    assert step.locator("a.law[data-law=sand_time]").get_attribute("href") == "/laws/sand_time"
    # the law's panel: its name and result formula, as /laws/sand_time gives them
    law = httpx.get(live_server + "/laws/sand_time", timeout=30).json()
    step.locator("a.law[data-law=sand_time]").click()
    panel = step.locator(".law-panel")
    panel.locator("b", has_text=law["label"]).wait_for(timeout=30_000)
    assert law["outputs"]["t_sand"]["text"] in panel.inner_text()
    # the check: run it from its button unless the session's store already holds its verdict
    verdict = step.locator(".sim[data-check=transferenceSand] .verdict")
    button = step.locator("button.check[data-chain=transferenceSand]")
    if verdict.count() == 0:
        assert button.inner_text() == "check transferenceSand"
        button.click()
        verdict = _direct_step(page, "Li+ transference number", "Sand's time").locator(
            ".sim[data-check=transferenceSand] .verdict")
        verdict.wait_for(timeout=60_000)
    assert verdict.inner_text() == "supported" and "supported" in verdict.get_attribute("class").split()
    assert _direct_step(page, "Li+ transference number", "Sand's time").locator("button.check").count() == 0
    assert page.errors == []


def test_a_condition_dependent_verdict_shows_its_condition_without_breaking_the_layout(page, live_server):
    import httpx

    _search(page, "chemical corrosion", "SEI heterogeneity", 1)
    step = _direct_step(page, "chemical corrosion", "SEI heterogeneity")
    sim = step.locator(".sim[data-check=corrosionHeterogeneityCE]")
    if sim.count() == 0:
        step.locator("button.check[data-chain=corrosionHeterogeneityCE]").click()
        sim = _direct_step(page, "chemical corrosion", "SEI heterogeneity").locator(
            ".sim[data-check=corrosionHeterogeneityCE]")
        sim.wait_for(timeout=60_000)
    # the condition the API gives, shown in full as text and tooltip
    res = httpx.get(live_server + "/effects", params={"from": "chemical corrosion", "to": "SEI heterogeneity",
                                                      "max_length": 1}, timeout=30).json()
    [api_verdict] = [v for v in res["paths"][0]["steps"][0]["simulation"] if v["check"].endswith("HeterogeneityCE")]
    assert api_verdict["verdict"] == "condition-dependent" and "reactivity" in api_verdict["condition"]
    assert sim.locator(".verdict").inner_text() == "condition-dependent"
    cond = sim.locator(".cond")
    assert cond.text_content() == cond.get_attribute("title") == api_verdict["condition"]
    # a long condition is cut with an ellipsis inside the side panel, not pushed past its edge
    aside, box = page.locator("aside").bounding_box(), cond.bounding_box()
    assert box["x"] + box["width"] <= aside["x"] + aside["width"]
    assert cond.evaluate("e => e.scrollWidth > e.clientWidth")


def test_a_refused_or_failed_check_job_is_shown_on_its_step(page):
    """The server's problem+json detail (429: job limit) and a failed job's error appear on the step;
    /effects is answered without verdicts here so the step's check button is always offered."""
    def no_verdicts(route):
        res = route.fetch().json()
        for p in res["paths"]:
            for s in p["steps"]:
                s["simulation"] = []
        route.fulfill(json=res)

    def refused(route):
        route.fulfill(status=429, content_type="application/problem+json",
                      json={"type": "about:blank", "title": "Too Many Requests", "status": 429,
                            "detail": "1 check job(s) are already queued or running; the limit is 1."})

    page.route("**/effects?*", no_verdicts)
    page.route("**/checks", lambda route: refused(route) if route.request.method == "POST" else route.continue_())
    try:
        _search(page, "Li+ transference number", "Sand's time", 1)
        step = _direct_step(page, "Li+ transference number", "Sand's time")
        step.locator("button.check[data-chain=transferenceSand]").click()
        error = step.locator(".job.error[data-chain=transferenceSand]")
        error.wait_for(timeout=30_000)
        assert "429 Too Many Requests" in error.inner_text() and "the limit is 1" in error.inner_text()
        assert step.locator("button.check[data-chain=transferenceSand]").is_enabled()
        # accepted, then failed in the solver
        page.unroute("**/checks")
        page.route("**/checks", lambda route: route.fulfill(status=202, json={"id": "j1", "status": "queued"})
                   if route.request.method == "POST" else route.continue_())
        page.route("**/checks/j1", lambda route: route.fulfill(json={
            "id": "j1", "status": "failed", "error": "FloatingPointError: NaN in the depletion solver"}))
        step.locator("button.check[data-chain=transferenceSand]").click()
        step.locator(".job.error", has_text="NaN in the depletion solver").wait_for(timeout=30_000)
        assert "job j1 failed" in error.inner_text()
    finally:
        page.unroute_all()
