"""`limech simulate` / `limech models`: parameters with units, clear errors, JSON and figures."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from api.cli import app
from api.cli_sim import parse_params
from simulator import depletion
from simulator.parameters import ParameterError
from simulator.registry import model_names

runner = CliRunner()


def test_values_with_units_are_converted_to_the_models_si_unit():
    kw = parse_params(depletion, ["current_density=1 mA/cm^2", "salt_concentration=1.2 mol/L"])
    assert kw["current_density"] == pytest.approx(10.0)          # 1 mA/cm^2 = 10 A/m^2
    assert kw["salt_concentration"] == pytest.approx(1200.0)     # 1.2 M = 1200 mol/m^3


@pytest.mark.parametrize("pair, fragment", [
    ("current_density=1 kg", "wrong dimension; expected a quantity in A/m**2"),
    ("current_density=fast", "neither a number"),
    ("speed=3", "unknown parameter 'speed' for model 'depletion'; allowed:"),
    ("current_density", "--param takes NAME=VALUE"),
])
def test_bad_parameters_name_what_is_wrong(pair, fragment):
    with pytest.raises(ParameterError, match=fragment.replace("*", r"\*").replace("(", r"\(")):
        parse_params(depletion, [pair])


def test_simulate_json_gives_sands_time_close_to_the_analytic_value(tmp_path):
    png = tmp_path / "dep.png"
    res = runner.invoke(app, ["simulate", "depletion", "-p", "current_density=5 mA/cm^2", "--json", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["sand_time_numeric"] == pytest.approx(data["sand_time_analytic"], rel=0.01)
    assert png.stat().st_size > 1000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_out_of_range_parameter_exits_2_with_the_allowed_range():
    res = runner.invoke(app, ["simulate", "depletion", "-p", "transference_number=1.5"])
    assert res.exit_code == 2
    assert "transference_number" in res.output and "[0, 1]" in res.output


def test_unknown_model_lists_the_available_ones():
    res = runner.invoke(app, ["simulate", "warp_drive"])
    assert res.exit_code == 2 and "depletion" in res.output


def test_help_and_models_list_every_parameter_with_unit_and_source():
    res = runner.invoke(app, ["models", "--json"])
    data = json.loads(res.stdout)
    assert set(data) == set(model_names())
    for name, m in data.items():
        for p in m["parameters"]:
            assert p["unit"] and p["source"], (name, p["name"])
    assert "transference_number" in runner.invoke(app, ["simulate", "--help"]).stdout
