"""Parameters as data: value, unit, allowed range and source, kept apart from the models.

Every model module declares a ``PARAMETERS`` tuple of :class:`Parameter`. The thin Python
wrapper of a model calls :func:`resolve` with the caller's overrides; it returns plain floats
in SI units after checking each against its declared range, so that kernels never see an
unphysical value. Nothing is clamped: an out-of-range value raises :class:`ParameterError`
naming the parameter, the value and the allowed range.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import numpy as np


class ParameterError(ValueError):
    """A parameter is unknown, not a number, or outside its physical range."""


class SolverError(RuntimeError):
    """A solver diverged, failed to converge, or produced a non-finite number."""


@dataclass(frozen=True)
class Parameter:
    """One model input.

    ``unit`` is a pint-parsable unit string of the SI value the kernel receives
    (e.g. ``"m**2/s"``); ``source`` names a seed file and section, a cited paper, or says
    ``"outside estimate: ..."`` when no source gives the number.
    ``low``/``high`` bound the allowed range; ``low_inclusive``/``high_inclusive`` say
    whether the bound itself is allowed.
    """

    name: str
    default: float
    unit: str
    description: str
    source: str
    low: float = -math.inf
    high: float = math.inf
    low_inclusive: bool = True
    high_inclusive: bool = True
    integer: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)

    def allowed(self) -> str:
        lo = "[" if self.low_inclusive else "("
        hi = "]" if self.high_inclusive else ")"
        return f"{lo}{self.low:g}, {self.high:g}{hi} {self.unit}"

    def check(self, value: float) -> float:
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ParameterError(
                f"parameter '{self.name}' must be a number in {self.unit}, got {value!r}"
            ) from None
        if not math.isfinite(v):
            raise ParameterError(f"parameter '{self.name}' must be finite, got {v!r}; allowed {self.allowed()}")
        too_low = v < self.low or (v == self.low and not self.low_inclusive)
        too_high = v > self.high or (v == self.high and not self.high_inclusive)
        if too_low or too_high:
            raise ParameterError(
                f"parameter '{self.name}' = {v:g} {self.unit} is outside the allowed range {self.allowed()}"
            )
        if self.integer and v != int(v):
            raise ParameterError(f"parameter '{self.name}' must be a whole number, got {v:g}")
        return v


def resolve(parameters: Iterable[Parameter], overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """Defaults updated by ``overrides``, each checked; unknown names are an error."""
    table = {p.name: p for p in parameters}
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(table))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {', '.join(unknown)}; allowed: {', '.join(sorted(table))}"
        )
    return {name: p.check(overrides.get(name, p.default)) for name, p in table.items()}


def require_finite(name: str, array: np.ndarray | float, context: str = "") -> None:
    """Raise :class:`SolverError` if ``array`` holds a NaN or an infinity."""
    arr = np.asarray(array)
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        where = f" ({context})" if context else ""
        raise SolverError(f"{name}: {bad} non-finite value(s) in the solution{where}")


_UREG = None


def _ureg():
    global _UREG
    if _UREG is None:
        import pint

        _UREG = pint.UnitRegistry()
    return _UREG


def to_si(param: Parameter, value: object, name: str | None = None) -> float:
    """``value`` (a number in the parameter's unit, or a string such as ``"1 mA/cm^2"``) as a
    checked float in the parameter's unit. ``name`` is how the caller calls the parameter in
    messages (default: its own name). Raises :class:`ParameterError`."""
    name = name or param.name
    if isinstance(value, bool):
        raise ParameterError(f"parameter '{name}' must be a number in {param.unit}, got {value!r}")
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        text = str(value).strip()
        try:
            v = float(text)
        except ValueError:
            import pint

            ureg = _ureg()
            unit = "dimensionless" if param.unit in ("1", "dimensionless") else param.unit
            try:
                v = float(ureg.Quantity(text).to(ureg(unit)).magnitude)
            except pint.errors.DimensionalityError:
                raise ParameterError(
                    f"parameter '{name}' = '{text}' has the wrong dimension; expected a quantity in {param.unit}"
                ) from None
            except Exception:
                raise ParameterError(
                    f"parameter '{name}' = '{text}' is neither a number (in {param.unit}) "
                    f"nor a quantity like '1 {param.unit}'") from None
    try:
        return param.check(v)
    except ParameterError as exc:
        raise ParameterError(str(exc).replace(f"'{param.name}'", f"'{name}'", 1)) from None
