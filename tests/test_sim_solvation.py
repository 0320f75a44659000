"""Model 3 (Li+ first-shell competition): analytic mass action, and the direction of each route."""
import json
import math

import pytest

from simulator import constants as K
from simulator import double_layer, solvation
from simulator.parameters import ParameterError


def _dielectric_k_ratio(p, eps_local):
    pref = K.N_A / (4 * math.pi * K.EPS0)
    a = pref * K.E_CHARGE**2 / p["ion_pair_distance"]
    b = pref * K.E_CHARGE * p["solvent_dipole_moment"] / p["solvent_dipole_distance"] ** 2
    return math.exp(-(a - b) * (1 / p["electrolyte_permittivity"] - 1 / eps_local) / (K.R * p["temperature"]))


def test_both_routes_off_gives_bulk_everywhere():
    r = solvation.run(dielectric_route=0, concentration_route=0)
    assert all(v == pytest.approx(0.4, rel=1e-12) for v in r.anion_coordination)


def test_dielectric_route_matches_mass_action_and_goes_against_the_claim():
    r = solvation.run(concentration_route=0)
    p = r.parameters
    kb = 0.1 / 0.9  # n_b / N = 0.4 / 4
    k0 = kb * _dielectric_k_ratio(p, p["ferroelectric_permittivity"])
    assert r.coordination_surface == pytest.approx(4 * k0 / (1 + k0), rel=1e-9)
    assert r.coordination_surface < r.coordination_bulk  # high eps screens the ion pair: fewer anions
    assert "fewer anions" in r.dielectric_route_direction
    low = solvation.run(concentration_route=0, ferroelectric_permittivity=5.0)
    assert low.coordination_surface > low.coordination_bulk  # low eps: more contact pairs
    assert r.coordination_surface_dielectric_only == pytest.approx(r.coordination_surface, rel=1e-12)


def test_concentration_route_follows_the_double_layer():
    r = solvation.run(dielectric_route=0)
    dl = double_layer.run()
    p = r.parameters
    c0 = p["salt_concentration"]
    v_p, v_m = K.N_A * p["cation_diameter"] ** 3, K.N_A * p["anion_diameter"] ** 3
    a_a = dl.anion_surface_concentration / c0
    a_s = (1 - v_p * dl.li_surface_concentration - v_m * dl.anion_surface_concentration) / (1 - (v_p + v_m) * c0)
    w = (0.1 / 0.9) * a_a
    assert r.coordination_surface == pytest.approx(4 * w / (w + a_s), rel=1e-9)
    assert r.coordination_surface > r.coordination_bulk  # anions enriched at a positive surface
    neg = solvation.run(dielectric_route=0, surface_charge=-0.02)
    assert neg.coordination_surface < neg.coordination_bulk


def test_far_field_returns_to_bulk():
    r = solvation.run()
    assert r.anion_coordination[-1] == pytest.approx(r.coordination_bulk, rel=1e-6)


@pytest.mark.parametrize("kw,name", [
    ({"bulk_anion_coordination": 5.0}, "bulk_anion_coordination"),
    ({"ion_pair_distance": -1e-10}, "ion_pair_distance"),
    ({"dielectric_route": 0.5}, "dielectric_route"),
    ({"electrolyte_permittivity": 0.0}, "electrolyte_permittivity"),
])
def test_bad_input_names_the_parameter(kw, name):
    with pytest.raises(ParameterError, match=name):
        solvation.run(**kw)


def test_json_and_plot(tmp_path):
    r = solvation.run()
    d = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert d["model"] == "solvation" and "coordination_surface" in d["units"]
    path = tmp_path / "sv.png"
    r.plot(path)
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_overfilled_double_layer_profile_is_a_solver_error(monkeypatch):
    """A profile whose ions occupy more than the whole volume (negative solvent fraction) is refused, not clamped."""
    import dataclasses

    from simulator.parameters import SolverError
    real = double_layer.run()
    sat = 1.0 / (K.N_A * real.parameters["anion_diameter"] ** 3)   # anion lattice saturation, mol/m^3
    over = real.anion_concentration.copy()
    over[0] = 1.5 * sat                                              # 150 % packing at the surface
    monkeypatch.setattr(solvation.double_layer, "run",
                        lambda **kw: dataclasses.replace(real, anion_concentration=over))
    with pytest.raises(SolverError, match=r"fill more than the whole volume at x = 0 m.*solvent volume fraction"):
        solvation.run()
