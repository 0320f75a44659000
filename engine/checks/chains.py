"""Model pipelines of the checkable chains: which simulator models run, in which order, and how
one model's output becomes the next one's input. The simulator stays pure numerics; the
binding of graph entities to the outputs named here lives in ``ontology/bindings.ttl``.

Every pipeline returns a flat dict ``{"model.output": value}``. A stage that cannot run for
the given inputs (a parameter out of a model's range, a solver failure) is recorded under
``"_errors"`` with the model's message and its downstream outputs are absent; nothing is
clamped silently.
"""
from __future__ import annotations

import math

import numpy as np

from engine.checks.pipelines import Pipeline, split_by_model
from simulator import double_layer, depletion, reduction, sei_properties, solvation
from simulator import constants as K
from simulator.parameters import Parameter, ParameterError, SolverError

_FAIL = (ParameterError, SolverError)


def _stage(out: dict, name: str, fn):
    """Run one stage; record its error instead of raising (downstream outputs stay absent)."""
    if out["_errors"]:
        return None
    try:
        return fn()
    except _FAIL as exc:
        out["_errors"][name] = f"{type(exc).__name__}: {exc}"
        return None


# ---------------------------------------------------------------- Sand's time (model 1)
def sand(params: dict[str, float]) -> dict[str, object]:
    p = split_by_model(params).get("depletion", {})
    out: dict[str, object] = {"_errors": {}}
    r = _stage(out, "depletion", lambda: depletion.run(**p))
    if r is None:
        return out
    q = r.parameters
    out.update({"depletion.transference_number": q["transference_number"],
                "depletion.anion_transference_number": 1.0 - q["transference_number"],
                "depletion.current_density": q["current_density"],
                "depletion.salt_concentration": q["salt_concentration"],
                "depletion.diffusivity": q["diffusivity"],
                "depletion.sand_time_numeric": r.sand_time_numeric,
                "depletion.sand_time_analytic": r.sand_time_analytic})
    return out


# ---------------------------------------------------------------- FD -> anions -> LiF -> SEI (models 2-5, 1)
def _electrolyte_to_sei(out: dict, by: dict, c_anion: float, c_li: float, n_a: float, free_rel: float) -> None:
    """Interfacial anion concentration and Li+ shell coordination -> reduction -> SEI properties.

    Coordinated anions per volume = n_A c+ (each Li+ holds n_A anions in its first shell); the
    fraction of anions in contact pairs or aggregates is p = n_A c+ / c-; when contacts
    outnumber anions (p > 1) every anion is bridged (AGG) and p is 1 — reported in
    ``pipeline.coordination_saturated``. The reducible solvent near the surface scales with the
    free-solvent volume fraction of model 2 (steric crowding by ions).
    """
    pair = n_a * c_li
    p_raw = pair / c_anion
    out["solvation.coordinated_anion_concentration"] = pair
    out["pipeline.coordinated_fraction_raw"] = p_raw
    out["pipeline.coordination_saturated"] = p_raw > 1.0
    red_p = dict(by.get("reduction", {}))
    solvent = red_p.pop("solvent_concentration", reduction.PARAMETERS[1].default)
    red_p.update(salt_concentration=c_anion, anion_coordination=min(p_raw, 1.0),
                 solvent_concentration=solvent * free_rel)
    red = _stage(out, "reduction", lambda: reduction.run(**red_p))
    if red is None:
        return
    out["reduction.anion_share"] = sum(v for k, v in red.species_shares.items() if k != "carbonate")
    for ph, v in red.fractions.items():
        out[f"reduction.fraction_{ph}"] = v
    out["reduction.inorganic_fraction"] = 1.0 - red.fractions["organic"]
    sp_p = {**by.get("sei_properties", {}), **red.property_inputs(), "sei_thickness": red.sei_thickness}
    sp = _stage(out, "sei_properties", lambda: sei_properties.run(**sp_p))
    if sp is None:
        return
    out.update({"sei_properties.ionic_conductivity": sp.ionic_conductivity,
                "sei_properties.ionic_area_resistance": sp.ionic_area_resistance,
                "sei_properties.shear_modulus": sp.shear_modulus,
                "sei_properties.monroe_newman_margin": sp.monroe_newman_margin})


def fd_anion(params: dict[str, float]) -> dict[str, object]:
    by = split_by_model(params)
    dl_p = by.get("double_layer", {})
    out: dict[str, object] = {"_errors": {}}
    sv = _stage(out, "solvation", lambda: solvation.run(**by.get("solvation", {}), **dl_p))
    if sv is None:
        return out
    q = sv.parameters
    dl = _stage(out, "double_layer", lambda: double_layer.run(**dl_p))
    out.update({"double_layer.remanent_polarization": q["remanent_polarization"],
                "double_layer.surface_charge": dl.surface_charge,
                "double_layer.net_surface_charge": dl.net_surface_charge,
                "double_layer.anion_surface_concentration": dl.anion_surface_concentration,
                "double_layer.li_surface_concentration": dl.li_surface_concentration,
                "double_layer.li_enriched": dl.li_enriched,
                "double_layer.critical_coverage": dl.critical_coverage,
                "double_layer.enrichment_condition": dl.enrichment_condition,
                "solvation.coordination_surface": sv.coordination_surface,
                "solvation.coordination_surface_concentration_only": sv.coordination_surface_concentration_only,
                "solvation.coordination_surface_dielectric_only": sv.coordination_surface_dielectric_only,
                "solvation.dielectric_route_direction": sv.dielectric_route_direction})
    free = 1.0 - K.N_A * (q["cation_diameter"] ** 3 * dl.li_surface_concentration
                          + q["anion_diameter"] ** 3 * dl.anion_surface_concentration)
    free_bulk = 1.0 - K.N_A * q["salt_concentration"] * (q["cation_diameter"] ** 3 + q["anion_diameter"] ** 3)
    _electrolyte_to_sei(out, by, dl.anion_surface_concentration, dl.li_surface_concentration,
                        sv.coordination_surface_concentration_only, max(free, 0.0) / free_bulk)
    dep = _stage(out, "depletion", lambda: depletion.run(**by.get("depletion", {})))
    if dep is not None:
        out["depletion.sand_time_analytic"] = dep.sand_time_analytic
        _sei_to_onset(out, by, dep.parameters["current_density"])
    return out


def _sei_to_onset(out: dict, by: dict, current_density: float) -> None:
    """Model 7 stage: the chain's SEI (models 4 -> 5) -> dendrite onset.

    Model 7 runs with the chain's SEI itself: its thickness L0 (``initial_sei_thickness`` = the
    model 4/5 thickness) and its conductivity (``sei_conductivity`` = model 5's Bruggeman
    value), so its resistive length ell = sigma_e (R_ct + L/sigma_SEI) carries the chain's area
    resistance R = L/sigma_SEI. (An earlier version mapped R onto model 7's default-SEI
    conductivity as an equivalent thickness R sigma_7; for LiF-rich SEIs, sigma_SEI 1e2-1e5 times
    below sigma_7, that thickness reached 0.1-1 mm, outside model 7's 1 um range, and ~30 % of
    the robustness samples failed on a mapping artefact, not on physics.) Its ferroelectric
    switch stays off (the FD acts only through the SEI this chain computed) and it plates at the
    chain's current density (``depletion.current_density``, whose Sand's time the chain reports).
    ``dendrite_onset_rate`` = 1/t_onset (0 when model 7 reports no onset, t_onset = inf) grows
    with the dendrite tendency, so it carries the sign of lm:DendriteGrowth.
    """
    from simulator import morphology

    if "sei_properties.ionic_area_resistance" not in out:
        return
    sig = out["sei_properties.ionic_conductivity"]
    l0 = out["sei_properties.ionic_area_resistance"] * sig    # = the model 5 thickness
    m_p = {**by.get("morphology", {}), "initial_sei_thickness": l0, "sei_conductivity": sig, "ferroelectric": 0,
           "current_density": current_density}
    out["morphology.initial_sei_thickness"] = l0
    r = _stage(out, "morphology", lambda: morphology.run(**m_p))
    if r is None:
        return
    t = r.dendrite_onset_time
    out.update({"morphology.dendrite_onset_time": t,     # s; math.inf: no onset within the run
                "morphology.dendrite_formed": r.dendrite_formed,
                "morphology.dendrite_onset_rate": 0.0 if math.isinf(t) else (math.inf if t == 0.0 else 1.0 / t),
                "morphology.max_aspect_ratio": r.max_aspect_ratio,
                "morphology.wagner_length": r.wagner_length})


# ---------------------------------------------------------------- dielectric route (model 3)
def dielectric(params: dict[str, float]) -> dict[str, object]:
    by = split_by_model(params)
    out: dict[str, object] = {"_errors": {}}
    sv = _stage(out, "solvation", lambda: solvation.run(**by.get("solvation", {}), **by.get("double_layer", {})))
    if sv is None:
        return out
    q = sv.parameters
    eps0 = float(sv.local_permittivity[0])
    pref = K.N_A / (4.0 * math.pi * K.EPS0)
    b_dip = pref * K.E_CHARGE * q["solvent_dipole_moment"] / q["solvent_dipole_distance"] ** 2
    a_pair = pref * K.E_CHARGE ** 2 / q["ion_pair_distance"]
    out.update({"solvation.ferroelectric_permittivity": q["ferroelectric_permittivity"],
                "solvation.surface_permittivity": eps0,
                "solvation.solvent_bond_energy_surface": b_dip / eps0,   # J/mol, |Li+-solvent| screened
                "solvation.ion_pair_energy_surface": a_pair / eps0,      # J/mol, |Li+-anion| screened
                "solvation.coordination_surface_dielectric_only": sv.coordination_surface_dielectric_only,
                "solvation.coordination_surface": sv.coordination_surface,
                "solvation.dielectric_route_direction": sv.dielectric_route_direction})
    return out


# ---------------------------------------------------------------- separator-borne ferroelectric (models 2, 4)
def separator(params: dict[str, float]) -> dict[str, object]:
    """The ferroelectric sits ``probe_distance`` from the Li surface; the Li surface sees the
    field and the anion concentration of model 2's profile at that distance."""
    by = split_by_model(params)
    out: dict[str, object] = {"_errors": {}}
    dl = _stage(out, "double_layer", lambda: double_layer.run(**by.get("double_layer", {})))
    if dl is None:
        return out
    q = dl.parameters
    d = q["probe_distance"]
    if d <= dl.x[-1]:
        c_a = float(np.interp(d, dl.x, dl.anion_concentration))
        c_l = float(np.interp(d, dl.x, dl.li_concentration))
    else:   # beyond the grid the potential is below round-off: bulk electrolyte
        c_a = c_l = q["salt_concentration"]
    out.update({"double_layer.remanent_polarization": q["remanent_polarization"],
                "double_layer.surface_charge": dl.surface_charge,
                "double_layer.field_at_probe": abs(dl.field_at_probe),
                "double_layer.field_at_probe_log10": dl.field_at_probe_log10,
                "double_layer.debye_length": dl.debye_length,
                "double_layer.anion_concentration_at_probe": c_a})
    nb = by.get("solvation", {})
    sv = _stage(out, "solvation", lambda: solvation.run(**nb, **by.get("double_layer", {})))
    if sv is None:
        return out
    n_a = float(np.interp(d, sv.x, sv.anion_coordination_concentration_only)) if d <= sv.x[-1] else sv.coordination_bulk
    _electrolyte_to_sei(out, by, c_a, c_l, n_a, 1.0)
    return out


# ---------------------------------------------------------------- pre-adsorbed anion FD (model 4)
_TARGETS = tuple(Parameter(f"target_{ph}", -1.0, "1", f"target volume fraction of {ph} for the inverse problem "
                           "(-1: use the composition the adsorbed mix itself targets)", "user choice", -1.0, 1.0)
                 for ph in reduction.PHASES)


def preadsorbed(params: dict[str, float]) -> dict[str, object]:
    by = split_by_model(params)
    red_p = by.get("reduction", {})
    out: dict[str, object] = {"_errors": {}}
    red = _stage(out, "reduction", lambda: reduction.run(**red_p))
    if red is None:
        return out
    q = red.parameters
    pure = _stage(out, "reduction (reservoir only)", lambda: reduction.run(
        **{**red_p, "preadsorbed_anion_coverage": 1.0e4, "sei_thickness": 1.0e-10}))
    if pure is None:
        return out
    f = np.array([red.fractions[ph] for ph in reduction.PHASES])
    g = np.array([pure.fractions[ph] for ph in reduction.PHASES])
    out.update({"reduction.preadsorbed_anion_coverage": q["preadsorbed_anion_coverage"],
                "reduction.adsorbed_anion_amount": q["preadsorbed_anion_coverage"] * q["adsorption_site_density"],
                "reduction.reservoir_volume_fraction": red.reservoir_volume_fraction,
                "reduction.anion_derived_fraction": red.fractions["LiF"] + red.fractions["Li2O"] + red.fractions["Li3N"],
                # 1 - (distance to the targeted composition) / sqrt(2) (the largest distance of two compositions)
                "reduction.composition_control": 1.0 - float(np.linalg.norm(f - g)) / math.sqrt(2.0),
                "reduction.targeted_composition": {ph: float(x) for ph, x in zip(reduction.PHASES, g)},
                "reduction.fractions": dict(red.fractions)})
    return out


def inverse_mix(params: dict[str, float], anions: tuple[str, ...] = ("PF6", "FSI", "NO3")) -> dict:
    """The inverse problem: the pre-adsorbed anion mix whose SEI matches a target composition.
    The target is ``preadsorbed.target_*`` when given, else the forward composition of the
    current mix (a round trip that must recover the mix)."""
    by = split_by_model(params)
    red_p = {k: v for k, v in by.get("reduction", {}).items() if not k.startswith("ads_x_")}
    given = {k[len("target_"):]: v for k, v in by.get("preadsorbed", {}).items() if k.startswith("target_") and v >= 0}
    if given:
        target, source = given, "given"
    else:
        fwd = reduction.run(**by.get("reduction", {}))
        target, source = dict(fwd.fractions), "forward composition of the current mix"
    res = reduction.solve_adsorbed_mix(target, anions=anions, **red_p)
    return {"target": res.target, "target_source": source, "mix": res.mix, "fractions": res.fractions,
            "residual": res.residual}


# ---------------------------------------------------------------- corrosion -> tip field -> dendrite (model 7)
def corrosion_tip(params: dict[str, float]) -> dict[str, object]:
    """Model 7: corrosion at rest, then plating. Hotspot corrosion is the SEI-thickness contrast
    the defects leave (max - min of the corroded film), morphology the rms roughness at the
    start of plating; the tip field is the bare-surface field enhancement, local deposition the
    current focusing (what the SEI lets through), the nucleus the tallest protrusion's aspect
    ratio, growth the roughness amplification over the plating step; the loop gain is
    d ln(tip excess current) / d ln(tip excess height) along the run."""
    from simulator import morphology

    out: dict[str, object] = {"_errors": {}}
    r = _stage(out, "morphology", lambda: morphology.run(**split_by_model(params).get("morphology", {})))
    if r is None:
        return out
    out.update({"morphology.ferroelectric": r.parameters["ferroelectric"],
                "morphology.li_corroded": r.li_corroded,
                "morphology.corrosion_contrast": float(np.ptp(r.sei)),
                "morphology.roughness_start": r.roughness_start,
                "morphology.field_enhancement": r.field_enhancement,
                "morphology.current_focusing": r.current_focusing,
                "morphology.max_aspect_ratio": r.max_aspect_ratio,
                "morphology.roughness_amplification": r.roughness_amplification,
                "morphology.dendrite_onset_time": r.dendrite_onset_time,
                "morphology.loop_gain": r.loop_gain,
                "morphology.wagner_length": r.wagner_length})
    return out


PIPELINES: dict[str, Pipeline] = {p.name: p for p in (
    Pipeline("sand", "model 1: Sand's time of the binary electrolyte", ("depletion",), sand),
    Pipeline("fd_anion", "models 2 -> 3 -> 4 -> 5 (+1) -> 7: bound charge, interfacial ions, Li+ shell, "
             "competitive reduction, SEI properties, (Sand's time), SEI resistance -> dendrite onset",
             ("double_layer", "solvation", "reduction", "sei_properties", "depletion", "morphology"),
             fd_anion, frozenset({"reduction.salt_concentration", "reduction.anion_coordination",
                                  *(f"sei_properties.fraction_{ph}" for ph in reduction.PHASES),
                                  "sei_properties.sei_thickness", "morphology.initial_sei_thickness", "morphology.sei_conductivity",
                                  "morphology.ferroelectric", "morphology.current_density"}),
             own_only={"solvation": ("solvation",)}),
    Pipeline("dielectric", "model 3 dielectric route: local permittivity vs Li+ shell composition",
             ("double_layer", "solvation"), dielectric, own_only={"solvation": ("solvation",)}),
    Pipeline("separator", "model 2 at the Li surface a distance from a separator-borne ferroelectric, then 3 -> 4 -> 5",
             ("double_layer", "solvation", "reduction", "sei_properties"), separator,
             frozenset({"reduction.salt_concentration", "reduction.anion_coordination",
                        *(f"sei_properties.fraction_{ph}" for ph in reduction.PHASES), "sei_properties.sei_thickness"}),
             own_only={"solvation": ("solvation",)}),
    Pipeline("corrosion_tip", "model 7: corroded surface, tip field, SEI-resistive current focusing, dendrite onset",
             ("morphology",), corrosion_tip),
    Pipeline("preadsorbed", "model 4 with a pre-adsorbed anion reservoir (and its inverse problem)",
             ("reduction",), preadsorbed, extra=_TARGETS),
)}

from engine.checks.chains_corrosion import PIPELINE as _HETEROGENEITY  # noqa: E402

PIPELINES[_HETEROGENEITY.name] = _HETEROGENEITY
