"""Model 5: SEI effective properties (Bruggeman, Simmons tunnelling, VRH, Monroe-Newman)."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest
import scipy.constants as sc

from simulator import reduction as red
from simulator import sei_components as comp
from simulator import sei_properties as sp
from simulator.parameters import ParameterError


def pure(phase, **kw):
    fr = {f"fraction_{p}": float(p == phase) for p in comp.PHASES}
    return sp.run(**fr, **kw)


def test_component_data_copy_004_table1():
    assert comp.LI_DIFFUSION_BARRIER["LiF"].value == 0.729 and comp.BAND_GAP["LiF"].value == 8.9
    assert comp.LI_DIFFUSION_BARRIER["Li2O"].value == 0.152 and comp.BAND_GAP["Li2O"].value == 4.7
    assert (comp.LI_DIFFUSION_BARRIER["Li3N"].low, comp.LI_DIFFUSION_BARRIER["Li3N"].high) == (0.007, 0.038)
    assert comp.BAND_GAP["Li3N"].value == 1.1
    assert comp.LI_DIFFUSION_BARRIER["Li2CO3"].value == 0.77 and comp.BAND_GAP["Li2CO3"].value == 5.0
    assert comp.SURFACE_ENERGY["LiF"].value == 1.93 and comp.SURFACE_DIFFUSION_BARRIER["Li2O"].value == 0.26
    for table in comp.TABLES.values():
        for v in table.values():
            assert v.unit and v.source
    assert "004" in comp.BAND_GAP["LiF"].source and "outside estimate" in comp.BAND_GAP["organic"].source


def test_pure_phase_returns_component_values():
    r = pure("LiF")
    assert r.ionic_conductivity == pytest.approx(comp.IONIC_CONDUCTIVITY["LiF"].value, rel=1e-12)
    k, g = comp.BULK_MODULUS["LiF"].value, comp.SHEAR_MODULUS["LiF"].value
    assert r.shear_modulus == pytest.approx(g) and r.bulk_modulus == pytest.approx(k)
    assert r.youngs_modulus == pytest.approx(9 * k * g / (3 * k + g), rel=1e-12)


def test_bruggeman_two_phase_closed_form():
    f1, s1, s2 = 0.37, 2.0e-3, 5.0e-8
    f = np.array([f1, 1 - f1])
    b = (3 * f1 - 1) * s1 + (3 * (1 - f1) - 1) * s2
    exact = (b + math.sqrt(b * b + 8 * s1 * s2)) / 4
    assert sp.bruggeman(f, np.array([s1, s2])) == pytest.approx(exact, rel=1e-10)


def test_bounds_bracket_the_estimates():
    r = sp.run()
    lo, hi = r.ionic_conductivity_bounds
    assert lo <= r.ionic_conductivity <= hi
    g_lo, g_hi = r.shear_modulus_bounds
    assert g_lo <= r.shear_modulus <= g_hi and r.shear_modulus == pytest.approx(0.5 * (g_lo + g_hi))


def test_tunnelling_decay_length_closed_form():
    phi = 0.5 * 8.9 * sc.e
    lam = sc.hbar / (2 * math.sqrt(2 * sc.m_e * phi))
    assert pure("LiF").tunnelling_decay_lengths["LiF"] == pytest.approx(lam, rel=1e-12)
    assert 0.4e-10 < lam < 0.5e-10  # sub-angstrom: negligible leakage beyond ~1 nm (003 §2: 10 A)


def test_thicker_sei_tunnels_less():
    rs = [sp.run(sei_thickness=L) for L in (0.5e-9, 1e-9, 2e-9, 5e-9)]
    t = [r.log10_tunnelling_transmission for r in rs]
    g = [r.electronic_conductance for r in rs]
    assert all(b < a for a, b in zip(t, t[1:])) and all(b < a for a, b in zip(g, g[1:]))
    lam = pure("Li2O").tunnelling_decay_lengths["Li2O"]
    thick = pure("Li2O", sei_thickness=2e-9)
    assert thick.log10_tunnelling_transmission == pytest.approx(-2e-9 / lam / math.log(10), rel=1e-12)


def test_more_inorganic_gives_higher_modulus():
    mods = []
    for x in (0.0, 0.25, 0.5, 0.75, 1.0):
        r = sp.run(fraction_LiF=x, fraction_Li2O=0.0, fraction_Li3N=0.0, fraction_Li2CO3=0.0, fraction_organic=1 - x)
        mods.append((r.shear_modulus, r.youngs_modulus))
    assert all(b[0] > a[0] and b[1] > a[1] for a, b in zip(mods, mods[1:]))


def test_monroe_newman_margin_sign():
    assert pure("LiF").monroe_newman_margin > 0 and pure("organic").monroe_newman_margin < 0
    r = pure("Li2O")
    assert r.monroe_newman_margin == pytest.approx(comp.SHEAR_MODULUS["Li2O"].value / (2 * 3.4e9) - 1)


def test_arrhenius_temperature_dependence():
    hot, ref = pure("LiF", temperature=330.0), pure("LiF")
    ea = 0.729 * sc.e
    assert hot.ionic_conductivity / ref.ionic_conductivity == pytest.approx(
        math.exp(-ea / sc.k * (1 / 330.0 - 1 / 298.15)), rel=1e-9)


def test_chains_from_reduction_model():
    r = sp.run(**red.run(anion="FSI").property_inputs())
    assert r.fractions["Li3N"] > 0 and r.ionic_conductivity > sp.run().ionic_conductivity


def test_bad_inputs_name_parameter_and_range():
    with pytest.raises(ParameterError, match=r"must sum to 1"):
        sp.run(fraction_LiF=0.5)
    with pytest.raises(ParameterError, match=r"fraction_Li2O.*-0.2.*\[0, 1\]"):
        sp.run(fraction_Li2O=-0.2)
    with pytest.raises(ParameterError, match=r"sei_thickness.*\(0, 1e-06\]"):
        sp.run(sei_thickness=0.0)
    with pytest.raises(ParameterError, match=r"li_shear_modulus"):
        sp.run(li_shear_modulus=-1.0)


def test_result_is_json_ready_and_plots(tmp_path):
    d = json.loads(json.dumps(sp.run().to_dict()))
    assert d["units"]["ionic_conductivity"] == "S/m" and d["monroe_newman_met"] in (True, False)
    sp.run().plot(tmp_path / "p.png")
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
