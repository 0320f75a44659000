"""Variables shared by several law families (same symbol, unit and entity everywhere)."""
from __future__ import annotations

from .base import Var

J = Var("J", "J", "applied current density", "A/m^2", "positive", "CurrentDensity")
c0 = Var("c_0", "c_0", "bulk salt concentration", "mol/m^3", "positive", "SaltConcentration")
D = Var("D", r"D_{\mathrm{app}}", "ambipolar salt diffusion coefficient, 2 D+ D- /(D+ + D-)",
        "m^2/s", "positive", "SaltDiffusionCoefficient")
t_a = Var("t_a", "t_a", "anion transference number", "dimensionless", "(0,1)", "AnionTransferenceNumber")
t_Li = Var("t_Li", r"t_{\mathrm{Li}^+}", "Li+ transference number", "dimensionless", "(0,1)",
           "LiIonTransferenceNumber")
z = Var("z", "z", "charge number of the cation (1 for Li+)", "dimensionless", "positive")
T = Var("T", "T", "absolute temperature", "K", "positive", "Temperature")
eps_r = Var("epsilon_r", r"\varepsilon_r", "relative permittivity of the electrolyte", "dimensionless",
            "positive", "DielectricConstant")
L_sei = Var("L", "L", "SEI thickness", "m", "positive", "SEIThickness")
V_m = Var("V_m", "V_m", "molar volume of Li metal", "m^3/mol", "positive")
gamma = Var("gamma", r"\gamma", "surface (interfacial) energy of Li", "J/m^2", "positive", "SurfaceEnergy")
