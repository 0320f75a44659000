"""Turtle for ontology/laws.ttl, generated from the law registry so that the two never drift.

Regenerate with ``python -c "from engine.laws import laws_turtle; print(laws_turtle(), end='')" > ontology/laws.ttl``;
tests/test_laws_ontology.py checks that the committed file equals this output (as RDF graphs).
"""
from __future__ import annotations

import sys

import sympy as sp

from .registry import derive, list_laws

_HEADER = """@prefix lm:      <https://w3id.org/limech/> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

# Physical laws of the derivation engine (engine/laws) and the cause -> effect pairs they
# quantify. GENERATED from engine.laws (laws_turtle()); do not edit by hand.
"""


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def law_block(law) -> str:
    d = derive(law.id)
    names = law.latex_names()
    latex = "; ".join(f"{law.var(o).latex} = {sp.latex(d.results[o], symbol_names=names)}" for o in law.outputs)
    plain = "; ".join(f"{o} = {sp.sstr(d.results[o])}" for o in law.outputs)
    lines = [f"lm:law_{law.id} a owl:NamedIndividual , lm:Law ;",
             f"    rdfs:label {_lit(law.label)}@en ;",
             f"    lm:lawId {_lit(law.id)} ;",
             f"    lm:latex {_lit(latex)} ;",
             f"    lm:plainForm {_lit(plain)} ;",
             f"    dcterms:bibliographicCitation {_lit(law.source)} ;"]
    for a in law.assumptions:
        lines.append(f"    lm:note {_lit('assumption: ' + a)} ;")
    for v in law.validity:
        lines.append(f"    lm:note {_lit('valid when: ' + v)} ;")
    if law.source_doc:
        sec = f" ; lm:section {_lit(law.source_section)}" if law.source_section else ""
        lines.append(f"    lm:hasSource [ a lm:SourceLocation ; lm:document lm:doc{law.source_doc}{sec} ] ;")
    for r in law.relations:
        note = f" ; lm:note {_lit(r.note)}" if r.note else ""
        lines.append(f"    lm:quantifies [ a lm:LawRelation ; lm:fromEntity lm:{r.from_entity} ; "
                     f"lm:toEntity lm:{r.to_entity} ;\n        lm:inputSymbol {_lit(r.input)} ; "
                     f"lm:outputSymbol {_lit(r.output)}{note} ] ;")
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines)


def laws_turtle() -> str:
    return _HEADER + "\n" + "\n\n".join(law_block(law) for law in list_laws()) + "\n"


if __name__ == "__main__":
    sys.stdout.write(laws_turtle())
