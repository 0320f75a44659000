"""`limech simulate` and `limech models`: run any reduced-order model from the command line."""
from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperCommand

from engine.simulation import ParameterError, SolverError, get_model, model_names, to_si


def parse_params(module, pairs: list[str]) -> dict:
    """``["k=v", ...]`` into run() keyword arguments, with clear errors."""
    table = {p.name: p for p in module.PARAMETERS}
    choices = getattr(module, "CHOICES", {})
    out: dict = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"--param takes NAME=VALUE, got '{pair}'")
        key, value = (s.strip() for s in pair.split("=", 1))
        if key in choices:
            out[key] = value
        elif key in table:
            out[key] = to_si(table[key], value)
        else:
            allowed = sorted(table) + sorted(choices)
            raise ParameterError(f"unknown parameter '{key}' for model '{module.NAME}'; allowed: {', '.join(allowed)}")
    return out


def describe_models() -> str:
    lines = []
    for name in model_names():
        m = get_model(name)
        lines.append(f"{name}: {m.SUMMARY}")
        for p in m.PARAMETERS:
            lines.append(f"  {p.name} = {p.default:g} {p.unit}  [{p.allowed()}]  {p.description}; source: {p.source}")
        for key, values in getattr(m, "CHOICES", {}).items():
            lines.append(f"  {key} = one of {', '.join(values)}")
    return "\n".join(lines)


class _SimulateCommand(TyperCommand):
    """Help that lists every model's parameters (imported only when help is asked for)."""

    def format_help(self, ctx, formatter) -> None:
        lines = ["Models and their parameters (default in SI units, allowed range, source):"]
        lines += describe_models().splitlines()
        # rich help folds single newlines; blank lines keep one parameter per line
        self.epilog = "\n\n".join(lines)
        super().format_help(ctx, formatter)


def register(app: typer.Typer) -> None:
    from api.cli import fail, print_json, console

    @app.command(cls=_SimulateCommand)
    def simulate(
        model: str = typer.Argument(..., help="model name (see below)"),
        param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE; VALUE in SI or with a unit"),
        as_json: bool = typer.Option(False, "--json", help="print the full result as JSON"),
        plot: Path = typer.Option(None, "--plot", help="write a PNG figure of the result"),
    ) -> None:
        """Run one reduced-order model with the given parameters."""
        try:
            module = get_model(model)
        except KeyError as exc:
            fail(str(exc.args[0]))
        if plot is not None and not plot.parent.is_dir():
            fail(f"--plot: the directory {plot.parent} does not exist")
        try:
            result = module.run(**parse_params(module, param))
        except (ParameterError, SolverError) as exc:
            fail(str(exc))
        if plot is not None:
            result.plot(plot)
        data = result.to_dict()
        if as_json:
            print_json(data)
            return
        units = data.get("units", {})
        for key, value in data.items():
            if key in ("units", "parameters") or isinstance(value, list):
                continue
            console.print(f"{key} = {value}" + (f" [{units[key]}]" if key in units else ""), markup=False)
        if plot is not None:
            console.print(f"figure written to {plot}")

    @app.command()
    def models(as_json: bool = typer.Option(False, "--json")) -> None:
        """List the simulator's models with their parameters, units, defaults and sources."""
        if as_json:
            print_json({n: {"summary": get_model(n).SUMMARY,
                            "parameters": [{"name": p.name, "default": p.default, "unit": p.unit,
                                            "allowed": p.allowed(), "description": p.description,
                                            "source": p.source} for p in get_model(n).PARAMETERS]}
                        for n in model_names()})
        else:
            console.print(describe_models(), markup=False)
