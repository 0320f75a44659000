"""Design rules: inequalities on the laws, solved symbolically, evaluated for user parameters.

Each rule names a law output, a bound it must respect and the variable to solve for. The direction
of the solved inequality follows from the sign of d(output)/d(variable) (engine.laws.signs), not
from typing. Parameters are strings with units ("1 mA/cm^2"), parsed and checked with pint.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

import sympy as sp

from .base import CONSTANTS, Var
from .registry import expression, get_law
from .signs import _domain_map, _sign_of
from .units import QuantityError, parse_quantity


class UnknownRuleError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Param:
    var: Var
    what: str  # e.g. "current density"
    default: str | None = None
    default_source: str | None = None
    aliases: tuple[str, ...] = ()  # descriptive names accepted for var.name, e.g. "current_density"


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    law: str
    output: str  # law output the inequality constrains
    solve_for: str  # law variable solved for
    bound: str  # rule parameter name holding the bound on the output
    keep: str  # ">=" (output must be at least the bound) or "<="
    params: tuple[Param, ...]
    display_unit: str
    substitutions: tuple[tuple[str, str], ...] = ()  # law variable -> expression in rule params
    notes: tuple[str, ...] = ()
    requires: tuple[tuple[str, str], ...] = ()  # (expression that must be > 0, what it means)
    also: tuple[str, ...] = ()  # other law outputs solved for the same variable, reported as extras
    report_outputs: tuple[str, ...] = ()  # law outputs evaluated at the given parameters
    source: str = ""
    solve_var: Var | None = None  # when the solved variable is not a law variable (via substitutions)


@dataclass
class RuleResult:
    rule: str
    variable: str
    relation: str  # "<=" or ">="
    value: float  # in display unit
    unit: str
    value_si: float
    unit_si: str
    feasible: bool
    message: str
    inequality: str
    inequality_latex: str
    solution: str
    solution_latex: str
    substitution: str
    given: dict[str, float] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["given"], d["extra"], d["notes"] = dict(self.given), dict(self.extra), list(self.notes)
        return d

    def text(self) -> str:
        lines = [f"{self.rule}: {self.variable} {self.relation} {self.value:.4g} {self.unit}", self.message,
                 f"  inequality: {self.inequality}", f"  solved:     {self.solution}",
                 f"  numbers:    {self.substitution}"]
        lines += [f"  {k}: {v}" for k, v in self.extra.items()]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


from .rule_defs import RULES  # noqa: E402  (the definitions need the classes above)


def list_rules() -> list[Rule]:
    return list(RULES.values())


def get_rule(name: str) -> Rule:
    try:
        return RULES[name]
    except KeyError:
        raise UnknownRuleError(f"unknown rule {name!r}; known rules: {', '.join(sorted(RULES))}") from None


def _locals(rule: Rule) -> dict:
    law = get_law(rule.law)
    d = {v.name: v.sym for v in law.variables}
    d.update({p.var.name: p.var.sym for p in rule.params})
    if rule.solve_var is not None:
        d[rule.solve_var.name] = rule.solve_var.sym
    d.update({c.name: c.sym for c in CONSTANTS.values()})
    return d


def _var(rule: Rule, name: str) -> Var:
    if rule.solve_var is not None and rule.solve_var.name == name:
        return rule.solve_var
    for p in rule.params:
        if p.var.name == name:
            return p.var
    return get_law(rule.law).var(name)


def _in_domain(r: sp.Expr, v: Var) -> bool:
    lo, hi = v.bounds()
    checks = []
    if lo > float("-inf"):
        checks.append((r - lo).is_positive)
    if hi < float("inf"):
        checks.append((hi - r).is_positive)
    return all(c is not False for c in checks)


@lru_cache(maxsize=None)
def _solve_output(name: str, output: str, bound_keep: str) -> tuple[sp.Rel, sp.Expr, str]:
    rule = get_rule(name)
    law = get_law(rule.law)
    loc = _locals(rule)
    y = expression(rule.law, output)
    y = y.subs({law.var(k).sym: sp.sympify(v, locals=loc) for k, v in rule.substitutions})
    b = sp.sympify(rule.bound, locals=loc)
    xv = _var(rule, rule.solve_for)
    x = xv.sym
    ineq = sp.Ge(y, b, evaluate=False) if bound_keep == ">=" else sp.Le(y, b, evaluate=False)
    pseudo = type(law)(law.id, law.label, law.family,
                       law.variables + tuple(p.var for p in rule.params) + (xv,),
                       law.outputs, law.derive_fn, (), (), "", domain_constraints=law.domain_constraints)
    dmap = _domain_map(pseudo)
    roots = [r for r in sp.solve(sp.Eq(y, b), x) if _in_domain(sp.simplify(r.subs(dmap)), xv)]
    if len(roots) != 1:
        raise RuntimeError(f"rule {name}: expected one root for {x} in its domain, got {roots}")
    d = sp.diff(y, x)
    s = _sign_of(sp.simplify(d.subs(dmap)))
    for e, _t in rule.requires:
        if s is None:
            s = _sign_of(sp.simplify((d / sp.sympify(e, locals=loc)).subs(dmap)))
    if s is None:
        raise RuntimeError(f"rule {name}: sign of d{output}/d{x} is not fixed; add a requirement")
    rel = ">=" if (s > 0) == (bound_keep == ">=") else "<="
    return ineq, sp.simplify(roots[0]), rel


def solved(name: str) -> tuple[sp.Rel, sp.Expr, str]:
    """(inequality, solved bound expression, relation '<=' or '>=' for the solved variable)."""
    rule = get_rule(name)
    return _solve_output(name, rule.output, rule.keep)


def _inputs_text(rule: Rule) -> str:
    parts = []
    for p in rule.params:
        alias = f" (alias {', '.join(p.aliases)})" if p.aliases else ""
        default = f", default {p.default!r}" if p.default is not None else ""
        parts.append(f"{p.var.name}{alias}: {p.what} in {p.var.unit}{default}")
    return "; ".join(parts)


def _canonical(rule: Rule, given: Mapping[str, str]) -> dict[str, str]:
    names = {}
    for p in rule.params:
        for n in (p.var.name, *p.aliases):
            names[n] = p.var.name
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise QuantityError(f"rule {rule.name}: unknown parameter(s) {unknown}; it takes {_inputs_text(rule)}")
    out: dict[str, str] = {}
    for k, v in given.items():
        c = names[k]
        if c in out:
            raise QuantityError(f"rule {rule.name}: parameter '{c}' given twice (as '{k}' and another name)")
        out[c] = v
    return out


def _parse(rule: Rule, given: Mapping[str, str]) -> dict[str, float]:
    known = {p.var.name: p for p in rule.params}
    vals = {}
    for name, p in known.items():
        text = given.get(name, p.default)
        if text is None:
            raise QuantityError(f"rule {rule.name}: missing parameter '{name}' ({p.what}, e.g. '1 {p.var.unit}'); "
                                f"the rule takes {_inputs_text(rule)}")
        v = parse_quantity(name, text, p.var.unit, p.what)
        lo, hi = p.var.bounds()
        ok = lo < v < hi or (p.var.domain.endswith("]") and lo < v <= hi) or p.var.domain == "real"
        if not ok:
            raise QuantityError(f"parameter '{name}': {text!r} = {v:g} {p.var.unit} is outside the allowed "
                                f"range {p.var.domain} for {p.what}")
        vals[name] = v
    return vals


@lru_cache(maxsize=4096)
def _evaluate(name: str, given_items: tuple[tuple[str, str], ...]) -> RuleResult:
    rule = get_rule(name)
    vals = _parse(rule, dict(given_items))
    ineq, root, rel = solved(name)
    law = get_law(rule.law)
    xv = _var(rule, rule.solve_for)
    subs = {p.var.sym: vals[p.var.name] for p in rule.params}
    subs.update({c.sym: c.value for c in CONSTANTS.values()})
    loc = _locals(rule)
    for expr, what in rule.requires:
        if not float(sp.sympify(expr, locals=loc).evalf(subs=subs)) > 0:
            raise QuantityError(f"rule {name} requires {what} ({expr} > 0); the given parameters violate it")
    value = complex(root.evalf(subs=subs))
    if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)) or value.real != value.real:
        raise QuantityError(f"rule {name}: no real solution for these parameters (got {value}); check that "
                            "they lie in the rule's validity range: " + "; ".join(rule.notes))
    v_si = value.real
    from .units import ureg
    disp = ureg().Quantity(v_si, xv.unit).to(rule.display_unit).magnitude if xv.unit != "dimensionless" \
        else v_si
    lo, hi = xv.bounds()
    feasible, msg = True, f"{xv.meaning} must be {'at most' if rel == '<=' else 'at least'} this value."
    if rel == ">=" and v_si >= hi:
        feasible, msg = False, f"infeasible: {xv.meaning} would have to exceed its physical maximum {hi:g}."
    elif rel == "<=" and v_si <= lo:
        feasible, msg = False, f"infeasible: {xv.meaning} would have to be below its physical minimum {lo:g}."
    elif rel == ">=" and v_si <= lo:
        msg = f"any {xv.meaning} in its domain satisfies the rule."
    names = law.latex_names() | {p.var.sym: p.var.latex for p in rule.params} | {xv.sym: xv.latex}
    shown = {k: sp.Symbol(f"({v:.4g})") for k, v in subs.items() if k in root.free_symbols}
    numbers = f"{xv.name} {rel} {sp.sstr(root.xreplace(shown))} = {v_si:.4g} {xv.unit}"
    extra = {}
    for out in rule.also:
        _, r2, rel2 = _solve_output(name, out, rule.keep)
        v2 = float(sp.re(r2.evalf(subs=subs)))
        extra[f"{xv.name} from {out}"] = f"{rel2} {v2:.4g} {xv.unit}"
    for out in rule.report_outputs:
        ov = law.var(out)
        e = expression(rule.law, out).subs({law.var(k).sym: sp.sympify(v, locals=loc)
                                           for k, v in rule.substitutions})
        e = e.subs(xv.sym, v_si)
        extra[out] = f"{float(e.evalf(subs=subs)):.4g} {ov.unit} ({ov.meaning})"
    return RuleResult(name, xv.name, rel, float(disp), rule.display_unit, v_si, xv.unit, feasible, msg,
                      sp.sstr(ineq), sp.latex(ineq, symbol_names=names), f"{xv.name} {rel} {sp.sstr(root)}",
                      sp.latex(sp.Rel(xv.sym, root, rel), symbol_names=names), numbers,
                      vals, extra, rule.notes)


def evaluate_rule(name: str, given: Mapping[str, str]) -> RuleResult:
    """Evaluate design rule ``name`` for parameters given as strings with units (cached)."""
    get_rule(name)
    if not isinstance(given, Mapping):
        raise QuantityError("given must map parameter names to strings such as '1 mA/cm^2'")
    items = []
    for k, v in given.items():
        if not isinstance(v, str):
            raise QuantityError(f"parameter '{k}': give a string with a unit, e.g. '1 mA/cm^2', not {v!r}")
        items.append((k, v))
    canon = _canonical(get_rule(name), dict(items))
    return _evaluate(name, tuple(sorted(canon.items())))
