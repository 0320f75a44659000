"""Property data of the SEI phases (LiF, Li2O, Li3N, Li2CO3, organic ROCO2Li/ROLi).

Data only, no models. Every number carries its unit and source. Seed values are copied exactly:
004 = ion-modulation review (Mater. Horiz. 2023) §3.1.4 Table 1 "The physical properties of SEI
compositions"; 003 = SEI on Li metal (ChemSusChem 2024) §2 (ionic conductivity and mechanics
paragraphs; the seed text lost the minus signs of the exponents, "10^8 S cm^-1" reads 10^-8).
Where the seeds give nothing ("—" in 004 Table 1), the value is labelled "outside estimate" with
its reasoning. Ranges printed in a source keep ``low``/``high``; ``value`` is then the stated
midpoint (arithmetic for barriers, logarithmic for conductivities).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PHASES: tuple[str, ...] = ("LiF", "Li2O", "Li3N", "Li2CO3", "organic")


@dataclass(frozen=True)
class Value:
    value: float
    unit: str
    source: str
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict:
        d = {"value": self.value, "unit": self.unit, "source": self.source}
        if self.low is not None:
            d["range"] = [self.low, self.high]
        return d


T1 = "004 §3.1.4 Table 1"
_EST_MOD = ("outside estimate: neither seed gives a modulus (003 §2 only ranks them: LiF stiffer/stabler, "
            "Li2CO3/Li2O/LiOH fragile, ROCOO-Li the lowest modulus [003 ref 76, Shin et al. J. Power Sources "
            "2015, 277, 169]); ")


def _v(value, unit, source, low=None, high=None):
    return Value(float(value), unit, source, None if low is None else float(low), None if high is None else float(high))


# Li+ bulk diffusion barrier ("Energy barriers of Li+ diffusion"), eV.
LI_DIFFUSION_BARRIER = {
    "LiF": _v(0.729, "eV", T1),
    "Li2O": _v(0.152, "eV", T1),
    "Li3N": _v(0.0225, "eV", T1 + " (Li3N or LiNxOy: 0.007-0.038; midpoint)", 0.007, 0.038),
    "Li2CO3": _v(0.77, "eV", T1),
    "organic": _v(0.5, "eV", "outside estimate: 004 Table 1 gives '—' for organics; mid-range of the "
                  "0.3-0.7 eV activation energies usually reported for Li+ transport through SEI films"),
}

# Band gap, eV.
BAND_GAP = {
    "LiF": _v(8.9, "eV", T1),
    "Li2O": _v(4.7, "eV", T1),
    "Li3N": _v(1.1, "eV", T1),
    "Li2CO3": _v(5.0, "eV", T1),
    "organic": _v(6.0, "eV", "outside estimate: 004 Table 1 gives '—'; organic carbonates/alkoxides are "
                  "wide-gap insulators, placed between the Li2O (4.7 eV) and LiF (8.9 eV) gaps of 004 Table 1"),
}

# Surface energy as printed in 004 Table 1 (column unit 'eV', as in the seed; ~ values).
SURFACE_ENERGY = {
    "LiF": _v(1.93, "eV", T1 + " (~1.93)"),
    "Li2O": _v(3.3, "eV", T1 + " (~3.3)"),
    "Li2CO3": _v(0.85, "eV", T1 + " (~0.85)"),
}

# Li surface (adatom) diffusion barrier, 004 Table 1 column "Diffusion barriers", eV.
SURFACE_DIFFUSION_BARRIER = {
    "LiF": _v(0.16, "eV", T1 + " (~0.16)"),
    "Li2O": _v(0.26, "eV", T1 + " (~0.26)"),
    "Li2CO3": _v(0.24, "eV", T1 + " (~0.24)"),
}

# Room-temperature Li+ conductivity, S/m (seed gives S/cm: 1 S/cm = 100 S/m).
IONIC_CONDUCTIVITY = {
    "LiF": _v(10 ** -11.5, "S/m", "003 §2 (ionic conductivity): ~1e-13 to 1e-14 S/cm [003 refs 71,72]; "
              "log-midpoint", 1e-12, 1e-11),
    "Li2O": _v(1e-7, "S/m", "003 §2 (ionic conductivity): ~1e-9 S/cm at room temperature [003 refs 68,69]"),
    "Li3N": _v(0.1, "S/m", "U. v. Alpen, A. Rabenau, G. H. Talat, Appl. Phys. Lett. 30, 621 (1977): ~1e-3 S/cm "
               "at room temperature (order of magnitude as commonly quoted); not in the seeds"),
    "Li2CO3": _v(1e-6, "S/m", "003 §2 (ionic conductivity): ~1e-8 S/cm [003 refs 66,67]"),
    "organic": _v(1e-7, "S/m", "outside estimate: 003 §2 cites ROCOO-Li conductivity [refs 62,63: Wang et al. "
                  "Nat. Chem. 2019; Borodin et al. J. Phys. Chem. C 2013] without a number; 1e-9 S/cm taken "
                  "as the order of dilithium alkyl dicarbonates"),
}

# Isotropic (polycrystalline) bulk and shear moduli, Pa.
BULK_MODULUS = {
    "LiF": _v(65e9, "Pa", _EST_MOD + "Voigt-Reuss-Hill average of LiF single-crystal constants C11~111, C12~42, "
              "C44~63 GPa (standard compilations)"),
    "Li2O": _v(82e9, "Pa", _EST_MOD + "VRH average of antifluorite Li2O constants C11~202, C12~22, C44~59 GPa"),
    "Li3N": _v(56e9, "Pa", _EST_MOD + "order of DFT elastic moduli of alpha-Li3N (de Jong et al., Sci. Data 2, "
               "150009 (2015) database)"),
    "Li2CO3": _v(45e9, "Pa", _EST_MOD + "order of DFT elastic moduli of monoclinic Li2CO3 (de Jong et al., Sci. "
                 "Data 2, 150009 (2015) database)"),
    "organic": _v(0.83e9, "Pa", _EST_MOD + "E ~ 1 GPa, Poisson ratio 0.3 for an organic (ROCO2Li) SEI"),
}
SHEAR_MODULUS = {
    "LiF": _v(49e9, "Pa", BULK_MODULUS["LiF"].source),
    "Li2O": _v(70e9, "Pa", BULK_MODULUS["Li2O"].source),
    "Li3N": _v(37e9, "Pa", BULK_MODULUS["Li3N"].source),
    "Li2CO3": _v(27e9, "Pa", BULK_MODULUS["Li2CO3"].source),
    "organic": _v(0.385e9, "Pa", BULK_MODULUS["organic"].source),
}

_CRC = "M/rho with density from CRC Handbook of Chemistry and Physics (97th ed.), physical constants of inorganic compounds"
# Molar volume per formula unit, m^3/mol; Li atoms per formula unit.
MOLAR_VOLUME = {
    "LiF": _v(25.939e-3 / 2640.0, "m**3/mol", _CRC + " (2.640 g/cm3)"),
    "Li2O": _v(29.881e-3 / 2013.0, "m**3/mol", _CRC + " (2.013 g/cm3)"),
    "Li3N": _v(34.83e-3 / 1270.0, "m**3/mol", _CRC + " (1.27 g/cm3)"),
    "Li2CO3": _v(73.89e-3 / 2110.0, "m**3/mol", _CRC + " (2.11 g/cm3)"),
    "organic": _v(161.95e-3 / 1600.0, "m**3/mol", "outside estimate: lithium ethylene dicarbonate (CH2OCO2Li)2, "
                  "M = 161.95 g/mol, density assumed 1.6 g/cm3 (typical of lithium organic salts)"),
}
LI_PER_FORMULA = {"LiF": 1, "Li2O": 2, "Li3N": 3, "Li2CO3": 2, "organic": 2}

TABLES = {
    "li_diffusion_barrier": LI_DIFFUSION_BARRIER,
    "band_gap": BAND_GAP,
    "surface_energy": SURFACE_ENERGY,
    "surface_diffusion_barrier": SURFACE_DIFFUSION_BARRIER,
    "ionic_conductivity": IONIC_CONDUCTIVITY,
    "bulk_modulus": BULK_MODULUS,
    "shear_modulus": SHEAR_MODULUS,
    "molar_volume": MOLAR_VOLUME,
}


def array(prop: str) -> np.ndarray:
    """Values of one property in :data:`PHASES` order (SI / eV as in the table)."""
    table = TABLES[prop]
    missing = [p for p in PHASES if p not in table]
    if missing:
        raise KeyError(f"property '{prop}' has no value for phase(s) {', '.join(missing)} (004 Table 1 gives none)")
    return np.array([table[p].value for p in PHASES], dtype=np.float64)


def as_dict() -> dict:
    """All component data, JSON-ready: {property: {phase: {value, unit, source[, range]}}}."""
    return {prop: {ph: v.to_dict() for ph, v in table.items()} for prop, table in TABLES.items()}
