"""The models the simulator offers, by name.

A model module exposes:
  ``NAME``        short name used by ``limech simulate NAME``;
  ``SUMMARY``     one line;
  ``PARAMETERS``  tuple of :class:`simulator.parameters.Parameter`;
  ``run(**overrides) -> result``  the validated wrapper; the result is a dataclass with
                  ``to_dict()`` (JSON-ready, SI units named in the keys or a ``units`` entry)
                  and ``plot(path)`` (writes a matplotlib figure).
"""
from __future__ import annotations

import importlib
from types import ModuleType

# name -> module path; each model module registers itself here by name.
MODELS: dict[str, str] = {
    "reduction": "simulator.reduction",
    "sei_properties": "simulator.sei_properties",
    "sei_growth": "simulator.sei_growth",
    "depletion": "simulator.depletion",
    "double_layer": "simulator.double_layer",
    "solvation": "simulator.solvation",
    "morphology": "simulator.morphology",
    "heterogeneity": "simulator.heterogeneity",
}


def model_names() -> list[str]:
    return sorted(MODELS)


def get_model(name: str) -> ModuleType:
    if name not in MODELS:
        raise KeyError(f"unknown model '{name}'; available: {', '.join(model_names())}")
    return importlib.import_module(MODELS[name])
