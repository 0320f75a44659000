"""Model 2 (ferroelectric/electrolyte double layer) against Grahame, the exact Bikerman first
integral, steric saturation, and the signs plain theory gives."""
import json
import math

import pytest
from scipy.integrate import quad

from simulator import constants as K
from simulator import double_layer, pb_kernels
from simulator.parameters import ParameterError, SolverError

DILUTE = dict(salt_concentration=1.0, electrolyte_permittivity=78.0, ferroelectric_thickness=1.0,
              cation_diameter=1e-11, anion_diameter=1e-11)


@pytest.mark.parametrize("sigma", [1e-4, 2e-3, -5e-3, 2e-2])
def test_gouy_chapman_grahame_in_dilute_limit(sigma):
    r = double_layer.run(surface_charge=sigma, **DILUTE)
    eps, t = 78.0 * K.EPS0, 298.15
    scale = math.sqrt(8 * eps * K.K_B * t * 1.0 * K.N_A)
    vt = K.thermal_voltage(t)
    psi_grahame = 2 * vt * math.asinh(sigma / scale)
    assert r.surface_potential == pytest.approx(psi_grahame, rel=0.005)
    # Grahame between the diffuse charge and the computed potential (holds with any shunt)
    assert -r.diffuse_charge == pytest.approx(scale * math.sinh(r.surface_potential / (2 * vt)), rel=0.005)


def test_bikerman_first_integral_at_strong_charge_unequal_sizes():
    r = double_layer.run(surface_charge=0.26, ferroelectric_thickness=1.0)
    p = r.parameters
    nu_p = p["salt_concentration"] * K.N_A * p["cation_diameter"] ** 3
    nu_m = p["salt_concentration"] * K.N_A * p["anion_diameter"] ** 3
    vt = K.thermal_voltage(p["temperature"])
    phi0 = r.surface_potential / vt
    integral = quad(lambda u: pb_kernels.charge_and_slope(u, nu_p, nu_m)[0], 0.0, phi0, limit=200)[0]
    assert r.interfacial_field == pytest.approx(math.sqrt(2 * integral) * vt / r.debye_length, rel=0.005)


def test_steric_saturation_at_high_potential():
    r = double_layer.run(surface_charge=1.0)
    assert r.surface_potential > 1.0
    assert r.anion_surface_concentration == pytest.approx(r.anion_saturation_concentration, rel=0.01)
    assert r.anion_saturation_concentration == pytest.approx(1.0 / (K.N_A * (0.5e-9) ** 3), rel=1e-12)
    assert r.surface_packing_fraction <= 1.0 + 1e-12
    neg = double_layer.run(surface_charge=-1.0)
    assert neg.li_surface_concentration == pytest.approx(1.0 / (K.N_A * (0.6e-9) ** 3), rel=0.01)


def test_positive_surface_without_adsorption_depletes_li():
    r = double_layer.run()
    c0 = r.parameters["salt_concentration"]
    assert r.surface_charge > 0 and r.surface_potential > 0
    assert r.li_surface_concentration < c0 < r.anion_surface_concentration
    assert r.li_surface_excess < 0 < r.anion_surface_excess
    assert not r.li_enriched


def test_li_enrichment_only_when_adsorbed_anions_overcompensate():
    base = double_layer.run()
    crit = base.critical_coverage
    assert crit == pytest.approx(base.surface_charge / (K.F * 4.6e-6), rel=1e-12)
    below = double_layer.run(adsorption_model=1, adsorbed_coverage=0.5 * crit)
    above = double_layer.run(adsorption_model=1, adsorbed_coverage=2.0 * crit)
    c0 = base.parameters["salt_concentration"]
    assert below.net_surface_charge > 0 and below.li_surface_concentration < c0 and not below.li_enriched
    assert above.net_surface_charge < 0 and above.li_surface_concentration > c0 and above.li_enriched
    assert "F Gamma_max theta > sigma" in above.enrichment_condition


def test_diffuse_layer_is_electroneutral_with_surface():
    r = double_layer.run()
    assert K.F * (r.li_surface_excess - r.anion_surface_excess) == pytest.approx(r.diffuse_charge, rel=1e-3)
    assert r.diffuse_charge == pytest.approx(-(r.net_surface_charge + r.ferroelectric_shunt_charge), rel=1e-12)


def test_thin_ferroelectric_shunts_part_of_the_charge():
    thick = double_layer.run(ferroelectric_thickness=1e-3)
    thin = double_layer.run(ferroelectric_thickness=1e-9)
    assert 0 < thin.surface_potential < thick.surface_potential
    assert thin.ferroelectric_shunt_charge < 0


def test_field_reach_is_nanometres_and_nothing_at_a_micrometre():
    weak = double_layer.run(surface_charge=1e-4)  # linear regime: |E| ~ exp(-x/lambda)
    assert weak.field_reach_1pct == pytest.approx(weak.debye_length * math.log(100.0), rel=0.02)
    r = double_layer.run()
    assert r.field_reach_1pct < 5e-9
    assert r.field_at_probe_log10 < -1000 and r.field_at_probe == 0.0  # below double range at 1 um


@pytest.mark.parametrize("energy,sigma", [(-5e3, 0.026), (0.0, -0.5), (-5e4, 0.0)])
def test_langmuir_coverage_is_self_consistent(energy, sigma):
    r = double_layer.run(adsorption_model=2, adsorption_energy=energy, surface_charge=sigma)
    p = r.parameters
    k = math.exp(-p["adsorption_energy"] / (K.R * p["temperature"]))
    a = r.anion_surface_concentration / 1000.0
    assert 0 < r.adsorbed_coverage < 1
    assert r.adsorbed_coverage == pytest.approx(k * a / (1 + k * a), rel=1e-6)


@pytest.mark.parametrize("name,value,allowed", [
    ("electrolyte_permittivity", 0.0, "[1, 200]"),
    ("salt_concentration", -1.0, "(0, 10000]"),
    ("adsorbed_coverage", 1.5, "[0, 1]"),
])
def test_unphysical_input_names_parameter_value_and_range(name, value, allowed):
    with pytest.raises(ParameterError) as err:
        double_layer.run(**{name: value})
    msg = str(err.value)
    assert name in msg and f"{value:g}" in msg and allowed in msg


def test_overfull_lattice_and_conflicting_alias_are_errors():
    with pytest.raises(ParameterError, match=r"cation_diameter.*allowed"):
        double_layer.run(salt_concentration=5000.0, cation_diameter=0.9e-9)
    with pytest.raises(ParameterError, match="not both"):
        double_layer.run(surface_charge=0.01, remanent_polarization=0.2)


def test_newton_failure_is_reported():
    with pytest.raises(SolverError, match="did not converge"):
        double_layer.run(surface_charge=1.0, max_newton_iterations=1)


def test_json_and_plot(tmp_path):
    r = double_layer.run(adsorption_model=2)
    d = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert d["units"]["interfacial_field"] == "V/m" and len(d["x"]) == len(d["potential"])
    path = tmp_path / "dl.png"
    r.plot(path)
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_field_at_distance_inside_and_beyond_the_grid():
    r = double_layer.run(surface_charge=1e-4)
    e_near, log_near = r.field_at(r.debye_length)
    assert e_near == pytest.approx(r.interfacial_field * math.exp(-1.0), rel=0.01)  # linear regime
    _, log_far = r.field_at(1e-6)
    assert log_far == pytest.approx(math.log10(r.interfacial_field) - 1e-6 / (r.debye_length * math.log(10)), abs=0.05)
    with pytest.raises(ParameterError, match="distance"):
        r.field_at(-1e-9)


@pytest.mark.parametrize("given, mode, needed", [
    ({"adsorbed_coverage": 0.5}, 0, 1), ({"adsorbed_coverage": 0.5, "adsorption_model": 2}, 2, 1),
    ({"adsorption_energy": -1e4}, 0, 2), ({"adsorption_energy": -1e4, "adsorption_model": 1}, 1, 2)])
def test_mode_specific_parameter_with_another_mode_is_an_error(given, mode, needed):
    """A coverage (or adsorption energy) the chosen adsorption_model would ignore is refused, not dropped."""
    name = next(k for k in given if k != "adsorption_model")
    with pytest.raises(ParameterError, match=rf"'{name}' is used only with adsorption_model = {needed}.*"
                                             rf"adsorption_model = {mode}.*allowed: 0 \(none\), 1 .*, 2 "):
        double_layer.run(**given)


def test_mode_specific_defaults_do_not_trip_the_check():
    assert double_layer.run().adsorbed_coverage == 0.0          # mode 0, defaults of both untouched
    assert double_layer.run(adsorption_model=1, adsorbed_coverage=0.1).adsorbed_coverage == 0.1
