"""`limech check CHAIN`, `limech check --from X --to Y` and `limech checks`: simulation checks of the
graph's chains, whole or the part of every bound chain between two entities."""
from __future__ import annotations

from pathlib import Path

import typer


def _fmt(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def register(app: typer.Typer) -> None:
    from api.cli import console, fail, open_store, print_json

    @app.command("checks")
    def checks(as_json: bool = typer.Option(False, "--json")) -> None:
        """The chains of the graph that can be checked by simulation."""
        from engine.checks.api import list_checkable

        items = list_checkable(open_store())
        if as_json:
            return print_json([c.to_dict() for c in items])
        from rich.table import Table

        t = Table("id", "chain", "root knob", "links", "robustness ranges")
        for c in items:
            t.add_row(c.id, c.label, c.knob, str(c.links), ", ".join(c.ranges))
        console.print(t)

    @app.command("check")
    def check(
        chain: str = typer.Argument(None, help="checkable chain id (see `limech checks`); or use --from/--to"),
        frm: str = typer.Option(None, "--from", help="with --to instead of CHAIN: check FROM → TO in every bound "
                                                      "chain that computes both (label, synonym, lm:Id or IRI)"),
        to: str = typer.Option(None, "--to", help="the effect entity of --from"),
        param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, e.g. salt_concentration='1.2 mol/L'"),
        samples: int = typer.Option(0, "--samples", "-n", help="robustness samples (Latin hypercube); 0: none"),
        as_json: bool = typer.Option(False, "--json"),
        plot: Path = typer.Option(None, "--plot", help="directory for the figures"),
        limit: int = typer.Option(10, "--limit", help="with CHAIN = hypotheses: how many top-ranked hypotheses"),
        scheduler: str = typer.Option(
            None, "--scheduler", envvar="LIMECH_DASK_SCHEDULER",
            help="where a sweep runs: 'local' (a dask LocalCluster, the default), tcp://HOST:PORT "
                 "(an existing dask scheduler) or 'serial' (this process)"),
    ) -> None:
        """Perturb the chain's root cause, compute every quantity along it and judge each link.
        CHAIN = hypotheses checks the rule engine's top-ranked checkable hypotheses instead;
        --from X --to Y checks the links from X to Y of every bound chain that computes both."""
        from engine.checks.api import (
            CheckError,
            check_hypotheses,
            run_check,
            run_subchain,
        )
        from engine.names import NameResolutionError
        from engine.simulation import SolverError

        sub = frm is not None or to is not None
        if sub and chain is not None:
            fail(f"give either CHAIN ('{chain}') or --from/--to, not both")
        if sub and (not frm or not to):
            fail("--from and --to go together: give both entities (e.g. --from 'bound surface charge' "
                 "--to 'LiF-rich SEI')")
        if not sub and chain is None:
            fail("give a CHAIN (see `limech checks`), 'hypotheses', or --from X --to Y")
        if chain == "hypotheses":
            try:
                hs = check_hypotheses(open_store(), limit=limit)
            except (CheckError, SolverError) as exc:
                fail(str(exc))
            if as_json:
                return print_json([h.to_dict() for h in hs])
            from rich.table import Table

            t = Table("hypothesis", "predicted", "chain", "simulated", "verdict", "note")
            for h in hs:
                t.add_row(f"{h.cause_label} → {h.effect_label}", h.predicted, h.chain, h.simulated, h.verdict, h.note or "")
            return console.print(t)

        params = {}
        for pair in param:
            if "=" not in pair:
                fail(f"--param takes NAME=VALUE, got '{pair}'")
            k, v = (s.strip() for s in pair.split("=", 1))
            params[k] = v
        if samples < 0:
            fail(f"--samples must be >= 0, got {samples}")
        store = open_store()
        record = not getattr(store, "read_only", False)
        if not record:
            console.print("[yellow]note:[/] the store is in use by a running server; this check is not recorded "
                          "in its PROV graph (POST /checks to the server records it)")
        from engine.executors import SharedExecutor

        def run(progress=None):
            kw = {"params": params, "samples": samples, "plot_dir": plot, "executor": executor, "record": record,
                  "progress": progress}
            return run_subchain(store, frm, to, **kw) if sub else run_check(store, chain, **kw)

        try:   # one executor for this run, started only if there is a sweep
            sweeps = SharedExecutor(scheduler)
            note = None if as_json else (lambda text: console.print(f"[dim]{text}[/]", highlight=False))
            executor = sweeps.get(note=note) if samples else None
        except (ValueError, OSError) as exc:
            fail(f"--scheduler: {exc}")
        try:
            if samples and not as_json:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TimeRemainingColumn,
                )

                with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                              TimeRemainingColumn(), console=console, transient=True) as bar:
                    task = bar.add_task(f"robustness of {chain or f'{frm} → {to}'}", total=samples)
                    res = run(progress=lambda i, n: bar.update(task, completed=i, total=n))
            else:
                res = run()
        except (CheckError, SolverError, NameResolutionError) as exc:
            fail(str(exc))
        finally:
            sweeps.close()
        if as_json:
            return print_json(res.to_dict())
        if sub:
            from api.cli_subchain import show_subchain

            return show_subchain(console, res)
        _show(console, res)


def _show(console, res) -> None:
    from rich.table import Table

    colour = {"supported": "green", "not supported": "red", "condition-dependent": "yellow"}.get(res.verdict, "white")
    console.print(f"[bold]{res.label}[/] — verdict: [bold {colour}]{res.verdict}[/]")
    if res.condition:
        console.print(f"  condition: {res.condition}")
    s0, s1 = res.states
    q = Table("quantity", "model.output", s0, s1, "unit", "rel. change", title="quantities along the chain")
    for x in res.quantities:
        q.add_row(x.label, x.key, _fmt(x.values.get(s0)), _fmt(x.values.get(s1)), x.unit, _fmt(x.relative_change))
    console.print(q)
    t = Table("link", "graph", "sim.", "elasticity", "analytic", "verdict", "condition / note", title="links")
    for lk in res.links:
        t.add_row(f"{lk.cause_label} → {lk.effect_label}", f"{lk.graph_sign:+d}",
                  "—" if lk.simulated_sign is None else f"{lk.simulated_sign:+d}", _fmt(lk.elasticity),
                  _fmt(lk.analytic_elasticity), lk.verdict, lk.condition or lk.note or "")
    console.print(t)
    for key, vals in res.reported.items():
        console.print(f"  {key}: " + ", ".join(f"{s} = {_fmt(v)}" for s, v in vals.items()))
    for tension in res.tensions:
        console.print(f"  [yellow]tension:[/] {tension}")
    if res.inverse:
        inv = res.inverse
        console.print(f"  inverse problem ({inv['target_source']}): mix "
                      + ", ".join(f"{a} {x:.3f}" for a, x in inv["mix"].items()) + f"; residual {inv['residual']:.2g}")
    rob = res.robustness
    if rob is not None:
        console.print(f"  robustness: {rob.evaluated}/{rob.samples} samples evaluated; all links hold in "
                      f"{_fmt(rob.fraction_all_hold)}; flipping parameters: {', '.join(rob.flipping_parameters) or 'none'}")
        for lr, lk in zip(rob.links, res.links):
            console.print(f"    {lk.cause_label} → {lk.effect_label}: holds in {_fmt(lr.fraction_holds)}")
        for cause, n in sorted(rob.failures_by_cause.items(), key=lambda kv: -kv[1]):
            console.print(f"    [red]failed samples:[/] {n} x {cause}")
        if not rob.failures_by_cause:
            for f in rob.failures:
                console.print(f"    [red]failed sample:[/] {f}")
    for f in res.figures:
        console.print(f"  figure: {f}")
    if res.run:
        console.print(f"  recorded as {res.run}")
