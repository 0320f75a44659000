"""Knowledge base of 003 (Shen et al., 'Solid Electrolyte Interphase on Lithium Metal Anodes',
ChemSusChem 2024, 17, e202301777): link coverage, the printed thresholds the simulator needs,
quantity-value completeness and the two competency queries (strategy families, cross-source conflicts)."""
from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from engine.quotes import verify_quotes
from ontology import LM, QUERIES_DIR, RO_NEGATIVE, RO_POSITIVE, load_graph

QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD_DOUBLE = URIRef("http://www.w3.org/2001/XMLSchema#double")
DOC = LM.doc003


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_graph()


def _docs(g, s):
    return {d for loc in g.objects(s, LM.hasSource) for d in g.objects(loc, LM.document)}


def _sections(g, s):
    return {str(sec) for loc in g.objects(s, LM.hasSource) for sec in g.objects(loc, LM.section)}


def _links_003(g):
    return [s for s in g.subjects(RDF.type, LM.CausalLink) if DOC in _docs(g, s)]


def _qvs_003(g):
    return [s for s in g.subjects(RDF.type, LM.QuantityValue) if DOC in _docs(g, s)]


def _run(g, name):
    return list(g.query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")))


# ------------------------------------------------------------------ links
def test_doc003_has_at_least_100_complete_links_with_direct_edges(g):
    links = _links_003(g)
    assert len(links) >= 100
    for s in links:
        c, e, sign = g.value(s, LM.cause), g.value(s, LM.effect), g.value(s, LM.sign)
        assert c is not None and e is not None and c != e, s
        assert g.value(s, LM.mechanism) and g.value(s, LM.quote) and g.value(s, LM.evidenceLevel), s
        assert _sections(g, s), f"{s} has no section"
        edge = RO_POSITIVE if int(g.value(sign, LM.signValue)) > 0 else RO_NEGATIVE
        assert (c, edge, e) in g, f"{s}: direct edge {c} {edge} {e} missing"


def test_doc003_quotes_are_verbatim_in_the_seed(g):
    _, problems = verify_quotes(g)
    mine = [p for p in problems if "003" in p.subject]
    assert mine == []


def test_two_step_formation_and_tunneling_threshold_links(g):
    """003 §2.1: chemical SEI (inorganic-rich) first; §2.2.1: a thinner SEI tunnels electrons (negative sign)."""
    def has(c, e, sign):
        return any(g.value(s, LM.cause) == c and g.value(s, LM.effect) == e and g.value(s, LM.sign) == sign
                   for s in _links_003(g))
    assert has(LM.LiElectrolyteContact, LM.ChemicalSEIFormation, LM.Enables)
    assert has(LM.ChemicalSEIFormation, LM.InorganicRichSEI, LM.Increases)
    assert has(LM.ElectronTunneling, LM.ElectrochemicalSEIFormation, LM.Enables)
    assert has(LM.SEIThickness, LM.ElectronTunneling, LM.Decreases)
    assert not has(LM.SEIThickness, LM.ElectronTunneling, LM.Increases)
    # 003's wording meets the perspective's IRI: one concept, one IRI
    assert (LM.InorganicRichSEI, SKOS.altLabel, Literal("inorganic SEI components")) in g


# ------------------------------------------------------------------ quantities
def _one_qv(g, kind, of):
    hits = [q for q in _qvs_003(g) if g.value(q, LM.quantityKind) == kind and (q, LM.ofEntity, of) in g]
    assert len(hits) == 1, f"expected one 003 value of {kind} of {of}, found {hits}"
    return hits[0]


def test_electron_tunneling_thickness_threshold_as_printed(g):
    q = _one_qv(g, LM.ElectronTunnelingThicknessThreshold, LM.SEI)
    assert g.value(q, QUDT.numericValue) == Literal(10.0, datatype=XSD_DOUBLE)
    assert g.value(q, QUDT.unit) == UNIT.ANGSTROM
    assert str(g.value(q, LM.valueAsPrinted)) == "10 Å"
    assert _sections(g, q) == {"2.2.1"}
    assert 25 in {int(r) for r in g.objects(q, LM.citedReference)}


def test_sei_modulus_threshold_as_printed(g):
    q = _one_qv(g, LM.SEIModulusThreshold, LM.SEI)
    assert g.value(q, QUDT.numericValue) == Literal(3.0, datatype=XSD_DOUBLE)
    assert g.value(q, QUDT.unit) == UNIT.GigaPA
    assert str(g.value(q, LM.valueAsPrinted)) == "3 GPa"
    assert _sections(g, q) == {"2.2.2"}
    assert 75 in {int(r) for r in g.objects(q, LM.citedReference)}


@pytest.mark.parametrize("phase, value, lo, hi, intended", [
    ("Li2CO3", 1e8, None, None, "1e-8"),
    ("Li2O", 1e9, None, None, "1e-9"),
    ("LiF", None, 1e13, 1e14, "1e-14 to 1e-13"),
])
def test_sei_phase_ionic_conductivities_kept_as_printed_with_erratum(g, phase, value, lo, hi, intended):
    """The OCR lost the minus signs: the number stays as printed and the erratum gives the intended value."""
    q = _one_qv(g, LM.IonicConductivity, LM[phase])
    assert g.value(q, QUDT.unit) == UNIT["S-PER-CentiM"]
    for prop, want in ((QUDT.numericValue, value), (QUDT.lowerBound, lo), (QUDT.upperBound, hi)):
        got = g.value(q, prop)
        assert (got is None) if want is None else (float(got) == want), (phase, prop, got)
    assert intended in str(g.value(q, LM.erratum))


@pytest.mark.parametrize("qid, printed, intended", [
    # Li's standard potential: printed +3.04 V (minus lost); 000, 002 and 004 print -3.04 V
    ("Q003_003", {QUDT.numericValue: 3.04}, {LM.intendedValue: -3.04}),
    ("Q003_007", {QUDT.numericValue: 1e8}, {LM.intendedValue: 1e-8}),     # Li2CO3, S/cm
    ("Q003_008", {QUDT.numericValue: 1e9}, {LM.intendedValue: 1e-9}),     # Li2O, S/cm
    ("Q003_011", {QUDT.lowerBound: 1e13, QUDT.upperBound: 1e14},         # LiF, S/cm
     {LM.intendedLowerBound: 1e-14, LM.intendedUpperBound: 1e-13}),
])
def test_misprinted_values_carry_printed_and_intended_value(g, qid, printed, intended):
    """The printed number stays; lm:intendedValue/bounds give the corrected one, with the sign
    (potential) or exponent (conductivities) flipped, and an erratum explains it."""
    q = LM[qid]
    assert g.value(q, LM.erratum) is not None
    for prop, want in printed.items():
        assert float(g.value(q, prop)) == pytest.approx(want, rel=1e-12), (qid, prop)
    for prop, want in intended.items():
        got = float(g.value(q, prop))
        assert got == pytest.approx(want, rel=1e-12), (qid, prop, got)
    for (pp, pv), (ip, iv) in zip(printed.items(), intended.items()):
        if qid == "Q003_003":
            assert iv == -pv < 0                      # only the sign was lost
        else:
            assert 0 < iv < 1 < pv                    # a negative exponent printed as positive
    if qid == "Q003_011":                             # the bounds swap when the exponents flip sign
        lo, hi = (float(g.value(q, p)) for p in (LM.intendedLowerBound, LM.intendedUpperBound))
        assert lo < hi and lo == pytest.approx(1 / float(g.value(q, QUDT.upperBound)))


def test_lif_migration_barrier(g):
    q = _one_qv(g, LM.LiIonDiffusionBarrier, LM.LiF)
    assert float(g.value(q, QUDT.numericValue)) == 0.729 and g.value(q, QUDT.unit) == UNIT.EV


def test_every_003_quantity_value_has_value_unit_and_source(g):
    qvs = _qvs_003(g)
    assert len(qvs) >= 60
    for q in qvs:
        assert any(g.value(q, p) is not None for p in (QUDT.numericValue, QUDT.lowerBound, QUDT.upperBound)), q
        assert isinstance(g.value(q, QUDT.unit), URIRef) and str(g.value(q, QUDT.unit)).startswith(str(UNIT)), q
        assert _sections(g, q) and g.value(q, LM.valueAsPrinted), q
        assert g.value(q, LM.quantityKind) is not None and g.value(q, LM.ofEntity) is not None, q


def test_unit_slips_are_flagged_not_corrected(g):
    """003 §3.2.1 prints a current density in mAh cm-2: kept, with an erratum."""
    q = _one_qv(g, LM.CurrentDensity, LM.CaprolactamDualLayerSEI)
    assert g.value(q, QUDT.unit) == UNIT["MilliA-HR-PER-CentiM2"]
    assert float(g.value(q, QUDT.numericValue)) == 20.0
    assert "mA cm⁻²" in str(g.value(q, LM.erratum))


# ------------------------------------------------------------------ competency: strategy families
def test_strategy_family_counters(g):
    rows = {(r.family, r.strategy, r.mechanism): str(r.sources) for r in _run(g, "strategy_family_counters")}
    expected = [
        (LM.ArtificialSEIStrategy, LM.LiFCuInterlayer, LM.DendriteGrowth),
        (LM.ArtificialSEIStrategy, LM.PolymerArtificialSEI, LM.SEIFracture),
        (LM.ArtificialSEIStrategy, LM.MOFCoating, LM.SEIGrowth),
        (LM.ElectrolyteStrategy, LM.WeaklySolvatingElectrolyte, LM.DendriteGrowth),
        (LM.ElectrolyteStrategy, LM.TFEMAElectrolyte, LM.ElectrodePulverization),
        (LM.ElectrolyteStrategy, LM.IodideRedoxLiNO3Electrolyte, LM.DeadLithium),
        (LM.ElectrolyteStrategy, LM.TrimethoxybenzeneCosolvent, LM.PolysulfideSideReaction),
        (LM.SolidElectrolyteStrategy, LM.LiNO3PolymerElectrolyte, LM.DendriteGrowth),
        (LM.SolidElectrolyteStrategy, LM.AlF3Additive, LM.ElectrolyteDecomposition),
        (LM.ElectrolyteStrategy, LM.AlF3Additive, LM.ElectrolyteDecomposition),  # both families
    ]
    for key in expected:
        assert key in rows, key
        assert str(DOC) in rows[key].split(), (key, rows[key])
    # an increase is not a counter, and 003's strategies are neither separators nor ferroelectrics
    assert not any(s == LM.WeaklySolvatingElectrolyte and m == LM.InorganicContentOfSEI for _, s, m in rows)
    mine = {LM.LiFCuInterlayer, LM.WeaklySolvatingElectrolyte, LM.AlF3Additive, LM.MOFCoating}
    assert not any(f in (LM.SeparatorStrategy, LM.FerroelectricStrategy) and s in mine for f, s, _ in rows)


# ------------------------------------------------------------------ competency: cross-source conflicts
def test_cross_source_conflicts_in_the_knowledge_base(g):
    rows = _run(g, "cross_source_conflicts")
    dis = {(r.a, r.docA, r.docB) for r in rows if str(r.kind) == "disagreement"}
    assert (LM.D003_01, LM.doc003, LM.doc004) in dis      # Li2CO3: ionic conductor vs detrimental
    assert (LM.D003_02, LM.doc000, LM.doc003) in dis      # LiF conductivity: low vs moderate
    assert (LM.D003_03, LM.doc000, LM.doc003) in dis      # Li2O: fragile vs strong
    within = {LM.D003_04, LM.D003_05, LM.D003_06, LM.D003_08, LM.D003_09}
    assert not any(a in within for a, _, _ in dis)         # within-003 statements are not cross-source
    opposite = {(r.cause, r.effect, frozenset((r.docA, r.docB))) for r in rows if str(r.kind) == "opposite signs"}
    assert (LM.Li2CO3, LM.SEIIonicConductivity, frozenset((LM.doc003, LM.doc004))) in opposite


def test_cross_source_conflict_query_logic_on_a_small_graph():
    """Opposite signs across documents count; same sign, same document and a document's revision do not."""
    t = Graph()
    t.parse(data=(QUERIES_DIR.parent / "schema.ttl").read_text(encoding="utf-8"), format="turtle")

    def link(name, sign, doc):
        s, loc = LM[name], LM[name + "_src"]
        t.add((s, RDF.type, LM.CausalLink))
        t.add((s, LM.cause, LM.X))
        t.add((s, LM.effect, LM.Y))
        t.add((s, LM.sign, sign))
        t.add((s, LM.hasSource, loc))
        t.add((loc, LM.document, LM[doc]))
    link("a", LM.Increases, "docA")
    link("b", LM.Prevents, "docB")      # conflicts with a
    link("c", LM.Enables, "docB")       # same sign as a
    link("d", LM.Decreases, "docA")     # same document as a
    link("e", LM.Decreases, "docA2")    # revision of docA
    t.add((LM.docA2, PROV.wasRevisionOf, LM.docA))
    rows = list(t.query((QUERIES_DIR / "cross_source_conflicts.rq").read_text(encoding="utf-8")))
    pairs = {frozenset((r.a, r.b)) for r in rows}
    # a+/b- (docA/docB), c+/d- (docB/docA), c+/e- (docB/docA2); not b/c or a/d (same document),
    # not a/e (docA2 is a revision of docA), not b/d or b/e (same sign)
    assert pairs == {frozenset((LM.a, LM.b)), frozenset((LM.c, LM.d)), frozenset((LM.c, LM.e))}
