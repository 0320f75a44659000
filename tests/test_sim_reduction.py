"""Model 4: competitive reduction -> SEI phase fractions; inverse adsorbed-mix solver."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from simulator import constants as C
from simulator import reduction as red
from simulator import sei_components as comp
from simulator.parameters import ParameterError, SolverError


def test_fractions_are_a_composition():
    r = red.run()
    assert set(r.fractions) == set(comp.PHASES)
    assert math.isclose(sum(r.fractions.values()), 1.0, abs_tol=1e-12)
    assert all(0.0 <= v <= 1.0 for v in r.fractions.values())
    assert math.isclose(sum(r.species_shares.values()), 1.0, abs_tol=1e-12)
    # carbonate electrolyte with LiPF6: organic-rich SEI, no N or O-only anion products (000 §2.3)
    assert r.fractions["organic"] > 0.5 and r.fractions["Li3N"] == 0.0 and r.fractions["Li2O"] == 0.0


def test_shares_match_butler_volmer_ratio():
    """Free anion (p = 0): share_PF6/share_solvent = (c_a/c_s) exp(alpha f (E_a - E_s))."""
    p = dict(anion_coordination=0.0, salt_concentration=800.0, solvent_concentration=9000.0,
             E_PF6=0.55, E_carbonate=0.85, transfer_coefficient=0.4, temperature=310.0)
    r = red.run(**p)
    f = C.F / (C.R * 310.0)
    expected = (800.0 / 9000.0) * math.exp(0.4 * f * (0.55 - 0.85))
    assert r.species_shares["PF6"] / r.species_shares["carbonate"] == pytest.approx(expected, rel=1e-12)


def test_more_anion_coordination_gives_more_LiF():
    lif = [red.run(anion_coordination=p).fractions["LiF"] for p in (0.0, 0.3, 0.6, 1.0)]
    assert all(b > a for a, b in zip(lif, lif[1:]))


def test_field_lowering_gives_more_LiF_and_matches_boltzmann_factor():
    lif = [red.run(field_lowering=e).fractions["LiF"] for e in (0.0, 0.03, 0.06, 0.1)]
    assert all(b > a for a, b in zip(lif, lif[1:]))
    r0, r1 = red.run(field_lowering=0.0), red.run(field_lowering=0.05)
    ratio0 = r0.species_shares["PF6"] / r0.species_shares["carbonate"]
    ratio1 = r1.species_shares["PF6"] / r1.species_shares["carbonate"]
    assert ratio1 / ratio0 == pytest.approx(math.exp(0.05 * C.E_CHARGE / (C.K_B * 298.15)), rel=1e-12)


def test_nitrate_reservoir_gives_Li2O_Li3N_in_stoichiometric_volume_ratio():
    r = red.run(preadsorbed_anion_coverage=1e4, ads_x_FSI=0.0, ads_x_NO3=1.0)
    vm = comp.MOLAR_VOLUME
    assert r.fractions["Li2O"] / r.fractions["Li3N"] == pytest.approx(3 * vm["Li2O"].value / vm["Li3N"].value, rel=1e-12)
    assert r.fractions["LiF"] == 0.0 and r.reservoir_volume_fraction == pytest.approx(1.0)


def test_reservoir_is_reduced_first_and_scales_with_coverage():
    vm = np.array([comp.MOLAR_VOLUME[p].value for p in comp.PHASES])
    v_no3 = 3 * vm[1] + vm[2]
    r = red.run(preadsorbed_anion_coverage=20.0, ads_x_FSI=0.0, ads_x_NO3=1.0)
    assert r.reservoir_volume_fraction == pytest.approx(20.0 * 3.3e-6 * v_no3 / 20e-9, rel=1e-12)
    li3n = [red.run(preadsorbed_anion_coverage=c, ads_x_FSI=0.0, ads_x_NO3=1.0).fractions["Li3N"] for c in (0, 10, 40)]
    assert li3n[0] == 0.0 and li3n[2] > li3n[1] > 0.0


def test_single_anion_keyword():
    r = red.run(anion="FSI")
    assert r.parameters["x_FSI"] == 1.0 and r.parameters["x_PF6"] == 0.0
    assert r.fractions["Li3N"] > 0.0  # FSI carries N


@pytest.mark.parametrize("coverage", [30.0, 1000.0])
def test_inverse_recovers_a_known_mix(coverage):
    truth = dict(ads_x_PF6=0.3, ads_x_TFSI=0.0, ads_x_FSI=0.5, ads_x_NO3=0.2)
    target = red.run(preadsorbed_anion_coverage=coverage, **truth).fractions
    sol = red.solve_adsorbed_mix(target, preadsorbed_anion_coverage=coverage)
    assert sol.residual < 1e-9
    for a in ("PF6", "FSI", "NO3"):
        assert sol.mix[a] == pytest.approx(truth[f"ads_x_{a}"], abs=1e-8)
    assert math.isclose(sum(sol.mix.values()), 1.0, abs_tol=1e-12)


def test_inverse_reports_an_unreachable_target_honestly():
    sol = red.solve_adsorbed_mix({"Li2CO3": 1.0})  # no anion makes carbonate
    assert sol.residual > 0.5


def test_bad_inputs_name_parameter_and_range():
    with pytest.raises(ParameterError, match=r"salt_concentration.*-1.*\[0, 10000\]"):
        red.run(salt_concentration=-1.0)
    with pytest.raises(ParameterError, match=r"anion_coordination.*1\.5.*\[0, 1\]"):
        red.run(anion_coordination=1.5)
    with pytest.raises(ParameterError, match=r"solvent_concentration.*\(0"):
        red.run(solvent_concentration=0.0)
    with pytest.raises(ParameterError, match=r"salt anion shares.*sum to 1"):
        red.run(x_PF6=0.5)
    with pytest.raises(ParameterError, match=r"anion.*Cl.*PF6, TFSI, FSI, NO3"):
        red.run(anion="Cl")
    with pytest.raises(ParameterError, match=r"unknown parameter"):
        red.run(bogus=1.0)
    with pytest.raises(ParameterError, match=r"target fraction 'LiF' = -0.1"):
        red.solve_adsorbed_mix({"LiF": -0.1, "Li2O": 1.1})


def test_nan_inside_the_model_is_an_error():
    p = {x.name: x.default for x in red.PARAMETERS}
    p["E_PF6"] = float("nan")
    with pytest.raises(SolverError, match="non-finite"):
        red._compute(p)


def test_result_is_json_ready_and_plots(tmp_path):
    r = red.run()
    d = json.loads(json.dumps(r.to_dict()))
    assert d["units"]["lithium_consumed"] == "mol/m**2" and d["lithium_consumed"] > 0
    r.plot(tmp_path / "f.png")
    assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("branch", [0.0, 1.0])
def test_lithium_consumed_equals_lithium_in_the_products(branch):
    """Li balance: Li taken up = Li in tracked phases (moles x Li per formula unit) + Li in Li3P.

    Organic route 2EC + 2e- + 2Li+ -> (CH2OCO2Li)2 + C2H4 takes 1 Li per EC, the Li2CO3 route 2
    (K. Xu, Chem. Rev. 104, 4303 (2004) §6). LiPF6 salt: PF6- -> 6 LiF + Li3P, so the untracked
    Li3P carries 3 Li per 6 LiF.
    """
    r = red.run(carbonate_Li2CO3_branch=branch)
    L = r.sei_thickness
    moles = {ph: r.fractions[ph] * L / comp.MOLAR_VOLUME[ph].value for ph in comp.PHASES}
    tracked_li = sum(moles[ph] * comp.LI_PER_FORMULA[ph] for ph in comp.PHASES)
    untracked_li = 3.0 * moles["LiF"] / 6.0
    assert moles["organic" if branch == 0.0 else "Li2CO3"] > 0.0
    assert r.lithium_consumed == pytest.approx(tracked_li + untracked_li, rel=1e-12)


def test_reservoir_larger_than_the_sei_reports_the_unreduced_part():
    """Gamma = theta Gamma_site; an SEI of thickness L holds L / v_NO3 mol/m^2 of reduced NO3-
    (v_NO3 = 3 V_Li2O + V_Li3N); the rest of the reservoir is reported, not silently dropped."""
    vm = comp.MOLAR_VOLUME
    v_no3 = 3 * vm["Li2O"].value + vm["Li3N"].value
    big = red.run(preadsorbed_anion_coverage=1e4, ads_x_FSI=0.0, ads_x_NO3=1.0)
    assert big.reservoir_unreduced == pytest.approx(1e4 * 3.3e-6 - 20e-9 / v_no3, rel=1e-12)
    assert big.reservoir_unreduced > 0.03  # 0.033 mol/m^2 adsorbed, ~1e-4 mol/m^2 fits in 20 nm
    small = red.run(preadsorbed_anion_coverage=20.0, ads_x_FSI=0.0, ads_x_NO3=1.0)
    assert small.reservoir_unreduced == 0.0 and small.reservoir_volume_fraction < 1.0
    d = big.to_dict()
    assert d["units"]["reservoir_unreduced"] == "mol/m**2" and d["reservoir_unreduced"] == big.reservoir_unreduced


def test_inverse_lives_in_its_own_module_and_is_re_exported():
    from simulator import reduction_inverse
    assert red.solve_adsorbed_mix is reduction_inverse.solve_adsorbed_mix
    assert red.AdsorbedMixResult is reduction_inverse.AdsorbedMixResult
