"""plot() of the simulator results draws on a private Agg canvas: it neither switches the
process-wide matplotlib backend nor imports pyplot (which would hold figures in its global state)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("module", ["reduction", "sei_properties", "sei_growth"])
def test_plot_keeps_the_process_backend_and_does_not_import_pyplot(module, tmp_path):
    code = (
        "import sys, matplotlib\n"
        f"from simulator import {module} as m\n"
        f"m.run().plot({str(tmp_path / 'f.png')!r})\n"
        "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)\n"
    )
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["svg", "False"]
    assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"
