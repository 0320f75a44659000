"""Rule active_lithium_consumer types a process as an active-Li consumer only from an asserted link
(evidence rank >= 4), never from a hypothesis."""
from __future__ import annotations

import pytest

from engine_toy import LINKS, toy_store

LM = "https://w3id.org/limech/"


def _consumers(store) -> set[str]:
    rows = store.query(f"PREFIX lm: <{LM}> SELECT ?p WHERE {{ ?p a lm:ActiveLithiumConsumingProcess }}",
                       use_default_graph_as_union=True)
    return {r["p"].value for r in rows}


@pytest.mark.parametrize("evidence, consumer", [
    ("PlausibleHypothesis", False), ("WorkingHypothesis", False), ("ProposedConcept", False),
    ("UncitedAssertion", True), ("LiteratureCitedAssertion", True),
])
def test_only_asserted_links_make_a_consumer(evidence, consumer):
    # toy dendrite growth (an ElectrochemicalProcess) said to decrease the active Li inventory
    store = toy_store(LINKS + [("T11", "Dend", "ActiveLithiumInventory", "Decreases", evidence, "doc000", None)])
    got = _consumers(store)
    assert LM + "Corr" in got                      # T10, established physics
    assert (LM + "Dend" in got) is consumer, evidence
