"""REST resources: knowledge, reasoning and laws, each with its bad inputs."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app

LM = "https://w3id.org/limech/"


@pytest.fixture(scope="module")
def c(kb):
    return TestClient(create_app(kb))


def _problem(r, status: int, fragment: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert fragment in r.json()["detail"]


def test_entities_search_by_synonym_and_category(c):
    hits = c.get("/entities", params={"q": "lithium fluoride"}).json()
    assert [e["iri"] for e in hits] == [LM + "LiF"]
    anions = {e["id"] for e in c.get("/entities", params={"category": "Anion"}).json()}
    assert {"PF6Anion", "TFSIAnion", "NitrateAnion"} <= anions and "LiF" not in anions
    assert c.get("/entities/LiF").json()["label"] == "LiF"
    _problem(c.get("/entities/Unobtainium"), 404, "no entity 'Unobtainium'")


def test_links_filters_and_provenance(c):
    to_tip = c.get("/links", params={"effect": "lm:TipElectricField", "sign": "decreases"}).json()
    assert to_tip and all(k["effect"] == LM + "TipElectricField" and k["polarity"] == -1 for k in to_tip)
    hyp = c.get("/links", params={"evidence": "PlausibleHypothesis", "source": "doc000"}).json()
    assert hyp and all(k["evidence"]["rank"] == 3 and LM + "doc000" in {p["document"] for p in k["provenance"]}
                       for k in hyp)
    one = c.get(f"/links/{to_tip[0]['iri'].rsplit('/', 1)[1]}").json()
    assert one["quote"] and one["provenance"][0]["section"]
    _problem(c.get("/links", params={"sign": "sideways"}), 400, "sign must be one of")
    _problem(c.get("/links/L999_999"), 404, "no causal link")


def test_sources_count_their_links(c):
    src = {s["id"]: s for s in c.get("/sources").json()}
    assert src["doc000"]["doi"] == "10.1039/d6sc02846b"
    assert all(src[d]["links"] >= 100 for d in ("doc000", "doc003", "doc004"))


def test_effects_corrosion_increases_and_ferroelectric_decreases_dendrite_growth(c):
    up = c.get("/effects", params={"from": "chemical corrosion", "to": "dendrite growth", "max_length": 4}).json()
    assert up["net"] == "increases" and up["increasing"] > 0
    down = c.get("/effects", params={"from": "ferroelectric coating", "to": "dendrite growth", "max_length": 4}).json()
    assert down["net"] == "decreases"
    assert all(p["sign"] in (1, -1) and p["evidence"]["label"] for p in down["paths"])


def test_effects_bad_names_and_lengths(c):
    r = c.get("/effects", params={"from": "chemical corosion", "to": "dendrite growth"})
    _problem(r, 404, "closest matches")
    assert "chemical corrosion" in r.json()["candidates"]
    assert c.get("/effects", params={"from": "a", "to": "b", "max_length": 0}).status_code == 422


def test_loops_conflicts_hypotheses_strategies(c):
    loops = c.get("/loops", params={"max_length": 6}).json()
    named = {n["iri"]: n for n in loops["named"]}
    assert named[LM + "loop_000_tipField"]["computed"] == "reinforcing"
    assert named[LM + "loop_000_tipShielding"]["computed"] == "balancing"
    kinds = {k["kind"] for k in c.get("/conflicts").json()}
    assert "opposite_signs" in kinds
    hyps = c.get("/hypotheses", params={"limit": 5}).json()
    assert len(hyps) == 5 and all(h["chain"]["length"] >= 2 for h in hyps)
    ranks = c.get("/strategies").json()
    assert [r["rank"] for r in ranks] == sorted(r["rank"] for r in ranks)


def test_explain_an_inferred_type(c):
    e = c.get("/explain", params={"s": "lm:LiF", "p": "a", "o": "lm:Entity"}).json()
    assert e["status"] == "inferred" and e["rule"]["name"]
    _problem(c.get("/explain", params={"s": "lm:LiF", "p": "a", "o": "no such thing"}), 404, "not a known entity")


def test_laws_rules_and_signs(c):
    ids = {law["id"] for law in c.get("/laws").json()}
    assert {"sand_time", "grahame", "monroe_newman"} <= ids
    sand = c.get("/laws/sand_time").json()
    assert "t_{sand}" in sand["latex"] or "t_sand" in sand["text"]
    given = [("given", "J=3 mA/cm^2"), ("given", "D=3e-10 m^2/s"), ("given", "c_0=1 mol/L"),
             ("given", "t_charge=1 h"), ("given", "z=1")]
    rule = c.get("/rules/transference_for_current", params=given).json()
    # t_Li >= 1 - sqrt(pi D t) F c0 z / (2 J t):  1 - sqrt(pi*3e-10)*96485*1000/(2*30*sqrt(3600)) = 0.1772
    assert rule["value"] == pytest.approx(0.1772, abs=1e-3)
    _problem(c.get("/rules/transference_for_current", params=[("given", "J=3 kg")]), 400, "current density")
    _problem(c.get("/rules/warp"), 404, "warp")
    _problem(c.get("/laws/warp"), 404, "warp")
    verdicts = {(r["cause"].rsplit("/", 1)[1], r["effect"].rsplit("/", 1)[1]): r["verdict"]
                for r in c.get("/signs").json()}
    assert verdicts[("CurrentDensity", "SandsTime")] == "agree"


def test_chains_with_sign_and_weakest_evidence(c):
    headline = {ch["iri"].rsplit("/", 1)[1]: ch for ch in c.get("/chains", params={"headline": True}).json()}
    tip = headline["chain_000_corrosionTipDendrite"]
    assert tip["sign"] == 1 and tip["entities"][0] == "chemical corrosion" and tip["entities"][-1] == "dendrite growth"
    assert tip["evidence"]["rank"] == min(k["evidence"]["rank"] for k in tip["links"])
    loops = {ch["iri"].rsplit("/", 1)[1]: ch for ch in c.get("/chains", params={"loops": True}).json()}
    shield = loops["loop_000_tipShielding"]
    assert shield["declared_polarity"] == "balancing" and shield["sign"] == -1
    assert shield["links"][0]["cause"] == shield["links"][-1]["effect"], "a loop closes"
