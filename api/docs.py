"""`make docs`: regenerate the references under docs/.

    python -m api.docs [--out DIR]

* ``DIR/ontology/index.html``: the ontology reference from the Turtle sources (api/docs_ontology.py),
  plus ``DIR/ontology/schema.html`` rendered by pyLODE when the ``docs`` extra is installed;
* ``DIR/api/openapi.json`` and ``DIR/api.md``: the HTTP API reference from the OpenAPI schema
  (api/docs_api.py).

Both are built over one in-memory store of the asserted knowledge: no server, no data directory.
``docs/ontology/`` is not committed (it is large and fully derived); ``docs/api.md`` and
``docs/api/openapi.json`` are, so the repository shows them.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from engine.knowledge import PROJECT_DIR

DOCS_DIR = PROJECT_DIR / "docs"


def generate(out_dir: Path = DOCS_DIR) -> list[Path]:
    """Write every generated reference into ``out_dir``; the paths written."""
    from api import docs_api, docs_ontology

    store = docs_ontology.asserted_store()
    return docs_ontology.write(out_dir, store) + docs_api.write(out_dir, store)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m api.docs", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DOCS_DIR, help=f"output directory (default: {DOCS_DIR})")
    args = parser.parse_args(argv)
    written = generate(args.out)
    for path in written:
        print(f"wrote {path}")
    if not any(p.name == "schema.html" for p in written):
        print("pyLODE is not installed: docs/ontology/schema.html skipped "
              "(install the docs extra: pip install -e '.[docs]')")


if __name__ == "__main__":
    main()
