"""`limech sparql` answers from the embedded store in json, csv and table form."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()
Q = "SELECT ?x WHERE { ?x a lm:Ferroelectric } ORDER BY ?x"


def test_json_output_is_sparql_results_json():
    res = runner.invoke(app, ["sparql", Q, "--format", "json"])
    assert res.exit_code == 0, res.output
    values = {b["x"]["value"] for b in json.loads(res.stdout)["results"]["bindings"]}
    assert "https://w3id.org/limech/BaTiO3" in values


def test_csv_and_table_output():
    csv_out = runner.invoke(app, ["sparql", Q, "-f", "csv"]).stdout.splitlines()
    assert csv_out[0] == "x" and "https://w3id.org/limech/PZT" in csv_out
    table = runner.invoke(app, ["sparql", Q]).stdout
    assert "lm:PZT" in table and "row(s)" in table


def test_query_from_file_and_graph_selection(tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("ASK { lm:BaTiO3 a lm:Ferroelectric }")
    assert runner.invoke(app, ["sparql", f"@{f}", "-f", "csv"]).stdout.strip() == "true"
    assert runner.invoke(app, ["sparql", f"@{f}", "-f", "csv", "--graph", "inferred"]).stdout.strip() == "false"


def test_bad_input_is_a_clear_error():
    res = runner.invoke(app, ["sparql", "SELECT WHERE", "-f", "json"])
    assert res.exit_code == 2 and "SPARQL syntax error" in res.output
    res = runner.invoke(app, ["sparql", Q, "-f", "xlsx"])
    assert res.exit_code == 2 and "--format must be json, csv or table" in res.output
    res = runner.invoke(app, ["sparql", Q, "--graph", "mine"])
    assert res.exit_code == 2 and "--graph must be" in res.output
