"""What every model result shares: a JSON-ready dict and an off-screen matplotlib figure."""
from __future__ import annotations

from dataclasses import asdict

import numpy as np


def result_dict(result, model: str, units: dict) -> dict:
    """The dataclass ``result`` as plain JSON-ready data, with its model name and units."""
    d = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in asdict(result).items()}
    d["model"] = model
    d["units"] = dict(units)
    return d


def agg_figure(figsize: tuple[float, float], ncols: int):
    """A figure drawn off-screen (Agg) without touching pyplot's global backend, and its axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    return fig, fig.subplots(1, ncols)
