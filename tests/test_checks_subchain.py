"""'Does FROM -> TO hold when simulated?': the bound chains that compute both entities, their judged
links on the way, the engine's chain verdict over them, and clear errors (engine, CLI, HTTP)."""
from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

LM = "https://w3id.org/limech/"


@pytest.fixture(scope="module")
def store():
    from engine.store import KnowledgeStore

    return KnowledgeStore.in_memory()


@pytest.fixture(scope="module")
def surface_lif(store):
    from engine.checks.api import run_subchain

    return run_subchain(store, "bound surface charge", "LiF-rich SEI", record=False)


def test_bound_charge_to_lif_is_covered_by_fdAnionLiF_with_its_links_on_the_way(store):
    from engine.checks.api import find_covering

    (cover,) = find_covering(store, "lm:BoundSurfaceCharge", "LiF-rich SEI")   # CURIE and label resolve alike
    assert cover.chain == "fdAnionLiF" and (cover.from_position, cover.to_position) == (2, 8)
    names = {(c[len(LM):], e[len(LM):]) for c, e in cover.links}
    # the way through anion enrichment; not the Li+ side branch nor the links past the LiF-rich SEI
    assert names == {("BoundSurfaceCharge", "InterfacialAnionConcentration"),
                     ("InterfacialAnionConcentration", "AnionCoordinationNumber"),
                     ("AnionCoordinationNumber", "AnionRichSolvationStructure"),
                     ("AnionRichSolvationStructure", "AnionReduction"), ("AnionReduction", "LiFRichSEI")}


def test_bound_charge_to_lif_is_condition_dependent_on_adsorbed_anions(surface_lif):
    assert surface_lif.verdict == "condition-dependent" and surface_lif.disagreement is None
    (c,) = surface_lif.chains
    assert c.chain == "fdAnionLiF" and c.verdict == "condition-dependent"
    first = c.links[0]
    assert (first.cause_label, first.effect_label) == ("bound surface charge", "interfacial anion concentration")
    assert first.verdict == "condition-dependent" and "adsorbed anions" in first.condition
    assert "adsorbed anions" in c.condition
    # a plain diffuse layer at the positive bound charge lowers the LiF fraction: the graph's +1 is not simulated
    assert c.from_quantity.sign == 1 and c.to_quantity.sign == -1 and c.to_quantity.relative_change < 0
    assert c.graph_signs == [1] and c.simulated_sign == -1
    assert c.cases[0].case == "base case" and not any(k.all_links_hold for k in c.cases)
    assert "no single case" in c.note


def test_transference_number_to_sand_time_is_supported(store):
    from engine.checks.api import run_check, run_subchain

    seen = []
    res = run_subchain(store, "Li+ transference number", "Sand's time", samples=4, record=False,
                       progress=lambda d, n: seen.append((d, n)))
    (c,) = res.chains
    assert res.verdict == c.verdict == "supported" and c.chain == "transferenceSand"
    assert len(c.links) == 3 and c.simulated_sign == 1 and c.to_quantity.relative_change > 0
    full = run_check(store, "transferenceSand", record=False)
    assert c.to_quantity == full.quantities[2]
    assert [r.fraction_holds for r in c.robustness] == [1.0, 1.0, 1.0] and seen[-1] == (4, 4)


def test_two_covering_chains_that_disagree_are_both_reported(store):
    from engine.checks.api import run_subchain

    res = run_subchain(store, "remanent polarization", "interfacial anion concentration", record=False)
    by = {c.chain: c for c in res.chains}
    assert set(by) == {"fdAnionLiF", "separatorFerroelectric"}
    # a separator micrometres from the Li leaves the interface unchanged; a coating enriches anions
    assert by["fdAnionLiF"].simulated_sign == 1 and by["separatorFerroelectric"].simulated_sign == 0
    assert by["separatorFerroelectric"].verdict == "not evaluated" and "judges no link" in by["separatorFerroelectric"].note
    assert res.verdict == "chains disagree"
    assert "fdAnionLiF" in res.disagreement and "separatorFerroelectric" in res.disagreement


def test_an_uncovered_pair_names_the_chains_binding_each_entity(store):
    from engine.checks.api import CheckError, NotCoveredError, find_covering

    with pytest.raises(NotCoveredError) as exc:
        find_covering(store, "SEI modulus", "dead Li")
    msg = str(exc.value)
    assert "Chains binding SEI modulus: fdAnionLiF (position 11)" in msg
    assert "Chains binding dead Li: none" in msg and exc.value.to_chains == []
    with pytest.raises(NotCoveredError, match="corrosionTipDendrite computes both, with TO before FROM"):
        find_covering(store, "dendrite growth", "chemical corrosion")
    with pytest.raises(CheckError, match="same entity"):
        find_covering(store, "dendrite growth", "lm:DendriteGrowth")


def test_cli_from_to(cli):
    out = CliRunner().invoke(cli, ["check", "--from", "chemical corrosion", "--to", "dendrite growth", "--json"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.output)
    assert res["verdict"] == "supported" and [c["chain"] for c in res["chains"]] == ["corrosionTipDendrite"]
    out = CliRunner().invoke(cli, ["check", "--from", "bound surface charge", "--to", "LiF-rich SEI"])
    assert out.exit_code == 0 and "verdict: condition-dependent" in out.output


@pytest.mark.parametrize("args, words", [
    (["check", "fdAnionLiF", "--from", "x", "--to", "y"], "either CHAIN ('fdAnionLiF') or --from/--to"),
    (["check", "--from", "bound surface charge"], "--from and --to go together"),
    (["check"], "give a CHAIN"),
    (["check", "--from", "SEI modulus", "--to", "dead Li"], "Chains binding dead Li: none"),
    (["check", "--from", "perpetual motion", "--to", "dendrite growth"], "is not a known entity"),
])
def test_cli_bad_arguments(cli, args, words):
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2 and words in " ".join(out.output.split()), out.output


def test_http_from_to(store, tmp_path):
    from api.app import create_app
    from api.config import Settings

    with TestClient(create_app(store, Settings(sweep_scheduler="serial"), jobs_dir=tmp_path)) as c:
        for body in ({"chain": "fdAnionLiF", "from": "bound surface charge", "to": "LiF-rich SEI"},
                     {"from": "bound surface charge"}, {}):
            r = c.post("/checks", json=body)
            assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
            assert "'chain'" in r.json()["detail"]
        r = c.post("/checks", json={"from": "SEI modulus", "to": "dead Li"})
        assert r.status_code == 404 and r.json()["title"] == "No covering chain"
        assert r.json()["from_chains"] == ["fdAnionLiF"] and r.json()["to_chains"] == []
        assert c.post("/checks", json={"from": "perpetual motion", "to": "dead Li"}).status_code == 404
        r = c.post("/checks", json={"from": "Li+ transference number", "to": "Sand's time"})
        assert r.status_code == 202 and r.json()["chain"] == "lm:LiIonTransferenceNumber → lm:SandsTime"
        deadline = time.monotonic() + 120
        while (job := c.get(f"/checks/{r.json()['id']}").json())["status"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert job["status"] == "done", job["error"]
        assert job["verdict"] == "supported" and job["result"]["chains"][0]["chain"] == "transferenceSand"
        assert job["result"]["chains"][0]["run"].startswith(LM + "checkrun/")
