"""Every law is dimensionally consistent; wrong dimensions and malformed quantities give clear errors."""
import pytest
import sympy as sp

from engine.laws import DimensionError, QuantityError, check_dimensions, evaluate_rule, list_laws
from engine.laws.units import dim_of_unit, dimension, parse_quantity

RULE_OK = dict(D="3e-10 m^2/s", c_0="1 mol/L", t_Li="0.38", t_charge="1 h")


@pytest.mark.parametrize("law_id", [law.id for law in list_laws()])
def test_law_dimensionally_consistent(law_id):
    dims = check_dimensions(law_id)
    assert set(dims) == set(next(law for law in list_laws() if law.id == law_id).outputs)


def test_dimension_checker_catches_inconsistency():
    J, c = sp.symbols("J c", positive=True)
    dims = {J: dim_of_unit("A/m^2"), c: dim_of_unit("mol/m^3")}
    with pytest.raises(DimensionError, match="adding"):
        dimension(J + c, dims)
    with pytest.raises(DimensionError, match="dimensionless argument"):
        dimension(sp.exp(J), dims)
    assert dimension(sp.sqrt(J ** 2) * J / c, dims) == dim_of_unit("A^2*m^-1/mol")


def test_parse_quantity_converts_units():
    assert parse_quantity("J", "1 mA/cm^2", "A/m^2", "current density") == pytest.approx(10.0)
    assert parse_quantity("c_0", "1 M", "mol/m^3", "concentration") == pytest.approx(1000.0)
    assert parse_quantity("Phi_b", "1 eV", "J", "energy") == pytest.approx(1.602176634e-19)


def test_wrong_dimension_names_parameter_given_and_expected():
    with pytest.raises(QuantityError) as err:
        evaluate_rule("transference_for_current", {"J": "1 kg", "D": "3e-10 m^2/s", "c_0": "1 M", "t_charge": "1 h"})
    msg = str(err.value)
    assert "'J'" in msg and "1 kg" in msg and "dimension mass," in msg and "current * length^-2" in msg


def test_malformed_quantity_is_reported():
    with pytest.raises(QuantityError, match=r"parameter 't_charge': could not read '1 hourz'"):
        evaluate_rule("max_current_for_charge_time", dict(RULE_OK, t_charge="1 hourz"))
    with pytest.raises(QuantityError, match="give a string with a unit"):
        evaluate_rule("max_current_for_charge_time", dict(RULE_OK, D=3e-10))


def test_out_of_domain_and_missing_and_unknown_parameters():
    with pytest.raises(QuantityError, match=r"'t_Li'.*outside the allowed range \(0,1\)"):
        evaluate_rule("max_current_for_charge_time", dict(RULE_OK, t_Li="1.2"))
    missing = dict(RULE_OK)
    del missing["D"]
    with pytest.raises(QuantityError, match="missing parameter 'D'"):
        evaluate_rule("max_current_for_charge_time", missing)
    with pytest.raises(QuantityError, match=r"unknown parameter\(s\) \['Jx'\]"):
        evaluate_rule("max_current_for_charge_time", dict(RULE_OK, Jx="1 A"))
