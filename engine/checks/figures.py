"""Figures of a check (matplotlib, Agg canvas; no pyplot state).

* ``<chain>_chain.png``: the relative change of every quantity along the chain between the two
  states of the root cause, coloured by whether the link into it agrees with the graph.
* ``<chain>_states.png``: each quantity in both states, normalised to its larger magnitude.
* ``<chain>_robustness.png`` (with a sweep): fraction of samples holding the graph's sign per
  link, and the histogram of the last quantity's relative change over the samples.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

COLORS = {"agrees": "tab:green", "disagrees": "tab:red", "no effect": "tab:grey", "not evaluated": "white"}


def _figure(size):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig


def _short(label: str, n: int = 30) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def write_figures(result, plot_dir: Path, raw: dict | None = None) -> list[str]:
    plot_dir = Path(plot_dir)
    plot_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    into = {}
    for lk in result.links:
        into.setdefault(lk.effect, lk.agreement)
    qs = result.quantities
    labels = [_short(q.label) for q in qs]
    rel = [q.relative_change if q.relative_change is not None else np.nan for q in qs]

    fig = _figure((max(6.0, 0.7 * len(qs) + 2), 4.2))
    ax = fig.subplots()
    ax.bar(range(len(qs)), rel, color=[COLORS[into.get(q.entity, "not evaluated")] if q.entity in into
                                        else "tab:blue" for q in qs], edgecolor="black", lw=0.5)
    ax.axhline(0.0, color="black", lw=0.8)
    ax.set_xticks(range(len(qs)), labels, rotation=40, ha="right", fontsize=8)
    s0, s1 = result.states
    ax.set_ylabel(f"relative change {s0} → {s1}\n2 (y₁ − y₀)/(|y₁| + |y₀|)")
    ax.set_title(f"{result.label}\nverdict: {result.verdict} (green agrees, red disagrees, grey no effect)", fontsize=9)
    fig.tight_layout()
    p = plot_dir / f"{result.chain}_chain.png"
    fig.savefig(p, dpi=110)
    paths.append(str(p))

    fig = _figure((max(6.0, 0.7 * len(qs) + 2), 4.0))
    ax = fig.subplots()
    w = 0.38
    for k, (state, off) in enumerate(((s0, -w / 2), (s1, w / 2))):
        vals = []
        for q in qs:
            a, b = q.values.get(s0), q.values.get(s1)
            m = max(abs(a or 0.0), abs(b or 0.0))
            v = q.values.get(state)
            vals.append(np.nan if v is None or m == 0 else v / m)
        ax.bar(np.arange(len(qs)) + off, vals, w, label=state, color=("tab:orange" if k else "tab:blue"))
    ax.set_xticks(range(len(qs)), labels, rotation=40, ha="right", fontsize=8)
    ax.set_ylabel("value / max(|value|) of the two states")
    ax.legend(fontsize=8)
    ax.set_title(f"quantities along the chain in both states ({result.knob['parameter']})", fontsize=9)
    fig.tight_layout()
    p = plot_dir / f"{result.chain}_states.png"
    fig.savefig(p, dpi=110)
    paths.append(str(p))

    rob = result.robustness
    if rob is not None and raw is not None:
        fig = _figure((10, 4.0))
        a, b = fig.subplots(1, 2)
        names = [f"{_short(lk.cause_label, 14)}→{_short(lk.effect_label, 14)}" for lk in result.links]
        fr = [lr.fraction_holds if lr.fraction_holds is not None else np.nan for lr in rob.links]
        a.barh(range(len(fr)), fr, color="tab:green")
        a.set_yticks(range(len(fr)), names, fontsize=7)
        a.set_xlim(0, 1)
        a.set_xlabel("fraction of samples with the graph's sign")
        a.set_title(f"robustness, {rob.evaluated} of {rob.samples} samples evaluated", fontsize=9)
        last = qs[-1]
        ch = np.array([c for c in raw["changes"].get(last.key, []) if c is not None], float)
        if ch.size:
            b.hist(ch, bins=min(30, max(5, ch.size // 4)), color="tab:blue", edgecolor="black", lw=0.4)
        b.axvline(0.0, color="black", lw=0.8)
        b.set_xlabel(f"relative change of {_short(last.label, 30)}")
        b.set_ylabel("samples")
        fig.tight_layout()
        p = plot_dir / f"{result.chain}_robustness.png"
        fig.savefig(p, dpi=110)
        paths.append(str(p))
    return paths
