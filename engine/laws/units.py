"""Units: dimensional analysis of sympy expressions, and parsing of user quantities with pint.

Dimensions are tracked as exact rational exponents of pint's base dimensions, so that
``sqrt`` and fractional powers are checked exactly. Transcendental functions demand a
dimensionless argument.
"""
from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

import pint
import sympy as sp


class DimensionError(ValueError):
    """An expression is dimensionally inconsistent."""


class QuantityError(ValueError):
    """A user-given quantity is malformed, has the wrong dimension or is outside its domain."""


@lru_cache(maxsize=1)
def ureg() -> pint.UnitRegistry:
    return pint.UnitRegistry()


Dim = tuple  # sorted tuple of (base dimension, Fraction exponent), exponents non-zero


def _make(d: dict) -> Dim:
    return tuple(sorted((k, v) for k, v in d.items() if v != 0))


@lru_cache(maxsize=None)
def dim_of_unit(unit: str) -> Dim:
    """Dimension of a pint unit string, e.g. ``'A/m^2'`` -> ((current, 1), (length, -2))."""
    q = ureg().Quantity(1, unit) if unit != "dimensionless" else ureg().Quantity(1)
    return _make({k: Fraction(v).limit_denominator(100) for k, v in q.dimensionality.items()})


def dim_str(d: Dim) -> str:
    if not d:
        return "dimensionless"
    # plain words (no pint brackets, which rich and other markup printers would swallow)
    return " * ".join(k.strip("[]") if v == 1 else f"{k.strip('[]')}^{v}" for k, v in d)


def _mul(a: Dim, b: Dim, power: Fraction = Fraction(1)) -> Dim:
    out = dict(a)
    for k, v in b:
        out[k] = out.get(k, Fraction(0)) + v * power
    return _make(out)


def _pow(a: Dim, p: Fraction) -> Dim:
    return _make({k: v * p for k, v in a})


def dimension(expr: sp.Basic, dims: dict[sp.Symbol, Dim]) -> Dim:
    """The dimension of ``expr`` given the dimension of each free symbol; raises on inconsistency."""
    if isinstance(expr, sp.Equality):
        lhs, rhs = dimension(expr.lhs, dims), dimension(expr.rhs, dims)
        if lhs != rhs:
            raise DimensionError(f"{expr.lhs} has {dim_str(lhs)} but {expr.rhs} has {dim_str(rhs)}")
        return lhs
    if expr.is_Number or expr in (sp.pi, sp.E) or expr.is_NumberSymbol:
        return ()
    if expr.is_Symbol:
        if expr not in dims:
            raise DimensionError(f"symbol {expr} has no declared unit")
        return dims[expr]
    if expr.is_Add:
        terms = [(a, dimension(a, dims)) for a in expr.args]
        first = terms[0]
        for a, d in terms[1:]:
            if d != first[1]:
                raise DimensionError(f"adding {first[0]} ({dim_str(first[1])}) to {a} ({dim_str(d)})")
        return first[1]
    if expr.is_Mul:
        out: Dim = ()
        for a in expr.args:
            out = _mul(out, dimension(a, dims))
        return out
    if expr.is_Pow:
        base, exp = expr.args
        bd = dimension(base, dims)
        if exp.is_Rational:
            return _pow(bd, Fraction(int(exp.p), int(exp.q)))
        ed = dimension(exp, dims)
        if bd or ed:
            raise DimensionError(f"power {expr} needs a dimensionless base and exponent")
        return ()
    if isinstance(expr, (sp.Abs, sp.re, sp.im, sp.sign)):
        return dimension(expr.args[0], dims) if not isinstance(expr, sp.sign) else ()
    if isinstance(expr, sp.Function):
        for a in expr.args:
            d = dimension(a, dims)
            if d:
                raise DimensionError(f"{expr.func} needs a dimensionless argument, got {a} {dim_str(d)}")
        return ()
    raise DimensionError(f"cannot analyse dimension of {expr!r}")


_NUMBER_UNIT = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$")


def _quantity(text: str) -> pint.Quantity:
    """'<number> <unit>' as Quantity(number, unit), so that offset units ('25 degC') work."""
    m = _NUMBER_UNIT.match(text)
    if m:
        num, unit = float(m.group(1)), m.group(2).strip()
        return ureg().Quantity(num, unit) if unit else ureg().Quantity(num)
    return ureg().Quantity(text)


def parse_quantity(param: str, text: str, unit: str, what: str) -> float:
    """Parse a user string like ``'1 mA/cm^2'``; return the SI magnitude in ``unit``.

    Raises :class:`QuantityError` naming the parameter, what was given and what is expected.
    """
    if not isinstance(text, str) or not text.strip():
        raise QuantityError(f"parameter '{param}': expected a {what} in {unit} (e.g. '1 {unit}'), got {text!r}")
    try:
        q = _quantity(text.strip())
    except Exception as exc:  # pint raises several error types for bad strings
        raise QuantityError(
            f"parameter '{param}': could not read {text!r} as a quantity ({type(exc).__name__}: {exc}); "
            f"expected a {what} such as '1 {unit}'") from None
    if not isinstance(q, pint.Quantity):
        q = ureg().Quantity(q)
    expected = dim_of_unit(unit)
    got = _make({k: Fraction(v).limit_denominator(100) for k, v in q.dimensionality.items()})
    if got != expected:
        raise QuantityError(
            f"parameter '{param}': {text!r} has dimension {dim_str(got)}, but a {what} needs "
            f"{dim_str(expected)} (for example '1 {unit}')")
    mag = q.to(unit).magnitude if unit != "dimensionless" else q.to("dimensionless").magnitude
    try:
        value = float(mag)
    except (TypeError, ValueError):
        raise QuantityError(f"parameter '{param}': {text!r} is not a real number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise QuantityError(f"parameter '{param}': {text!r} is not a finite number")
    return value
