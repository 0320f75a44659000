"""`limech laws | derive | rule | signs`: the symbolic derivation engine."""
from __future__ import annotations

import typer


def graph_sign_reports(store, include_unlinked: bool = False):
    """Sign agreement of every law relation with the signs the graph records."""
    from engine.laws import GRAPH_SIGNS_SPARQL, graph_signs_from_rows, sign_agreement

    rows = [(r["cause"], r["effect"], r["sign"]) for r in store.select(GRAPH_SIGNS_SPARQL)]
    return sign_agreement(graph_signs_from_rows(rows), include_unlinked=include_unlinked)


def parse_given(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"--given takes NAME=VALUE (e.g. current_density='3 mA/cm^2'), got '{pair}'")
        key, value = (s.strip() for s in pair.split("=", 1))
        out[key] = value
    return out


def register(app: typer.Typer) -> None:
    from api.cli import console, fail, open_store, print_json

    def laws_module():
        from engine import laws  # sympy: imported only by the commands that need it

        return laws

    @app.command("laws")
    def laws_cmd(as_json: bool = typer.Option(False, "--json")) -> None:
        """List the laws: id, family, what they relate, source."""
        L = laws_module()
        items = L.list_laws()
        if as_json:
            return print_json([L.law_summary(law, with_forms=False) for law in items])
        for law in items:
            rel = ", ".join(f"{r.input}→{r.output}" for r in law.relations)
            console.print(f"{law.id:<32} {law.label}  [{law.family}]  {rel}", highlight=False, markup=False)

    @app.command()
    def derive(
        name: str = typer.Argument(..., help="law id (see `limech laws`)"),
        latex: bool = typer.Option(False, "--latex", help="LaTeX instead of plain text"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Derive a law from its governing equation, step by step."""
        L = laws_module()
        try:
            d = L.derive(name)
        except L.UnknownLawError as exc:
            fail(str(exc.args[0]))
        if as_json:
            return print_json({**d.to_dict(), "elasticities": [e.to_dict() for e in L.elasticities(name)]})
        console.print(d.latex() if latex else d.text(), highlight=False, markup=False)

    @app.command()
    def rule(
        name: str = typer.Argument(..., help="design rule name (run without --given to list its inputs)"),
        given: list[str] = typer.Option([], "--given", "-g", help="NAME=VALUE with a unit, e.g. current_density='3 mA/cm^2'"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Evaluate a design rule (an inequality solved symbolically) for given values with units."""
        L = laws_module()
        try:
            result = L.evaluate_rule(name, parse_given(given))
        except L.UnknownRuleError as exc:
            fail(str(exc.args[0]))
        except (L.QuantityError, L.DimensionError, ValueError) as exc:
            fail(str(exc))
        if as_json:
            return print_json(result.to_dict())
        console.print(result.text(), highlight=False, markup=False)

    @app.command()
    def rules(as_json: bool = typer.Option(False, "--json")) -> None:
        """List the design rules and the inputs each needs."""
        L = laws_module()
        items = [L.rule_summary(r) for r in L.list_rules()]
        if as_json:
            return print_json(items)
        for r in items:
            console.print(f"{r['name']:<36} {r['description']}", highlight=False, markup=False)

    @app.command()
    def signs(
        all_relations: bool = typer.Option(False, "--all", help="also relations no graph link states"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Sign agreement: each law's d(effect)/d(cause) against the sign the graph records."""
        reports = graph_sign_reports(open_store(), include_unlinked=all_relations)
        if as_json:
            return print_json([r.to_dict() for r in reports])
        for r in reports:
            console.print(r.text(), highlight=False, markup=False)
        counts = {}
        for r in reports:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
        console.print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())), highlight=False, markup=False)
