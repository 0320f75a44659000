"""The HTTP API reference: the OpenAPI schema of the app and a Markdown rendering of it.

``openapi_schema()`` builds the app over an in-memory store (no server, no data directory) and
returns ``app.openapi()``; ``render_markdown(schema)`` lists every path and method with its
parameters, request body, responses and the models they use.
"""
from __future__ import annotations

import json
from pathlib import Path

METHODS = ("get", "post", "put", "patch", "delete")


def openapi_schema(store=None) -> dict:
    from api.app import create_app
    from api.docs_ontology import asserted_store

    return create_app(store=store or asserted_store()).openapi()


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(s: dict | None) -> str:
    """A short, readable type for a JSON schema (``string``, ``[CausalLink]``, ``integer | null``)."""
    if not s:
        return "any"
    if "$ref" in s:
        name = _ref_name(s["$ref"])
        return f"[{name}](#{name.lower()})"
    if "anyOf" in s or "oneOf" in s:
        return " | ".join(type_of(x) for x in s.get("anyOf") or s["oneOf"])
    if "allOf" in s and len(s["allOf"]) == 1:
        return type_of(s["allOf"][0])
    if "enum" in s:
        return " | ".join(json.dumps(v) for v in s["enum"])
    t = s.get("type", "any")
    if t == "array":
        return f"array of {type_of(s.get('items'))}"
    if t == "object" and "additionalProperties" in s:
        return f"object of {type_of(s['additionalProperties'])}" if isinstance(s["additionalProperties"], dict) \
            else "object"
    return t + (f" ({s['format']})" if "format" in s else "")


def constraints(s: dict | None) -> str:
    """Bounds of a schema and of its non-null alternatives: 'min length 1, max length 300, >= 1'."""
    if not s:
        return ""
    words = {"minLength": "min length {}", "maxLength": "max length {}", "minimum": ">= {}", "maximum": "<= {}",
             "exclusiveMinimum": "> {}", "exclusiveMaximum": "< {}", "pattern": "pattern `{}`",
             "minItems": "min items {}", "maxItems": "max items {}"}
    parts = [w.format(s[k]) for k, w in words.items() if k in s]
    for alt in s.get("anyOf", []):
        c = constraints(alt)
        parts += [c] if c else []
    return ", ".join(parts)


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _content(content: dict) -> list[str]:
    return [f"`{media}`: {type_of(body.get('schema'))}" for media, body in content.items()]


def render_operation(path: str, method: str, op: dict) -> list[str]:
    out = [f"### {method.upper()} `{path}`", "", f"**{op.get('summary', '')}**", ""]
    if op.get("description"):
        out += [op["description"].strip(), ""]
    params = op.get("parameters", [])
    if params:
        out += ["| parameter | in | type | required | default | constraints | description |",
                "|---|---|---|---|---|---|---|"]
        for p in params:
            s = p.get("schema", {})
            default = json.dumps(s["default"]) if "default" in s else ""
            out.append(f"| `{p['name']}` | {p['in']} | {_cell(type_of(s))} | {'yes' if p.get('required') else 'no'} "
                       f"| {_cell(default)} | {_cell(constraints(s))} | {_cell(p.get('description') or s.get('description'))} |")
        out.append("")
    else:
        out += ["No query, path or header parameters.", ""]
    body = op.get("requestBody")
    if body:
        req = "required" if body.get("required") else "optional"
        out += [f"Request body ({req}): " + "; ".join(_content(body.get("content", {}))), ""]
    out += ["| status | meaning | body |", "|---|---|---|"]
    for status, resp in op.get("responses", {}).items():
        out.append(f"| {status} | {_cell(resp.get('description'))} | {_cell('; '.join(_content(resp.get('content', {}))))} |")
    return out + [""]


def render_model(name: str, s: dict) -> list[str]:
    out = [f"### {name}", ""]
    if s.get("description"):
        out += [s["description"].strip(), ""]
    props = s.get("properties", {})
    if not props:
        return out + [f"Type: {type_of(s)}", ""]
    required = set(s.get("required", []))
    out += ["| field | type | required | default | description |", "|---|---|---|---|---|"]
    for field, f in props.items():
        default = json.dumps(f["default"], ensure_ascii=False) if "default" in f else ""
        desc = f.get("description", "")
        bounds = constraints(f)
        out.append(f"| `{field}` | {_cell(type_of(f))} | {'yes' if field in required else 'no'} | {_cell(default)} "
                   f"| {_cell(desc + (f' ({bounds})' if bounds else ''))} |")
    return out + [""]


ERRORS = """Every error (4xx and 5xx) is answered with an RFC 9457 problem document,
media type `application/problem+json` (see `api/problems.py`):

```json
{"type": "about:blank", "title": "Unprocessable Content", "status": 422,
 "detail": "query.from: Field required; query.to: Field required", "instance": "/effects"}
```

`title` is the HTTP status phrase (or a more specific title such as "Unknown entity"), `detail`
says what was wrong and what is allowed, and some problems add members (`candidates` for an
ambiguous or unknown entity name, `limit` with `Retry-After` when too many check jobs run,
`timeout_seconds` for a SPARQL query stopped at the timeout, `result_limit` for a result over the
row limit). Each operation below lists the error statuses it can answer with this document
(`ProblemDetails`)."""


def render_markdown(schema: dict) -> str:
    from api import sparql

    info = schema.get("info", {})
    out = [f"# HTTP API reference: {info.get('title', '')} {info.get('version', '')}", "",
           "<!-- generated by `make docs` (api/docs_api.py) from the OpenAPI schema; do not edit -->", "",
           info.get("description", ""), "",
           "Start the server with `make run` (http://127.0.0.1:8000); the machine-readable schema is "
           "[`docs/api/openapi.json`](api/openapi.json) and, on a running server, `/openapi.json` "
           "with the interactive pages at `/docs` and `/redoc`. The user guide "
           "([guide.md](guide.md)) has worked `curl` examples.", ""]
    ops = [(path, m, item[m]) for path, item in schema["paths"].items() for m in METHODS if m in item]
    tags: dict[str, list] = {}
    for path, m, op in ops:
        tags.setdefault((op.get("tags") or ["other"])[0], []).append((path, m, op))
    out += ["## Contents", ""]
    for tag, items in tags.items():
        out.append(f"- **{tag}**: " + ", ".join(f"`{m.upper()} {p}`" for p, m, _ in items))
    out += ["", "## Errors", "", ERRORS, ""]
    for tag, items in tags.items():
        out += [f"## {tag}", ""]
        if tag == "sparql":
            out += ["The endpoint follows the SPARQL 1.1 Protocol; its parameters are read from the request "
                    "by the handler rather than declared in the schema:", "", sparql.__doc__.strip(), ""]
        for path, m, op in items:
            out += render_operation(path, m, op)
    out += ["## Models", ""]
    for name, s in sorted(schema.get("components", {}).get("schemas", {}).items()):
        out += render_model(name, s)
    return "\n".join(out).rstrip() + "\n"


def write(out_dir: Path, store=None) -> list[Path]:
    """Write ``<out_dir>/api/openapi.json`` and ``<out_dir>/api.md``; the paths written."""
    out_dir = Path(out_dir)
    schema = openapi_schema(store)
    (out_dir / "api").mkdir(parents=True, exist_ok=True)
    spec = out_dir / "api" / "openapi.json"
    spec.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = out_dir / "api.md"
    md.write_text(render_markdown(schema), encoding="utf-8")
    return [spec, md]
