"""SELECT results already counted against the result limit, written in the four SPARQL result
formats (JSON, XML, CSV, TSV): pyoxigraph serialises only a live result iterator."""
from __future__ import annotations

import pyoxigraph as ox


def serialize_rows(variables, rows, media: str) -> bytes:
    # pyoxigraph serialises only a live result iterator; rows counted against the limit are
    # already materialised, so they are written here in the same standard formats
    return _RowSerializer(variables, rows).serialize(media)


class _RowSerializer:
    """Serialise already-materialised SELECT rows in the four SPARQL result formats."""

    def __init__(self, variables, rows):
        self.names = [v.value for v in variables]
        self.rows = rows

    def serialize(self, media: str) -> bytes:
        import csv
        import io
        import json
        from xml.sax.saxutils import escape

        if media == "application/sparql-results+json":
            bindings = []
            for row in self.rows:
                b = {}
                for n in self.names:
                    t = row[n]
                    if t is not None:
                        b[n] = _json_term(t)
                bindings.append(b)
            return json.dumps({"head": {"vars": self.names}, "results": {"bindings": bindings}}).encode()
        if media == "text/csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(self.names)
            for row in self.rows:
                w.writerow(["" if row[n] is None else row[n].value for n in self.names])
            return buf.getvalue().encode()
        if media == "text/tab-separated-values":
            lines = ["\t".join("?" + n for n in self.names)]
            for row in self.rows:
                lines.append("\t".join("" if row[n] is None else str(row[n]) for n in self.names))
            return ("\n".join(lines) + "\n").encode()
        parts = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f'<variable name="{escape(n)}"/>' for n in self.names]
        parts.append("</head><results>")
        for row in self.rows:
            parts.append("<result>")
            for n in self.names:
                t = row[n]
                if t is not None:
                    parts.append(f'<binding name="{escape(n)}">{_xml_term(t, escape)}</binding>')
            parts.append("</result>")
        parts.append("</results></sparql>")
        return "".join(parts).encode()


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d


def _xml_term(t, escape) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        return f'<literal xml:lang="{escape(t.language)}">{escape(t.value)}</literal>'
    if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'<literal datatype="{escape(t.datatype.value)}">{escape(t.value)}</literal>'
    return f"<literal>{escape(t.value)}</literal>"
