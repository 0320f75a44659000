"""The design rules (data). Each documented example is checked by hand in tests/test_laws_rules.py."""
from __future__ import annotations

from . import diffuse_layer as dl, mechanics as me, sei_transport as st
from .base import Var
from .quantities import D, J, T, c0, eps_r, t_Li, z
from .rules import Param, Rule

_Z = Param(z, "charge number", "1", "Li+ carries one elementary charge", ("charge_number",))
_T = Param(T, "temperature", "298.15 K", "outside estimate: room-temperature operation", ("temperature",))
t_charge = Var("t_charge", r"t_{\mathrm{charge}}", "duration of the charge (plating) step", "s", "positive")
T_target = Var("T_target", r"T_{\mathrm{target}}", "largest tolerated electron transmission (tunneling "
               "rate relative to a bare surface)", "dimensionless", "(0,1)")
enrich = Var("enrichment", r"c_{A^-}(0)/c_0", "wanted anion enrichment at the surface", "dimensionless", "(1,oo)")
E_target = Var("E_target", r"E_{\mathrm{target}}", "wanted SEI Young's modulus", "Pa", "positive")

_RULES = (
    Rule("max_current_for_charge_time",
         "Largest current density for which Sand's time exceeds the charge time",
         "sand_time_li_transference", "t_sand", "J", "t_charge", ">=",
         (Param(D, "diffusion coefficient", aliases=("diffusion_coefficient",)), Param(c0, "concentration", aliases=("salt_concentration", "concentration")), Param(t_Li, "transference number", aliases=("li_transference_number",)),
          Param(t_charge, "time", aliases=("charge_time",)), _Z), "mA/cm^2",
         notes=("semi-infinite diffusion: sqrt(D t_charge) well below the inter-electrode distance",
                "meaningful above the cell's limiting current (law limiting_current)"),
         source="004 §3.2.1 eq. (1)"),
    Rule("transference_for_current",
         "Li+ transference number needed so that Sand's time exceeds the charge time at current J",
         "sand_time_li_transference", "t_sand", "t_Li", "t_charge", ">=",
         (Param(J, "current density", aliases=("current_density",)), Param(D, "diffusion coefficient", aliases=("diffusion_coefficient",)), Param(c0, "concentration", aliases=("salt_concentration", "concentration")),
          Param(t_charge, "time", aliases=("charge_time",)), _Z), "dimensionless",
         notes=("semi-infinite diffusion; binary salt (t_a = 1 - t_Li+)",), source="004 §3.2.1 eq. (1)"),
    Rule("sei_thickness_for_tunneling",
         "SEI thickness that keeps the electron tunneling probability below a target",
         "tunneling_transmission", "T_e", "L", "T_target", "<=",
         (Param(st.Phi, "energy", aliases=("barrier_height",)), Param(T_target, "dimensionless number in (0,1)", aliases=("transmission",))), "nm",
         notes=("WKB transmission through a rectangular barrier; prefactor of order one dropped",),
         source="003 §2.2.1 (tunneling negligible above ~10 Å)"),
    Rule("polarization_for_anion_enrichment",
         "Remanent polarization needed for a given anion enrichment in the diffuse layer",
         "boltzmann_surface_concentration", "c_A_s", "P_r", "enrichment*c_0", ">=",
         (Param(enrich, "enrichment factor > 1", aliases=("anion_enrichment",)), Param(c0, "concentration", aliases=("salt_concentration", "concentration")),
          Param(eps_r, "relative permittivity", aliases=("relative_permittivity", "permittivity")), _T, _Z,
          Param(dl.cos_t, "cosine in (0,1]", "1", "polarization normal to the surface", ("cos_angle",))), "uC/cm^2",
         substitutions=(("sigma_b", "P_r*cos_theta"),), solve_var=dl.P_r,
         notes=("plain Poisson-Boltzmann: Li+ is depleted by the same factor (law "
                "boltzmann_surface_concentration); steric limits (law bikerman_limit) cap the enrichment",
                "PB is strained at high salt concentration (Debye length near the ion size)"),
         source="000 §3.1; laws bound_surface_charge + boltzmann_surface_concentration"),
    Rule("inorganic_fraction_for_modulus",
         "Inorganic volume fraction of a two-phase SEI needed for a target modulus",
         "voigt_reuss", "E_R", "f_inorg", "E_target", ">=",
         (Param(E_target, "Young's modulus", "3 GPa", "003 §2.2.2: SEI modulus above 3 GPa", ("target_modulus",)),
          Param(me.E_i, "Young's modulus", aliases=("inorganic_modulus",)), Param(me.E_o, "Young's modulus", aliases=("organic_modulus",))), "dimensionless",
         notes=("main value from the Reuss (iso-stress, lower) bound: sufficient for any microstructure; "
                "the Voigt value is the least fraction that could suffice",),
         requires=(("E_inorg - E_org", "the inorganic phase to be stiffer than the organic phase"),
                   ("E_inorg - E_target", "the target modulus to be below the inorganic phase's")),
         also=("E_V",), source="003 §2.2.2"),
    Rule("shear_modulus_for_suppression",
         "SEI shear modulus needed by the Monroe-Newman criterion",
         "monroe_newman", "chi_MN", "G_s", "1", "<=",
         (Param(me.G_Li, "shear modulus", "4.25 GPa", "Monroe & Newman, J. Electrochem. Soc. 152 (2005) A396",
                ("li_shear_modulus",)),
          Param(me.K_MN, "dimensionless ratio", "2", "Monroe & Newman (2005): about twice the Li modulus",
                ("modulus_ratio",)),
          Param(me.nu_s, "Poisson ratio", "0.33", "outside estimate: typical Poisson ratio of inorganic SEI "
                                                  "phases", ("poisson_ratio",))), "GPa",
         notes=("compare with 003 §2.2.2, which asks only for E > 3 GPa",),
         report_outputs=("E_req",), source="Monroe & Newman (2005); 003 §2.2.2"),
)
RULES = {r.name: r for r in _RULES}
