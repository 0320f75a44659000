"""The engine's door to the simulator: what the API needs to run a model by name.

The API talks to the engine only (api → engine → simulator); this module re-exports the
simulator's model registry, its errors and the parameter parser.
"""
from __future__ import annotations

from simulator.parameters import Parameter, ParameterError, SolverError, to_si
from simulator.registry import get_model, model_names

__all__ = ["Parameter", "ParameterError", "SolverError", "get_model", "model_names", "to_si"]
