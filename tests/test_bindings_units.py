"""The units of ontology/bindings.ttl (lm:unitText, pint strings) are the simulator's own: a
sweep range carries exactly the unit its parameter declares (dimensionless is "dimensionless",
as in simulator/*.py), and every bound quantity's unit is one pint understands."""
from __future__ import annotations

import pint
import pytest

from engine.checks.bindings import specs_from_file
from engine.checks.chains import PIPELINES

SPECS = specs_from_file()
UREG = pint.UnitRegistry()


def _declared(spec, name: str):
    table = PIPELINES[spec.pipeline].table()
    if name in table:
        return table[name]
    short = [p for q, p in table.items() if q.split(".", 1)[1] == name]
    assert short, f"{spec.id}: range parameter '{name}' is no input of pipeline '{spec.pipeline}'"
    return short[0]


@pytest.mark.parametrize("chain", sorted(SPECS))
def test_range_units_are_the_units_the_simulator_declares(chain):
    spec = SPECS[chain]
    assert spec.ranges, f"{chain} has no sweep ranges"
    wrong = {r.parameter: (r.unit, _declared(spec, r.parameter).unit) for r in spec.ranges
             if r.unit != _declared(spec, r.parameter).unit}
    assert wrong == {}


def test_bound_quantity_units_are_pint_units_and_dimensionless_is_spelled_out():
    units = {q.unit for s in SPECS.values() for q in s.quantities} | {r.unit for s in SPECS.values() for r in s.ranges}
    assert "1" not in units and "dimensionless" in units
    for u in units:
        assert UREG.Unit(u) is not None
    fraction = next(q for s in SPECS.values() for q in s.quantities if q.output == "fraction_LiF")
    assert UREG.Unit(fraction.unit).dimensionless
    sand = next(q for s in SPECS.values() for q in s.quantities if q.output == "sand_time_numeric")
    assert UREG.Unit(sand.unit).dimensionality == UREG.second.dimensionality
