"""Shared laws of models 7 and 8: corrosion-grown SEI, its resistance, its fracture strain.

* Corrosion through the SEI (model 6, ``sei_growth`` solvent-diffusion regime, parabolic): the
  Li corrosion current decays as the film thickens, i = i_c L0 / L, so dL/dt = rho (V/z) i/F
  with local reactivity rho (000 §2.1: defects with incomplete coordination corrode faster)::

      L(t) = sqrt(L0^2 + 2 rho k t),   k = (V/z) i_c L0 / F

  Li consumed per area n = z (L - L0)/V (as model 6), surface recession d = n V_Li.
* SEI area resistance R = L / sigma_SEI, sigma_SEI from model 5 (Bruggeman over the phases of
  model 4) -- the "Ohm's law" heterogeneity of 000 §2.2 (1).
* Fracture of a thin brittle film under in-plane tension by channel cracking (Hutchinson & Suo,
  Adv. Appl. Mech. 29, 63 (1992), §4): eps_c = sqrt(2 Gamma / (Z E' L)), Z = 1.976,
  E' = E/(1 - nu^2): stiffer and thicker films crack at smaller strain. A stiff inorganic SEI is
  therefore *not* more strain tolerant than an organic one unless it is thinner -- contrary to the
  reading of 000 §3.3 (3) that a high modulus by itself reduces fracture.
"""
from __future__ import annotations

import numpy as np

from . import constants as C
from . import reduction, sei_properties

V_LI = 13.0e-6  # m^3/mol, molar volume of Li metal (6.941 g/mol / 0.534 g/cm^3, CRC Handbook 97th ed.)
Z_CHANNEL = 1.976  # Hutchinson & Suo (1992) channel-crack factor for a film on a stiff substrate
V_SEI_PER_LI = 9.585e-5 / 2.0  # m^3 per mol Li, model 6 defaults (PyBaMM Xu2019 SEI molar volume / 2 Li)


def corrosion_rate_constant(i_corr: float, l0: float) -> float:
    """k (m^2/s) of L^2 = L0^2 + 2 rho k t for an initial corrosion current i_corr (A/m^2) through L0."""
    return V_SEI_PER_LI * i_corr * l0 / C.F


def corroded_thickness(reactivity, t: float, i_corr: float, l0: float) -> np.ndarray:
    """SEI thickness (m) after time t (s) of corrosion at local reactivity rho (dimensionless)."""
    rho = np.asarray(reactivity, dtype=float)
    return np.sqrt(l0 * l0 + 2.0 * rho * corrosion_rate_constant(i_corr, l0) * t)


def li_consumed(thickness, l0: float) -> np.ndarray:
    """Li consumed (mol/m^2) in growing the SEI from l0 to ``thickness``."""
    return (np.asarray(thickness, dtype=float) - l0) / V_SEI_PER_LI


def critical_strain(youngs: float, poisson: float, toughness: float, thickness) -> np.ndarray:
    """Channel-cracking strain eps_c = sqrt(2 Gamma (1 - nu^2) / (Z E L))."""
    return np.sqrt(2.0 * toughness * (1.0 - poisson ** 2) / (Z_CHANNEL * youngs * np.asarray(thickness, float)))


def sei_phase_properties(inorganic_anion: str | None = None) -> dict:
    """Conductivity (S/m), Young's modulus (Pa), Poisson ratio of the SEI of model 4 -> model 5.

    ``None``: the default 1 M LiPF6 carbonate SEI (organic-rich); an anion name ('FSI', 'TFSI',
    'NO3', 'PF6'): the SEI that anion alone gives (inorganic-rich for FSI/NO3)."""
    red = reduction.run(anion=inorganic_anion) if inorganic_anion else reduction.run()
    prop = sei_properties.run(**red.property_inputs())
    return {"conductivity": prop.ionic_conductivity, "youngs_modulus": prop.youngs_modulus,
            "poisson_ratio": prop.poisson_ratio, "fractions": dict(red.fractions)}


def mixed_properties(inorganic_fraction: float) -> dict:
    """SEI of organic share 1 - x and inorganic share x (LiF:Li2O 1:1 by volume) through model 5."""
    x = float(inorganic_fraction)
    fr = {f"fraction_{ph}": 0.0 for ph in sei_properties.PHASES}
    fr["fraction_organic"] = 1.0 - x
    fr["fraction_LiF"] = 0.5 * x
    fr["fraction_Li2O"] = 0.5 * x
    prop = sei_properties.run(**fr)
    return {"conductivity": prop.ionic_conductivity, "youngs_modulus": prop.youngs_modulus,
            "poisson_ratio": prop.poisson_ratio}
