"""The decision topics and risk causes the readiness rubric looks for (docs/readiness.md).

The audit scores them (:mod:`scoping_app.analysis.readiness_checks`) and the steps'
hints ask for them (:mod:`scoping_app.domain.completeness`): one list for both.
"""

from __future__ import annotations

from scoping_app.domain.enums import RiskCause, Topic

# D3: serving, infrastructure and latency decided
SERVING_TOPICS = (Topic.SERVING, Topic.GPU, Topic.CACHING, Topic.AUTOSCALING, Topic.LATENCY)
# E2: the four topics a regulated industry decides
REGULATED_TOPICS = (Topic.RESIDENCY, Topic.PII, Topic.EXPLAINABILITY, Topic.AUDIT_TRAIL)
# F3: a plan for drift and retraining
DRIFT_TOPICS = (Topic.DRIFT, Topic.RETRAINING, Topic.MONITORING)
# G1: the four causes a pre-mortem asks about
PREMORTEM_CAUSES = (RiskCause.DATA, RiskCause.LATENCY, RiskCause.DRIFT, RiskCause.COST)
# Every topic some check asks to have decided: an open decision on one holds the plan up.
RUBRIC_TOPICS = (*SERVING_TOPICS, *REGULATED_TOPICS, *DRIFT_TOPICS)
