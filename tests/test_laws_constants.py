"""engine.laws takes its numeric constants from simulator.constants (CODATA 2022), one source for both."""
from __future__ import annotations

import pytest

from engine.laws.base import CONSTANTS
from simulator import constants as K


@pytest.mark.parametrize("name, value", [
    ("epsilon_0", 8.8541878188e-12),   # CODATA 2022 (CODATA 2018 was 8.8541878128e-12)
    ("m_e", 9.1093837139e-31),         # CODATA 2022 (CODATA 2018 was 9.1093837015e-31)
    ("hbar", 1.054571817e-34),         # h/2pi, exact since the 2019 SI
    ("F", 96485.33212), ("R", 8.314462618), ("k_B", 1.380649e-23), ("e", 1.602176634e-19), ("N_A", 6.02214076e23),
])
def test_engine_constants_are_codata_2022(name, value):
    assert CONSTANTS[name].value == pytest.approx(value, rel=1e-10)


def test_engine_and_simulator_share_the_same_numbers():
    pairs = {"F": K.F, "R": K.R, "epsilon_0": K.EPS0, "k_B": K.K_B, "e": K.E_CHARGE, "hbar": K.HBAR,
             "m_e": K.M_E, "N_A": K.N_A}
    assert {k: CONSTANTS[k].value for k in pairs} == pairs
