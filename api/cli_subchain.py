"""How `limech check --from X --to Y` prints its answer: the verdict over every covering chain,
then per chain the two quantities, the judged links on the way, and each case's net sign."""
from __future__ import annotations

from api.cli_checks import _fmt

COLOURS = {"supported": "green", "not supported": "red", "condition-dependent": "yellow",
           "chains disagree": "magenta"}


def _sign(s: int | None) -> str:
    return "—" if s is None else f"{s:+d}"


def _yes(b: bool | None) -> str:
    return "—" if b is None else ("yes" if b else "no")


def show_subchain(console, res) -> None:
    from rich.table import Table

    colour = COLOURS.get(res.verdict, "white")
    names = ", ".join(c.chain for c in res.chains)
    console.print(f"[bold]{res.from_label} → {res.to_label}[/] — verdict: [bold {colour}]{res.verdict}[/] "
                  f"(simulated by {names})")
    if res.disagreement:
        console.print(f"  [magenta]the chains disagree:[/] {res.disagreement}")
    for c in res.chains:
        cc = COLOURS.get(c.verdict, "white")
        console.print(f"\n[bold]{c.chain}[/] ({c.label}): [{cc}]{c.verdict}[/]")
        if c.condition:
            console.print(f"  condition: {c.condition}")
        s0, s1 = list(c.from_quantity.values)
        q = Table("quantity", "model.output", s0, s1, "unit", "rel. change", "sign")
        for x in (c.from_quantity, c.to_quantity):
            q.add_row(x.label, x.key, _fmt(x.values.get(s0)), _fmt(x.values.get(s1)), x.unit,
                      _fmt(x.relative_change), _sign(x.sign))
        console.print(q)
        graph = "/".join(_sign(s) for s in c.graph_signs) or "—"
        console.print(f"  net: simulated {_sign(c.simulated_sign)}, graph {graph}")
        if c.links:
            t = Table("link", "graph", "sim.", "elasticity", "verdict", "condition / note")
            for lk in c.links:
                t.add_row(f"{lk.cause_label} → {lk.effect_label}", f"{lk.graph_sign:+d}", _sign(lk.simulated_sign),
                          _fmt(lk.elasticity), lk.verdict, lk.condition or lk.note or "")
            console.print(t)
            k = Table("case", "net sign (sim.)", "agrees with graph", "every link holds")
            for case in c.cases:
                k.add_row(case.case, _sign(case.simulated_sign), _yes(case.agrees_with_graph),
                          _yes(case.all_links_hold))
            console.print(k)
        for lr, lk in zip(c.robustness or [], c.links):
            console.print(f"  robustness: {lk.cause_label} → {lk.effect_label}: holds in {_fmt(lr.fraction_holds)}")
        if c.note:
            console.print(f"  note: {c.note}")
        if c.run:
            console.print(f"  full check recorded as {c.run}")
