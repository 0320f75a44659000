"""`limech validate`: every check of the knowledge base, with a machine-readable report.

Checks: Turtle parses (rdflib); SHACL shapes conform (pyshacl); every quote is verbatim in
its seed file; one entity per label (no two entities share a label or synonym); the ontology
is consistent under HermiT (owlready2, needs Java).
"""
from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from engine.quotes import verify_quotes
from ontology import LM, SHAPES_FILE, load_graph


@dataclass
class CheckResult:
    name: str
    passed: bool
    details: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "passed": self.passed, "details": self.details}


@dataclass
class ValidationReport:
    checks: list[CheckResult]
    counts: dict[str, int]
    per_source: dict[str, dict[str, int]]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def to_dict(self) -> dict:
        return {
            "passed": self.passed,
            "checks": [c.to_dict() for c in self.checks],
            "counts": self.counts,
            "per_source": self.per_source,
        }


def _instances(g: Graph, cls: URIRef) -> set:
    """Instances of ``cls`` or of any of its subclasses (by the asserted hierarchy)."""
    classes = set(g.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in g.subjects(RDF.type, c)}


def counts(g: Graph) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    totals = {
        "triples": len(g),
        "links": len(_instances(g, LM.CausalLink)),
        "entities": len(_instances(g, LM.Entity)),
        "chains": len(_instances(g, LM.MechanismChain) - _instances(g, LM.FeedbackLoop)),
        "loops": len(_instances(g, LM.FeedbackLoop)),
        "open_questions": len(_instances(g, LM.OpenQuestion) | _instances(g, LM.TestablePrediction)),
        "quantity_values": len(_instances(g, LM.QuantityValue)),
        "laws": len(_instances(g, LM.Law)),
        "disagreements": len(_instances(g, LM.Disagreement)),
    }
    per_source: dict[str, Counter] = defaultdict(Counter)
    kinds = {
        "links": LM.CausalLink, "chains": LM.MechanismChain, "open_questions": LM.OpenQuestion,
        "predictions": LM.TestablePrediction, "quantity_values": LM.QuantityValue,
        "disagreements": LM.Disagreement,
    }
    for kind, cls in kinds.items():
        for s in _instances(g, cls):
            docs = {d for loc in g.objects(s, LM.hasSource) for d in g.objects(loc, LM.document)}
            for d in docs:
                per_source[str(d).rsplit("/", 1)[-1]][kind] += 1
    return totals, {k: dict(v) for k, v in sorted(per_source.items())}


def check_shacl(g: Graph) -> CheckResult:
    from pyshacl import validate

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results_graph, _ = validate(g, shacl_graph=shapes, inference="none", advanced=True)
    details = []
    if not conforms:
        SH = "http://www.w3.org/ns/shacl#"
        for r in results_graph.subjects(RDF.type, URIRef(SH + "ValidationResult")):
            focus = results_graph.value(r, URIRef(SH + "focusNode"))
            msg = results_graph.value(r, URIRef(SH + "resultMessage"))
            path = results_graph.value(r, URIRef(SH + "resultPath"))
            details.append(f"{focus}: {msg}" + (f" (path {path})" if path else ""))
    return CheckResult("shacl", conforms, sorted(details))


def check_quotes(g: Graph) -> tuple[CheckResult, int]:
    verified, problems = verify_quotes(g)
    return CheckResult("quotes", not problems, [f"{p.subject}: {p.problem}: «{p.quote}»" for p in problems]), verified


def _norm_label(s: str) -> str:
    return re.sub(r"[\s\-_]+", " ", s.strip().lower())


def check_unique_labels(g: Graph) -> CheckResult:
    """No two entities share a label or synonym: one IRI per concept across the papers."""
    owners: dict[str, set] = defaultdict(set)
    for e in _instances(g, LM.Entity):
        for p in (RDFS.label, SKOS.altLabel):
            for lab in g.objects(e, p):
                owners[_norm_label(str(lab))].add(str(e))
    clashes = [f"'{lab}' names {', '.join(sorted(es))}" for lab, es in sorted(owners.items()) if len(es) > 1]
    return CheckResult("unique_labels", not clashes, clashes)


def check_hermit(g: Graph) -> CheckResult:
    """Consistency under HermiT (OWL 2 DL), through owlready2."""
    if shutil.which("java") is None:
        return CheckResult("hermit", False, ["java not found on PATH: HermiT needs a Java runtime"])
    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "limech.nt"
        g.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return CheckResult("hermit", False, [f"inconsistent: {exc}"])
        except Exception as exc:  # the Java process failed for another reason
            return CheckResult("hermit", False, [f"HermiT did not run: {type(exc).__name__}: {exc}"])
        unsat = [str(c.iri) for c in world.inconsistent_classes()]
    return CheckResult("hermit", not unsat, [f"unsatisfiable class: {c}" for c in unsat])


def validate(hermit: bool = True) -> ValidationReport:
    try:
        g = load_graph()
    except ValueError as exc:
        return ValidationReport([CheckResult("parse", False, [str(exc)])], {}, {})
    checks = [CheckResult("parse", True, [])]
    checks.append(check_shacl(g))
    quote_check, verified = check_quotes(g)
    checks.append(quote_check)
    checks.append(check_unique_labels(g))
    if hermit:
        checks.append(check_hermit(g))
    totals, per_source = counts(g)
    totals["quotes_verified"] = verified
    return ValidationReport(checks, totals, per_source)
