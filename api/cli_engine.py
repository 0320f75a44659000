"""`limech effect | loops | conflicts | hypotheses | strategies | explain`: the rule engine."""
from __future__ import annotations

import typer


def _engine():
    from api.cli import open_store
    from engine.api import Engine

    return Engine(open_store())


def register(app: typer.Typer) -> None:
    from api.cli import console, fail, print_json
    from engine.api import NameResolutionError

    def dump(obj):
        if isinstance(obj, list):
            return [o.model_dump() for o in obj]
        return obj.model_dump()

    @app.command()
    def effect(
        frm: str = typer.Argument(..., metavar="FROM", help="label, synonym, lm:Id or IRI"),
        to: str = typer.Argument(..., metavar="TO"),
        max_length: int = typer.Option(6, "--max-length", "-n", help="longest path in links"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Every signed path FROM -> TO with its evidence, and the net effect."""
        try:
            res = _engine().effect(frm, to, max_length=max_length)
        except (NameResolutionError, ValueError) as exc:
            fail(str(exc))
        if as_json:
            return print_json(dump(res))
        console.print(f"[bold]{res.source_label}[/] → [bold]{res.target_label}[/]: net effect "
                      f"[bold]{res.net}[/] (decided by {res.decided_by}; {res.increasing} increasing, "
                      f"{res.decreasing} decreasing path(s), ≤ {res.max_length} links)")
        for p in res.paths:
            console.print(f"  {'+' if p.sign > 0 else '−'} [{p.evidence.label}] {p.text()}", highlight=False, markup=False)
            for s in p.steps:
                notes = ([f"law {', '.join(s.laws)}"] if s.laws else []) + [
                    f"simulated by check {v.check.rsplit('/', 1)[-1].removeprefix('check_')}: {v.verdict}"
                    + (f" — {v.condition}" if v.condition and v.verdict != "supported" else "") for v in s.simulation]
                ran = {v.check.rsplit("/", 1)[-1].removeprefix("check_") for v in s.simulation}
                if not_run := [c for c in s.checkable if c not in ran]:
                    notes.append(f"checkable by {', '.join(not_run)}")
                if notes:
                    console.print(f"      {s.cause_label} → {s.effect_label}: " + "; ".join(notes),
                                  highlight=False, markup=False)

    @app.command()
    def loops(
        max_length: int = typer.Option(6, "--max-length", "-n"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Feedback loops: every directed cycle, its polarity, and the loops the papers name."""
        res = _engine().loops(max_length=max_length)
        if as_json:
            return print_json(dump(res))
        console.print(f"[bold]Named loops[/] ({len(res.named)}):")
        for n in res.named:
            agree = {True: "agrees", False: "DISAGREES", None: "n/a"}[n.agrees]
            console.print(f"  {n.label}: declared {n.declared}, computed {n.computed} ({agree}); "
                          f"found in graph: {n.found}", highlight=False, markup=False)
        console.print(f"[bold]Cycles found[/]: {len(res.found)} ({res.unnamed} not named by any paper)")
        for f in res.found:
            tag = f" = {', '.join(f.named)}" if f.named else ""
            console.print(f"  {f.polarity}: {' → '.join(f.labels)}{tag}", highlight=False, markup=False)

    @app.command()
    def chains(
        headline: bool = typer.Option(False, "--headline", help="only the headline chains"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Mechanism chains and loops as the papers state them, with sign and weakest evidence."""
        from api.cli import open_store
        from engine.chains import chains as list_chains

        res = [c for c in list_chains(open_store()) if c.headline or not headline]
        if as_json:
            return print_json(dump(res))
        for c in res:
            kind = f"loop, {c.declared_polarity}" if c.loop else "chain"
            console.print(f"{c.label} ({kind}; sign {'+' if c.sign > 0 else '−'}; weakest evidence "
                          f"{c.evidence.label}): {' → '.join(c.entities)}", highlight=False, markup=False)

    @app.command()
    def conflicts(as_json: bool = typer.Option(False, "--json")) -> None:
        """Contradictions: opposite signs across sources, mislabelled loops, exclusive conditions."""
        res = _engine().conflicts()
        if as_json:
            return print_json(dump(res))
        for c in res:
            console.print(f"[{c.kind}] {c.summary}", highlight=False, markup=False)
        console.print(f"{len(res)} conflict(s)")

    @app.command()
    def hypotheses(
        limit: int = typer.Option(20, "--limit"),
        max_length: int = typer.Option(3, "--max-length", "-n"),
        frm: str = typer.Option(None, "--from"),
        to: str = typer.Option(None, "--to"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Effects the graph implies where no paper states a direct link, best first."""
        try:
            res = _engine().hypotheses(limit=limit, max_length=max_length, frm=frm, to=to)
        except (NameResolutionError, ValueError) as exc:
            fail(str(exc))
        if as_json:
            return print_json(dump(res))
        for h in res:
            console.print(f"{h.cause_label} {h.predicted} {h.effect_label} "
                          f"[{h.evidence.label}, {h.n_paths} path(s)]: {h.chain.text()}", highlight=False, markup=False)

    @app.command()
    def strategies(
        max_length: int = typer.Option(5, "--max-length", "-n"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Strategies ranked by how many failure routes they cut, and on what evidence."""
        res = _engine().rank_strategies(max_length=max_length)
        if as_json:
            return print_json(dump(res))
        for r in res:
            best = r.best_evidence.label if r.best_evidence else "—"
            console.print(f"{r.rank:>3}. {r.label}: cuts {r.routes_cut} route(s), aggravates {r.routes_aggravated}; "
                          f"best evidence {best}", highlight=False, markup=False)

    @app.command()
    def explain(
        subject: str = typer.Argument(...), predicate: str = typer.Argument(...), obj: str = typer.Argument(...),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Why a triple holds: asserted, or inferred by which rule from which premises."""
        try:
            res = _engine().explain(subject, predicate, obj)
        except (NameResolutionError, ValueError) as exc:
            fail(str(exc))
        if as_json:
            return print_json(dump(res))

        def show(e, depth=0):
            rule = f" by rule {e.rule.name}" if e.rule else ""
            console.print("  " * depth + f"{e.subject} {e.predicate} {e.object}: {e.status}{rule}", highlight=False, markup=False)
            for p in e.premises:
                show(p, depth + 1)

        show(res)
