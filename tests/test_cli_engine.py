"""`limech effect | loops | conflicts | hypotheses | strategies | explain | laws | derive | rule | signs`."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def flat(text: str) -> str:
    """The terminal output with rich's line wrapping undone."""
    return " ".join(text.split())


def test_effect_json_and_text():
    res = run("effect", "chemical corrosion", "dendrite growth", "--max-length", "3", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["net"] == "increases" and data["paths"]
    text = run("effect", "ferroelectric coating", "dendrite growth", "-n", "3").stdout
    assert "net effect decreases" in flat(text)


def test_effect_unknown_name_lists_closest_matches():
    res = run("effect", "dendrit growth", "chemical corrosion")
    assert res.exit_code == 2 and "closest matches" in flat(res.output) and '"dendrite growth"' in flat(res.output)


def test_loops_and_conflicts_and_hypotheses_and_strategies():
    loops = json.loads(run("loops", "--max-length", "5", "--json").stdout)
    polarity = {n["iri"].rsplit("/", 1)[1]: n["computed"] for n in loops["named"]}
    assert polarity["loop_000_tipField"] == "reinforcing" and polarity["loop_000_tipShielding"] == "balancing"
    assert "conflict(s)" in run("conflicts").stdout
    hyps = json.loads(run("hypotheses", "--limit", "3", "--json").stdout)
    assert len(hyps) == 3 and {h["predicted"] for h in hyps} <= {"increases", "decreases", "ambiguous"}
    assert "cuts" in run("strategies", "-n", "3").stdout


def test_explain_names_rule_and_premises():
    data = json.loads(run("explain", "lm:LiF", "a", "lm:Entity", "--json").stdout)
    assert data["status"] == "inferred" and data["rule"]["name"] and data["premises"]


def test_derive_rule_and_signs():
    d = json.loads(run("derive", "sand_time", "--json").stdout)
    assert len(d["steps"]) >= 5
    assert "\\frac" in run("derive", "sand_time", "--latex").stdout
    assert run("derive", "warp").exit_code == 2
    r = json.loads(run("rule", "transference_for_current", "-g", "J=3 mA/cm^2", "-g", "D=3e-10 m^2/s",
                       "-g", "c_0=1 mol/L", "-g", "t_charge=1 h", "-g", "z=1", "--json").stdout)
    assert r["value"] == pytest.approx(0.1772, abs=1e-3)
    bad = run("rule", "transference_for_current", "-g", "J=3 kg")
    assert bad.exit_code == 2 and "current density" in flat(bad.output)
    bad = run("rule", "transference_for_current", "-g", "J")
    assert bad.exit_code == 2 and "NAME=VALUE" in flat(bad.output)
    signs = json.loads(run("signs", "--json").stdout)
    sand = [s for s in signs if s["effect"].endswith("/SandsTime") and s["cause"].endswith("/CurrentDensity")]
    assert sand and all(s["verdict"] == "agree" for s in sand)
