"""Physical constants in SI units, with their source, and a few derived helpers.

Source: CODATA 2022 recommended values (Mohr, Tiesinga, Newell, Taylor, "CODATA Recommended
Values of the Fundamental Physical Constants: 2022", NIST, https://physics.nist.gov/constants).
Since the 2019 SI redefinition ``E_CHARGE``, ``N_A`` and ``K_B`` are exact, so ``F = e N_A``
and ``R = k_B N_A`` are exact too, as are ``H_PLANCK`` and ``HBAR``; ``EPS0`` and ``M_E`` are
measured (relative uncertainties 1.6e-10 and 3.1e-10).

Plain module-level floats, so numba kernels may use them as compile-time constants.
No other module of the project is imported here.
"""
from __future__ import annotations

import math

SOURCE = "CODATA 2022 (NIST, physics.nist.gov/constants); e, N_A, k_B exact since the 2019 SI"

E_CHARGE = 1.602176634e-19      # C, elementary charge (exact)
N_A = 6.02214076e23             # 1/mol, Avogadro constant (exact)
K_B = 1.380649e-23              # J/K, Boltzmann constant (exact)
F = E_CHARGE * N_A              # C/mol, Faraday constant = 96485.33212... (exact)
R = K_B * N_A                   # J/(mol K), molar gas constant = 8.314462618... (exact)
EPS0 = 8.8541878188e-12         # F/m, vacuum electric permittivity (CODATA 2022)
H_PLANCK = 6.62607015e-34       # J s, Planck constant (exact)
HBAR = H_PLANCK / (2.0 * math.pi)  # J s, reduced Planck constant = 1.054571817...e-34 (exact)
M_E = 9.1093837139e-31          # kg, electron mass (CODATA 2022, relative uncertainty 3.1e-10)
T_STANDARD = 298.15             # K, standard reference temperature (IUPAC)

# Short aliases, as used in equations.
e = E_CHARGE
k_B = K_B
NA = N_A
eps0 = EPS0

UNITS = {
    "E_CHARGE": "C",
    "N_A": "1/mol",
    "K_B": "J/K",
    "F": "C/mol",
    "R": "J/(mol*K)",
    "EPS0": "F/m",
    "H_PLANCK": "J*s",
    "HBAR": "J*s",
    "M_E": "kg",
    "T_STANDARD": "K",
}


def _check_temperature(temperature: float) -> float:
    t = float(temperature)
    if not math.isfinite(t) or t <= 0.0:
        raise ValueError(f"temperature = {temperature!r} K is outside the allowed range (0, inf) K")
    return t


def thermal_voltage(temperature: float = T_STANDARD) -> float:
    """k_B T / e in volts (25.69 mV at 298.15 K)."""
    return K_B * _check_temperature(temperature) / E_CHARGE


def thermal_energy(temperature: float = T_STANDARD) -> float:
    """k_B T in joules."""
    return K_B * _check_temperature(temperature)


def f_over_rt(temperature: float = T_STANDARD) -> float:
    """F / (R T) in 1/V (38.92 1/V at 298.15 K)."""
    return F / (R * _check_temperature(temperature))


def mol_per_m3(molar: float) -> float:
    """Concentration from mol/L (M) to mol/m^3 (1 M = 1000 mol/m^3)."""
    return 1000.0 * float(molar)


def debye_length(concentration: float, rel_permittivity: float, temperature: float = T_STANDARD,
                 valence: int = 1) -> float:
    """Debye screening length in metres of a symmetric z:z salt.

    lambda_D = sqrt(eps_r eps0 k_B T / (2 z^2 e^2 N_A c)), ``concentration`` in mol/m^3
    (Bard & Faulkner, Electrochemical Methods, 2nd ed., §13.3.2).
    """
    c = float(concentration)
    er = float(rel_permittivity)
    if not math.isfinite(c) or c <= 0.0:
        raise ValueError(f"concentration = {concentration!r} mol/m**3 is outside the allowed range (0, inf) mol/m**3")
    if not math.isfinite(er) or er <= 0.0:
        raise ValueError(f"rel_permittivity = {rel_permittivity!r} is outside the allowed range (0, inf)")
    if (isinstance(valence, bool) or not isinstance(valence, (int, float)) or not math.isfinite(valence)
            or valence != int(valence) or valence < 1):
        raise ValueError(f"valence = {valence!r} is outside the allowed range: a whole number z >= 1 "
                         "(charge number of the ions of the symmetric z:z salt)")
    t = _check_temperature(temperature)
    return math.sqrt(er * EPS0 * K_B * t / (2.0 * valence**2 * E_CHARGE**2 * N_A * c))
