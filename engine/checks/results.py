"""Result models of a check (pydantic: ``.model_dump()``, ``.to_dict()``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

LinkVerdictName = Literal["supported", "not supported", "condition-dependent", "not evaluated"]


class QuantityResult(BaseModel):
    position: int
    entity: str
    label: str
    key: str = Field(description="model.output that computes the quantity")
    unit: str
    values: dict[str, float | None] = Field(description="value in each state of the root cause")
    sign: int | None = Field(description="sign of the change between the two states (0: unchanged)")
    relative_change: float | None


class ScenarioSign(BaseModel):
    scenario: str
    simulated_sign: int | None
    agrees: bool | None
    condition: str | None = None


class LinkResult(BaseModel):
    cause: str
    cause_label: str
    effect: str
    effect_label: str
    links: list[str] = Field(description="lm:CausalLink IRIs checked (the direct links, or the steps of a path)")
    via_path: bool = Field(description="no direct link: the graph's shortest signed path between the entities")
    graph_sign: int
    simulated_sign: int | None
    elasticity: float | None = Field(description="d ln effect / d ln cause (arc elasticity for on/off)")
    agreement: Literal["agrees", "disagrees", "no effect", "not evaluated"]
    verdict: LinkVerdictName
    condition: str | None = None
    scenarios: list[ScenarioSign] = []
    analytic_law: str | None = None
    analytic_elasticity: float | None = None
    note: str | None = None


class SensitivityEntry(BaseModel):
    parameter: str
    spearman: float | None = Field(description="rank correlation between the parameter and 'claimed sign holds'")
    holds_low_half: float | None = Field(description="fraction holding in the lower half of the range")
    holds_high_half: float | None
    by_value: dict[str, float] | None = Field(default=None, description="whole-number parameters (switches): fraction holding per value")
    flips: bool = Field(description="the sign fails in part of the range and |rho| >= 0.3 (switches: the fraction "
                                    "holding differs by >= 0.5 between values)")


class LinkRobustness(BaseModel):
    cause: str
    effect: str
    fraction_holds: float | None
    sensitivity: list[SensitivityEntry]


class FailureCause(BaseModel):
    cause: str = Field(description="'stage: ErrorType: message' with the sample's numbers taken out")
    kind: Literal["domain limit", "numerical failure", "check error"] = Field(
        description="ParameterError: a value outside a model's declared range; SolverError: a solver failed; "
                    "CheckError: the chain or parameters are malformed")
    samples: int
    example: str = Field(description="the full message of the first sample with this cause")
    parameter_correlation: dict[str, float] = Field(
        default={}, description="Spearman rank correlation of each swept parameter with 'the sample fails with this "
                                "cause' (which end of which range drives it)")


class RobustnessResult(BaseModel):
    samples: int
    evaluated: int
    failed: int
    failures: list[str] = Field(description="first few pipeline errors of failed samples")
    failures_by_cause: dict[str, int] = Field(default={}, description="failed samples per cause (a sample failing "
                                                                      "for two causes counts under each)")
    failure_causes: list[FailureCause] = []
    failed_samples: list[dict] = Field(default=[], description="every failed sample: index, swept parameter values "
                                                               "(SI), its causes")
    ranges: list[dict]
    fraction_all_hold: float | None = Field(description="fraction of evaluated samples in which every link keeps its graph sign")
    links: list[LinkRobustness]
    flipping_parameters: list[str]


class CheckResult(BaseModel):
    chain: str
    iri: str
    label: str
    pipeline: str
    graph_chains: list[str]
    knob: dict
    params: dict[str, float] = Field(description="user parameters, qualified, SI units")
    states: list[str]
    quantities: list[QuantityResult]
    links: list[LinkResult]
    verdict: Literal["supported", "not supported", "condition-dependent"]
    condition: str | None = None
    tensions: list[str]
    reported: dict[str, dict[str, object]] = Field(description="extra outputs per state (e.g. loop gain, conditions)")
    scenario_reported: dict[str, dict[str, dict[str, object]]] = Field(
        default={}, description="the extra outputs under each condition scenario: {scenario: {output: {state: value}}}")
    errors: dict[str, dict[str, str]] = Field(description="pipeline stage errors per state")
    robustness: RobustnessResult | None = None
    inverse: dict | None = None
    figures: list[str] = []
    run: str | None = Field(default=None, description="IRI of the PROV activity in the checks graph")
    software_version: str
    started: str
    ended: str

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")


class CheckableChainInfo(BaseModel):
    id: str
    iri: str
    label: str
    pipeline: str
    knob: str
    graph_chains: list[str]
    entities: list[str]
    links: int
    ranges: list[str]

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")


# ---------------------------------------------------------------- sub-chains: FROM -> TO within bound chains
class CoveringChain(BaseModel):
    """A bound chain whose quantities include FROM and, at a later position, TO."""
    chain: str
    label: str
    from_position: int
    to_position: int
    links: list[tuple[str, str]] = Field(description="(cause IRI, effect IRI) of the judged links (lm:checksLink) "
                                                     "on a way from FROM to TO; empty: the chain computes both "
                                                     "quantities but judges no link between them")


class SubchainCase(BaseModel):
    case: str = Field(description="'base case' or a condition scenario of the chain")
    simulated_sign: int | None = Field(description="sign(d TO) * sign(d FROM) between the two states of the root")
    agrees_with_graph: bool | None = Field(description="the simulated net sign equals the graph's net sign "
                                                       "(None: not computed, or the graph's ways disagree)")
    all_links_hold: bool | None = Field(description="every judged link of the sub-chain keeps its graph sign "
                                                    "in this case (None: a link was not evaluated)")


class ChainCoverage(BaseModel):
    chain: str
    label: str
    run: str | None = Field(description="IRI of the full check's PROV activity (the full CheckResult's run)")
    from_quantity: QuantityResult
    to_quantity: QuantityResult
    links: list[LinkResult] = Field(description="the full check's results of the links on the way FROM -> TO")
    verdict: LinkVerdictName = Field(description="the engine's chain verdict (runner.overall) over these links")
    condition: str | None = None
    graph_signs: list[int] = Field(description="net sign the graph gives along each way FROM -> TO of these "
                                               "links (product of their graph signs), distinct values")
    simulated_sign: int | None = Field(description="base case: sign(d TO) * sign(d FROM)")
    cases: list[SubchainCase]
    robustness: list[LinkRobustness] | None = Field(default=None, description="with a sweep: these links' "
                                                                              "fraction of samples holding")
    note: str | None = None


class SubchainResult(BaseModel):
    from_entity: str
    from_label: str
    to_entity: str
    to_label: str
    params: dict[str, str | float] = Field(description="the parameters as given (each chain's result has them in SI)")
    samples: int
    chains: list[ChainCoverage]
    verdict: Literal["supported", "not supported", "condition-dependent", "not evaluated", "chains disagree"] = Field(
        description="the covering chains' common verdict; 'chains disagree' when their verdicts or simulated "
                    "net signs differ (see disagreement)")
    disagreement: str | None = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")
