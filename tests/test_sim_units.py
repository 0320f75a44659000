"""Dimensionless quantities of the simulator are spelled "dimensionless" everywhere (not "1")."""
from __future__ import annotations

import pint
import pytest

from simulator import reduction, registry, sei_growth, sei_properties
from simulator.parameters import Parameter, to_si


def _unit_strings(units: dict):
    for v in units.values():
        yield from (_unit_strings(v) if isinstance(v, dict) else [v])


@pytest.mark.parametrize("name", registry.model_names())
def test_every_parameter_unit_is_spelled_consistently_and_parses(name):
    ureg = pint.UnitRegistry()
    for p in registry.get_model(name).PARAMETERS:
        assert p.unit != "1", f"{name}.{p.name}: dimensionless is spelled 'dimensionless'"
        ureg(p.unit)  # raises if pint cannot read it


@pytest.mark.parametrize("module", [reduction, sei_properties, sei_growth])
def test_result_units_use_dimensionless(module):
    units = list(_unit_strings(module.run().to_dict()["units"]))
    assert units and not [u for u in units if u == "1" or u.startswith("1 (")]


def test_to_si_reads_dimensionless_quantities_in_either_spelling():
    for unit in ("dimensionless", "1"):
        p = Parameter("share", 0.5, unit, "a share", "test", 0.0, 1.0)
        assert to_si(p, "30 percent") == pytest.approx(0.3)
        assert to_si(p, 0.25) == 0.25
