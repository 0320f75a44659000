"""`make docs` and the user guide: the generated references cover the knowledge base and the API,
and every command the guide marks as runnable runs and prints what the guide shows."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ontology import PROJECT_DIR, load_graph

GUIDE = PROJECT_DIR / "docs" / "guide.md"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from api.docs import main

    out = tmp_path_factory.mktemp("docs")
    main(["--out", str(out)])
    return out


@pytest.fixture(scope="module")
def graph():
    return load_graph()


def test_ontology_reference_lists_every_class_and_entity(generated, graph):
    page = (generated / "ontology" / "index.html").read_text()
    assert "<b>causal link</b> <code>lm:CausalLink</code>" in page
    assert '<tr id="ChemicalCorrosion"><td><b>chemical corrosion</b>' in page
    assert "calendar corrosion" in page            # a synonym (skos:altLabel) of chemical corrosion
    lm = "https://w3id.org/limech/"
    classes = [str(c) for (c,) in graph.query("SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }")
               if str(c).startswith(lm)]
    assert len(classes) > 40
    assert [c for c in classes if f'id="{c[len(lm):]}"' not in page] == []
    entities = [str(e) for (e,) in graph.query(
        "SELECT DISTINCT ?e WHERE { ?e a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        "<https://w3id.org/limech/Entity> ; a <http://www.w3.org/2002/07/owl#Class> . "
        "?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }")]
    assert len(entities) > 300
    assert [e for e in entities if f'<tr id="{e[len(lm):]}">' not in page] == []
    laws = [str(i) for (i,) in graph.query("SELECT ?i WHERE { ?l <https://w3id.org/limech/lawId> ?i }")]
    assert "sand_time_li_transference" in laws
    assert all(f'id="law_{i}"' in page for i in laws)
    assert "t_sand = pi*D*F**2*c_0**2*z**2/(4*J**2*(1 - t_Li)**2)" in page


def test_link_counts_per_source_match_the_turtle(generated, graph):
    """The per-source count on the page equals a count made here with rdflib over the sources."""
    page = (generated / "ontology" / "index.html").read_text()
    q = """SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l a <https://w3id.org/limech/CausalLink> ;
             <https://w3id.org/limech/hasSource>/<https://w3id.org/limech/document> <https://w3id.org/limech/doc004> }"""
    n = int(next(iter(graph.query(q)))[0])
    assert n > 100
    row = re.search(r'<tr id="doc004">.*?</span></td><td>(\d+)</td>', page)
    assert row and int(row.group(1)) == n


def test_emmo_matches_are_named(generated):
    page = (generated / "ontology" / "index.html").read_text()
    if not (PROJECT_DIR.parent / "shared" / "vocabularies").is_dir():
        pytest.skip("EMMO vocabularies not present")
    # lm:SEI skos:exactMatch the EMMO electrochemistry class whose prefLabel is SolidElectrolyteInterphase
    assert re.search(r'electrochemistry_ecf136cb_2584_4cb1_98b7_2d2b3d22e40d">SolidElectrolyteInterphase \(EMMO\)', page)


def test_pylode_schema_page(generated):
    pytest.importorskip("pylode")
    page = (generated / "ontology" / "schema.html").read_text()
    assert "CausalLink" in page and "evidenceLevel" in page


def test_api_reference_covers_every_operation(generated):
    spec = json.loads((generated / "api" / "openapi.json").read_text())
    md = (generated / "api.md").read_text()
    for path in ("/sparql", "/effects", "/checks", "/links/{link_id}"):
        assert path in spec["paths"]
    for path, item in spec["paths"].items():
        for method in item:
            assert f"### {method.upper()} `{path}`" in md, (method, path)
    assert "| `from` | query | string | yes |" in md          # /effects?from=... is required
    assert "### CausalLink" in md and "`application/problem+json`" in md


def test_committed_api_reference_matches_the_committed_schema():
    """docs/api.md in the repository documents exactly the operations and models of the committed
    docs/api/openapi.json (`make docs` rewrites both together)."""
    spec = json.loads((PROJECT_DIR / "docs" / "api" / "openapi.json").read_text())
    md = (PROJECT_DIR / "docs" / "api.md").read_text()
    ops = {f"{m.upper()} `{p}`" for p, item in spec["paths"].items() for m in item}
    assert ops and set(re.findall(r"^### ([A-Z]+ `[^`]+`)$", md, re.M)) == ops
    models = set(spec["components"]["schemas"])
    assert set(re.findall(r"^### (\w+)$", md, re.M)) == models


# ---------------------------------------------------------------- the guide's runnable commands
# A fenced ```console block right after a `<!-- run -->` line is run by this test: each `$ ` line is
# a shell command, the lines after it are output it must print (in order). `…` marks elided text:
# the pieces around it must appear, anything may stand between them. Box-drawing characters and
# runs of whitespace are ignored, so a table or a wrapped line matches however the terminal folds it.
RUN_BLOCK = re.compile(r"^<!-- run -->\n```console\n(.*?)^```", re.S | re.M)
BOX = re.compile(r"[\u2500-\u257f]")
COLUMNS = "120"     # the width the guide's outputs were captured at


def normalise(text: str) -> str:
    return " ".join(BOX.sub(" ", text).split())


def guide_commands(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every command of every runnable block, in order."""
    out: list[tuple[str, list[str]]] = []
    for block in RUN_BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif out and line.strip():
                out[-1][1].append(line)
    return out


def missing_lines(expected: list[str], actual: str) -> list[str]:
    """Expected lines (with `…` elisions) not found in ``actual`` in order."""
    text, pos, missing = normalise(actual), 0, []
    for line in expected:
        for piece in (normalise(p) for p in line.split("…")):
            if not piece:
                continue
            found = text.find(piece, pos)
            if found < 0:
                missing.append(line)
                break
            pos = found + len(piece)
    return missing


def test_guide_parser_and_matcher():
    block = "<!-- run -->\n```console\n$ limech x\n┃ a ┃  b ┃\n… c\n$ limech y\n```\n"
    assert guide_commands(block) == [("limech x", ["┃ a ┃  b ┃", "… c"]), ("limech y", [])]
    assert missing_lines(["┃ a ┃  b ┃", "… c"], "x │ a │ b\n  z c") == []
    assert missing_lines(["c", "a"], "a c") == ["a"]            # order matters
    assert missing_lines(["a … q"], "a b c") == ["a … q"]


COMMANDS = guide_commands(GUIDE.read_text()) if GUIDE.is_file() else []


@pytest.fixture(scope="module")
def guide_env(tmp_path_factory):
    """One data directory and working directory for all the guide's commands, run in order."""
    work = tmp_path_factory.mktemp("guide")
    (work / "docs" / "figures").mkdir(parents=True)    # the checkout's layout: --plot docs/figures/...
    env = dict(os.environ, LIMECH_DATA_DIR=str(work / "data"), COLUMNS=COLUMNS, LIMECH_STORE="embedded",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return {"cwd": work, "env": env, "done": {}}


def run_guide_command(state, index: int) -> subprocess.CompletedProcess:
    """Run the guide's commands up to ``index`` (each once, in order) and return that one's result."""
    for i in range(index + 1):
        if i not in state["done"]:
            state["done"][i] = subprocess.run(["bash", "-c", COMMANDS[i][0]], cwd=state["cwd"], env=state["env"],
                                              capture_output=True, text=True, timeout=600)
    return state["done"][index]


def test_guide_has_runnable_commands():
    assert GUIDE.is_file()
    names = " ".join(c for c, _ in COMMANDS)
    for command in ("limech effect", "limech sparql", "limech derive", "limech rule", "limech check"):
        assert command in names, f"the guide runs no '{command}'"


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[c[:60] for c, _ in COMMANDS])
def test_guide_command(guide_env, index):
    command, expected = COMMANDS[index]
    res = run_guide_command(guide_env, index)
    output = res.stdout + res.stderr
    assert res.returncode == 0, f"{command!r} exited {res.returncode}:\n{output[-3000:]}"
    missing = missing_lines(expected, output)
    assert not missing, f"{command!r}: lines of the guide not in the output:\n" + "\n".join(missing) + \
        f"\n--- actual output ---\n{output[-4000:]}"
