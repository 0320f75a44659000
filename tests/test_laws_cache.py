"""Caching: in-process answers are the cached objects; the optional disk cache round-trips and
ignores corrupt entries; the store glue builds the sign mapping from query rows."""
from engine.laws import derive, graph_signs_from_rows
from engine.laws import diskcache


def test_derive_is_cached_in_process():
    assert derive("debye_length") is derive("debye_length")
    assert derive("debye_length").to_dict() == derive("debye_length").to_dict()


def test_disk_cache_roundtrip_and_corruption(tmp_path, monkeypatch):
    monkeypatch.setenv("LIMECH_LAWS_CACHE_DIR", str(tmp_path))
    d = derive("critical_nucleus_radius")
    diskcache.store("derivation", "critical_nucleus_radius", d)
    back = diskcache.load("derivation", "critical_nucleus_radius")
    assert back.results == d.results and back.text() == d.text()
    path = next(tmp_path.rglob("derivation-*.pkl"))
    path.write_bytes(b"not a pickle")
    assert diskcache.load("derivation", "critical_nucleus_radius") is None


def test_disk_cache_off_by_default(monkeypatch):
    monkeypatch.delenv("LIMECH_LAWS_CACHE_DIR", raising=False)
    diskcache.store("derivation", "x", 1)
    assert diskcache.load("derivation", "x") is None


def test_graph_signs_from_rows():
    rows = [("https://w3id.org/limech/CurrentDensity", "https://w3id.org/limech/SandsTime", "-1"),
            ("https://w3id.org/limech/CurrentDensity", "https://w3id.org/limech/SandsTime", 1)]
    assert graph_signs_from_rows(rows) == {("https://w3id.org/limech/CurrentDensity",
                                            "https://w3id.org/limech/SandsTime"): [-1, 1]}
