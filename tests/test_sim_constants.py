"""simulator.constants: CODATA 2022 values and the Debye-length helper's input checks."""
from __future__ import annotations

import math

import pytest

from simulator import constants as C
from simulator import sei_properties


def test_codata_2022_quantum_constants():
    # CODATA 2022 (physics.nist.gov/constants): h exact, hbar = h/2pi = 1.054571817e-34 J s, m_e = 9.1093837139e-31 kg
    assert C.H_PLANCK == 6.62607015e-34
    assert C.HBAR == pytest.approx(1.054571817e-34, rel=1e-9)
    assert C.M_E == 9.1093837139e-31
    assert (sei_properties.HBAR, sei_properties.H_PLANCK, sei_properties.M_E) == (C.HBAR, C.H_PLANCK, C.M_E)
    assert "scipy.constants" not in open(sei_properties.__file__).read()


def test_debye_length_valence_scaling_and_value():
    # 1 M 1:1 salt in water (eps_r 78.5, 298.15 K): 0.304 nm (Bard & Faulkner, 2nd ed., §13.3.2 Table 13.3.1: 3.04 A at 1 M)
    lam1 = C.debye_length(1000.0, 78.5)
    assert lam1 == pytest.approx(0.304e-9, rel=3e-3)
    assert C.debye_length(1000.0, 78.5, valence=2) == pytest.approx(lam1 / 2.0, rel=1e-14)


@pytest.mark.parametrize("valence", [0, -1, 1.5, math.nan, True])
def test_debye_length_rejects_a_bad_valence(valence):
    with pytest.raises(ValueError, match=r"valence = .* outside the allowed range: a whole number z >= 1"):
        C.debye_length(1000.0, 20.0, valence=valence)
