"""Words for people in place of the spec's enumeration values."""

from __future__ import annotations

from scoping_app.domain.enums import Category, Industry, Pattern

INDUSTRY = {
    Industry.GENERAL: "General",
    Industry.HEALTHCARE: "Healthcare",
    Industry.FINTECH: "Fintech",
    Industry.LEGAL: "Legal",
    Industry.INSURANCE: "Insurance",
    Industry.PUBLIC_SECTOR: "Public sector",
    Industry.RETAIL: "Retail",
    Industry.MANUFACTURING: "Manufacturing",
    Industry.OTHER: "Other",
}

PATTERN = {
    Pattern.RAG: "Retrieval-augmented generation (RAG)",
    Pattern.FINE_TUNE: "Fine-tuning",
    Pattern.CLASSIFIER: "Classifier",
    Pattern.EXTRACTION: "Extraction",
    Pattern.AGENT: "Agent",
    Pattern.FORECASTING: "Forecasting",
    Pattern.RECOMMENDATION: "Recommendation",
    Pattern.OTHER: "Other",
}

CATEGORY = {
    Category.DATA: "Data",
    Category.MODEL: "Model",
    Category.RETRIEVAL: "Retrieval",
    Category.SERVING: "Serving",
    Category.EVALUATION: "Evaluation",
    Category.MONITORING: "Monitoring",
    Category.COMPLIANCE: "Compliance",
    Category.UX: "User experience",
    Category.INTEGRATION: "Integration",
    Category.OTHER: "Other",
}


def industry(value: Industry) -> str:
    label = INDUSTRY.get(value, str(value))
    return f"{label} (regulated)" if value.regulated else label


def pattern(value: Pattern) -> str:
    return PATTERN.get(value, str(value))


def category(value: Category) -> str:
    return CATEGORY.get(value, str(value))


_WORDS = {"pii": "PII", "gpu": "GPU", "ux": "User experience", "to_acquire": "To acquire"}


def words(value: str) -> str:
    """Any other enumeration value as words: ``graceful_refusal`` -> ``Graceful refusal``."""
    text = str(value)
    return _WORDS.get(text, text.replace("_", " ").capitalize())
