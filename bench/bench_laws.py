"""Benchmark: derivation engine, cold (first call, sympy caches cleared) vs warm (cached) answers.

For every law: cold ``derive(id)`` then warm ``derive(id).to_dict()`` (what `limech derive --json`
returns); for every design rule: cold ``evaluate_rule`` (symbolic solve + numbers) vs warm (same
parameters, cached) and warm-new (cached symbolic solution, new numbers). Reports medians and the
cold/warm ratio measured in the same run; target: warm answers under 50 ms.
Also: all relation signs (`limech signs`) cold vs warm, and reads from the optional disk cache
(LIMECH_LAWS_CACHE_DIR, pointed at bench/results/laws_cache).
Prints one JSON document and writes it to bench/results/bench_laws.json.
Run: .venv/bin/python bench/bench_laws.py [--repeats 50]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from sympy.core.cache import clear_cache  # noqa: E402

import os  # noqa: E402

from engine.laws import derive, evaluate_rule, list_laws, sign_agreement  # noqa: E402
from engine.laws import signs as signs_mod  # noqa: E402
from engine.laws import rules as rules_mod  # noqa: E402
from engine.laws import registry  # noqa: E402

# Documented parameter sets (tests/test_laws_rules.py) and a second set for "warm, new numbers".
RULE_GIVEN = {
    "max_current_for_charge_time": ({"D": "3e-10 m^2/s", "c_0": "1 mol/L", "t_Li": "0.38", "t_charge": "1 h"},
                                    {"D": "2e-10 m^2/s", "c_0": "1.2 mol/L", "t_Li": "0.5", "t_charge": "2 h"}),
    "transference_for_current": ({"J": "5 mA/cm^2", "D": "3e-10 m^2/s", "c_0": "1 M", "t_charge": "1 h"},
                                 {"J": "3 mA/cm^2", "D": "3e-10 m^2/s", "c_0": "1 M", "t_charge": "1 h"}),
    "sei_thickness_for_tunneling": ({"Phi_b": "3 eV", "T_target": "1e-8"}, {"Phi_b": "2 eV", "T_target": "1e-6"}),
    "polarization_for_anion_enrichment": ({"enrichment": "10", "c_0": "1 M", "epsilon_r": "20"},
                                          {"enrichment": "3", "c_0": "0.1 M", "epsilon_r": "30"}),
    "inorganic_fraction_for_modulus": ({"E_inorg": "65 GPa", "E_org": "0.5 GPa"},
                                       {"E_inorg": "50 GPa", "E_org": "1 GPa"}),
    "shear_modulus_for_suppression": ({}, {"G_Li": "3.4 GPa"}),
}


def clear_all() -> None:
    clear_cache()
    for f in (registry.derive, registry.elasticities, registry.check_dimensions, rules_mod._solve_output,
              rules_mod._evaluate, signs_mod.relation_sign, signs_mod._rendered_derivative):
        f.cache_clear()


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=50)
    args = ap.parse_args()
    laws, rules = {}, {}
    for law in list_laws():
        clear_all()
        cold = timed(lambda: derive(law.id).to_dict())
        warm = statistics.median(timed(lambda: derive(law.id).to_dict()) for _ in range(args.repeats))
        laws[law.id] = {"cold_s": cold, "warm_s": warm, "ratio": cold / warm}
    for name, (given, other) in RULE_GIVEN.items():
        clear_all()
        cold = timed(lambda: evaluate_rule(name, given))
        warm = statistics.median(timed(lambda: evaluate_rule(name, given)) for _ in range(args.repeats))
        rules_mod._evaluate.cache_clear()
        new = timed(lambda: evaluate_rule(name, other))
        rules[name] = {"cold_s": cold, "warm_s": warm, "warm_new_numbers_s": new, "ratio": cold / warm}
    # `limech signs`: every relation's sign, cold vs warm; and the optional disk cache (new process
    # without the import cost: in-process caches cleared, entries read from bench/results/laws_cache).
    clear_all()
    signs_cold = timed(lambda: sign_agreement({}, include_unlinked=True))
    signs_warm = statistics.median(timed(lambda: sign_agreement({}, include_unlinked=True)) for _ in range(5))
    os.environ["LIMECH_LAWS_CACHE_DIR"] = str(RESULTS / "laws_cache")
    clear_all()
    sign_agreement({}, include_unlinked=True)  # computes again and fills the disk cache
    for law in list_laws():
        derive(law.id)
    clear_all()
    signs_disk = timed(lambda: sign_agreement({}, include_unlinked=True))
    clear_all()
    derive_disk = statistics.median(timed(lambda: derive(law.id)) for law in list_laws())
    del os.environ["LIMECH_LAWS_CACHE_DIR"]
    worst_warm = max([v["warm_s"] for v in laws.values()] + [v["warm_new_numbers_s"] for v in rules.values()]
                     + [v["warm_s"] for v in rules.values()] + [signs_warm])
    out = {
        "benchmark": "engine.laws derive/rule, cold vs warm (lru_cache)",
        "repeats": args.repeats,
        "laws": laws, "rules": rules,
        "summary": {
            "n_laws": len(laws), "n_rules": len(rules),
            "cold_derive_total_s": sum(v["cold_s"] for v in laws.values()),
            "median_cold_derive_s": statistics.median(v["cold_s"] for v in laws.values()),
            "median_warm_derive_s": statistics.median(v["warm_s"] for v in laws.values()),
            "median_ratio_derive": statistics.median(v["ratio"] for v in laws.values()),
            "median_cold_rule_s": statistics.median(v["cold_s"] for v in rules.values()),
            "median_warm_rule_s": statistics.median(v["warm_s"] for v in rules.values()),
            "max_warm_new_numbers_rule_s": max(v["warm_new_numbers_s"] for v in rules.values()),
            "median_ratio_rule": statistics.median(v["ratio"] for v in rules.values()),
            "signs_all_cold_s": signs_cold, "signs_all_warm_s": signs_warm,
            "signs_ratio": signs_cold / signs_warm, "signs_all_from_disk_cache_s": signs_disk,
            "median_derive_from_disk_cache_s": derive_disk,
            "worst_warm_answer_s": worst_warm,
            "target_warm_under_50ms": worst_warm < 0.050,
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_laws.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out["summary"], indent=2))


if __name__ == "__main__":
    main()
