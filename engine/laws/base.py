"""Building blocks of the derivation engine: variables, physical constants, laws, derivations.

A :class:`Law` is a sympy model. Its output expressions are *not typed in*: they are the result
of the law's derivation function, which starts from a governing equation and records every step
in a :class:`Derivation` (printable as LaTeX and as plain text). The registry caches derivations.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import sympy as sp

from simulator import constants as _K

# Domains a variable may take. Bounded domains are mapped to an unbounded positive parameter
# when signs are analysed (see engine.laws.signs).
DOMAINS = ("positive", "real", "(0,1)", "(0,1]", "(1,oo)", "[0,1)")


@dataclass(frozen=True)
class Var:
    """One symbol of a law: name (API key), LaTeX, meaning, pint unit, allowed domain, entity."""

    name: str
    latex: str
    meaning: str
    unit: str = "dimensionless"
    domain: str = "positive"
    entity: str | None = None  # local name of an lm: entity IRI, e.g. "CurrentDensity"

    def __post_init__(self) -> None:
        if self.domain not in DOMAINS:
            raise ValueError(f"variable {self.name}: domain {self.domain!r} not in {DOMAINS}")

    @cached_property
    def sym(self) -> sp.Symbol:
        if self.domain == "real":
            return sp.Symbol(self.name, real=True)
        if self.domain == "[0,1)":
            return sp.Symbol(self.name, nonnegative=True)
        return sp.Symbol(self.name, positive=True)

    def bounds(self) -> tuple[float, float]:
        return {"positive": (0.0, float("inf")), "real": (float("-inf"), float("inf")),
                "(0,1)": (0.0, 1.0), "(0,1]": (0.0, 1.0), "(1,oo)": (1.0, float("inf")),
                "[0,1)": (0.0, 1.0)}[self.domain]

    def to_dict(self) -> dict:
        return {"name": self.name, "latex": self.latex, "meaning": self.meaning,
                "unit": self.unit, "domain": self.domain,
                "entity": f"https://w3id.org/limech/{self.entity}" if self.entity else None}


@dataclass(frozen=True)
class Constant:
    """A physical constant: a positive symbol with a CODATA value in SI units."""

    name: str
    latex: str
    meaning: str
    unit: str
    value: float

    @cached_property
    def sym(self) -> sp.Symbol:
        return sp.Symbol(self.name, positive=True)


# Numeric values: CODATA 2022, taken from simulator.constants so engine and simulator agree
# (exact where the 2019 SI fixes them).
CONSTANTS: dict[str, Constant] = {c.name: c for c in (
    Constant("F", "F", "Faraday constant", "C/mol", _K.F),
    Constant("R", "R", "molar gas constant", "J/(mol*K)", _K.R),
    Constant("epsilon_0", r"\varepsilon_0", "vacuum permittivity", "F/m", _K.EPS0),
    Constant("k_B", "k_B", "Boltzmann constant", "J/K", _K.K_B),
    Constant("e", "e", "elementary charge", "C", _K.E_CHARGE),
    Constant("hbar", r"\hbar", "reduced Planck constant", "J*s", _K.HBAR),
    Constant("m_e", "m_e", "electron mass", "kg", _K.M_E),
    Constant("N_A", "N_A", "Avogadro constant", "1/mol", _K.N_A),
)}
C = {k: c.sym for k, c in CONSTANTS.items()}


@dataclass(frozen=True)
class Relation:
    """A cause -> effect pair the law quantifies (exported as lm:quantifies / lm:LawRelation)."""

    from_entity: str  # lm: local name
    to_entity: str
    input: str  # variable name of the cause
    output: str  # output name of the effect
    note: str = ""

    @property
    def from_iri(self) -> str:
        return f"https://w3id.org/limech/{self.from_entity}"

    @property
    def to_iri(self) -> str:
        return f"https://w3id.org/limech/{self.to_entity}"


@dataclass(frozen=True)
class SignCondition:
    """A factor whose sign decides the sign of a derivative, with the condition in words."""

    factor: str  # sympy-parsable expression in the law's variable names, e.g. "alpha - 1"
    positive_means: str  # what factor > 0 means physically


_TEX_ESCAPES = {"\\": r"\textbackslash{}", "_": r"\_", "^": r"\^{}", "%": r"\%", "&": r"\&",
                "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\~{}"}


def latex_text(s: str) -> str:
    """Escape plain text for use inside \\text{...}."""
    return "".join(_TEX_ESCAPES.get(ch, ch) for ch in s)


@dataclass
class Step:
    description: str
    expr: object  # sympy Expr / Eq / tuple

    def latex(self, names: dict) -> str:
        return sp.latex(self.expr, symbol_names=names)

    def text(self) -> str:
        return sp.sstr(self.expr)


@dataclass
class Derivation:
    """Recorded steps of a derivation and its results ``{output name: expression}``."""

    law_id: str
    title: str
    steps: list[Step] = field(default_factory=list)
    results: dict[str, sp.Expr] = field(default_factory=dict)
    latex_names: dict = field(default_factory=dict)

    def step(self, description: str, expr: object) -> object:
        self.steps.append(Step(description, expr))
        return expr

    def result(self, var: "Var", expr: sp.Expr, description: str = "") -> sp.Expr:
        self.results[var.name] = expr
        self.steps.append(Step(description or f"Result: {var.meaning}", sp.Eq(var.sym, expr, evaluate=False)))
        return expr

    _rendered: dict = field(default_factory=dict, repr=False)

    def _memo(self, key: str, fn):
        if key not in self._rendered:
            self._rendered[key] = fn()
        return self._rendered[key]

    def latex(self) -> str:
        return self._memo("latex", self._latex)

    def text(self) -> str:
        return self._memo("text", self._text)

    def to_dict(self) -> dict:
        return copy.deepcopy(self._memo("dict", self._to_dict))

    def _latex(self) -> str:
        lines = [rf"\textbf{{{latex_text(self.title)}}}\\"]
        for i, st in enumerate(self.steps, 1):
            lines.append(rf"\text{{({i}) {latex_text(st.description)}:}}\quad {st.latex(self.latex_names)}\\")
        return "\n".join(lines)

    def _text(self) -> str:
        lines = [self.title]
        for i, st in enumerate(self.steps, 1):
            lines.append(f"({i}) {st.description}:\n      {st.text()}")
        return "\n".join(lines)

    def _to_dict(self) -> dict:
        return {"law": self.law_id, "title": self.title,
                "steps": [{"description": s.description, "latex": s.latex(self.latex_names),
                           "text": s.text()} for s in self.steps],
                "results": {k: {"latex": sp.latex(v, symbol_names=self.latex_names),
                                "text": sp.sstr(v)} for k, v in self.results.items()}}


@dataclass(frozen=True)
class Law:
    """A law: variables, how its outputs are derived, assumptions, validity, source, relations."""

    id: str
    label: str
    family: str
    variables: tuple[Var, ...]
    outputs: tuple[str, ...]  # names (in ``variables``) of the derived quantities
    derive_fn: Callable[[], Derivation]
    assumptions: tuple[str, ...]
    validity: tuple[str, ...]
    source: str
    relations: tuple[Relation, ...] = ()
    source_doc: str | None = None  # "004" if a seed prints it
    source_section: str | None = None
    sign_conditions: tuple[SignCondition, ...] = ()
    # Physical constraints among variables, as (variable, substitution in a new positive symbol, text):
    # e.g. ("c_0", "1/(2*N_A*a_ion**3*(1 + u_pack))", "packing fraction below one").
    domain_constraints: tuple[tuple[str, str, str], ...] = ()

    def var(self, name: str) -> Var:
        for v in self.variables:
            if v.name == name:
                return v
        raise KeyError(f"law {self.id} has no variable {name!r}; it has "
                       f"{', '.join(v.name for v in self.variables)}")

    @property
    def inputs(self) -> tuple[Var, ...]:
        return tuple(v for v in self.variables if v.name not in self.outputs)

    def latex_names(self) -> dict:
        names = {v.sym: v.latex for v in self.variables}
        names.update({c.sym: c.latex for c in CONSTANTS.values()})
        return names
