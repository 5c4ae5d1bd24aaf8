"""The closed vocabularies of a scoping project (docs/format.md)."""

from __future__ import annotations

from enum import StrEnum


class Industry(StrEnum):
    GENERAL = "general"
    HEALTHCARE = "healthcare"
    FINTECH = "fintech"
    LEGAL = "legal"
    INSURANCE = "insurance"
    PUBLIC_SECTOR = "public_sector"
    RETAIL = "retail"
    MANUFACTURING = "manufacturing"
    OTHER = "other"

    @property
    def regulated(self) -> bool:
        return self in REGULATED_INDUSTRIES


REGULATED_INDUSTRIES = frozenset(
    {
        Industry.HEALTHCARE,
        Industry.FINTECH,
        Industry.LEGAL,
        Industry.INSURANCE,
        Industry.PUBLIC_SECTOR,
    }
)


class Pattern(StrEnum):
    RAG = "rag"
    FINE_TUNE = "fine_tune"
    CLASSIFIER = "classifier"
    EXTRACTION = "extraction"
    AGENT = "agent"
    FORECASTING = "forecasting"
    RECOMMENDATION = "recommendation"
    OTHER = "other"


class AiRole(StrEnum):
    NONE = "none"
    ASSIST = "assist"
    AUTOMATE = "automate"


class DataStatus(StrEnum):
    HAVE = "have"
    ASSUMED = "assumed"
    TO_ACQUIRE = "to_acquire"


class MetricKind(StrEnum):
    QUALITY = "quality"
    BUSINESS = "business"
    LATENCY = "latency"
    COST = "cost"
    SAFETY = "safety"
    ADOPTION = "adoption"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class Category(StrEnum):
    DATA = "data"
    MODEL = "model"
    RETRIEVAL = "retrieval"
    SERVING = "serving"
    EVALUATION = "evaluation"
    MONITORING = "monitoring"
    COMPLIANCE = "compliance"
    UX = "ux"
    INTEGRATION = "integration"
    OTHER = "other"

    @property
    def model_facing(self) -> bool:
        return self in (Category.MODEL, Category.RETRIEVAL)


class Fallback(StrEnum):
    HUMAN_REVIEW = "human_review"
    RULE_BASED = "rule_based"
    CACHED = "cached"
    GRACEFUL_REFUSAL = "graceful_refusal"
    RETRY = "retry"
    NONE = "none"


class Topic(StrEnum):
    CHUNKING = "chunking"
    EMBEDDING = "embedding"
    RETRIEVAL_RANKING = "retrieval_ranking"
    CONTEXT_WINDOW = "context_window"
    FALLBACK = "fallback"
    TRAINING_DATA = "training_data"
    EVALUATION = "evaluation"
    SERVING = "serving"
    GPU = "gpu"
    CACHING = "caching"
    AUTOSCALING = "autoscaling"
    LATENCY = "latency"
    RESIDENCY = "residency"
    PII = "pii"
    EXPLAINABILITY = "explainability"
    AUDIT_TRAIL = "audit_trail"
    MONITORING = "monitoring"
    DRIFT = "drift"
    RETRAINING = "retraining"
    COST = "cost"
    OTHER = "other"


class DecisionStatus(StrEnum):
    OPEN = "open"
    DECIDED = "decided"


class RiskCause(StrEnum):
    DATA = "data"
    LATENCY = "latency"
    DRIFT = "drift"
    COST = "cost"
    COMPLIANCE = "compliance"
    EVALUATION = "evaluation"
    ADOPTION = "adoption"
    INTEGRATION = "integration"
    OTHER = "other"


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    ACCEPTED = "accepted"
