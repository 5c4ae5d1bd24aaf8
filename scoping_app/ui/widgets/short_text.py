"""Records in a few words, for labels, checklists and the Edit menu's undo texts."""

from __future__ import annotations

from scoping_app.domain.model import Risk


def clip(text: str, most: int) -> str:
    """``text`` on one line, cut to at most ``most`` characters at a word's end, with "…"."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if text[most - 1] != " " and " " in cut[most // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def short_story(risk: Risk, most: int = 60) -> str:
    """A risk's story without "It failed because", cut to ``most`` characters for labels."""
    story = " ".join(risk.story.split())
    prefix = "it failed because"
    if story.casefold().startswith(prefix) and len(story) > len(prefix) + 1:
        story = story[len(prefix) :].lstrip(" ,:…")
    return clip(story, most)


def risk_line(risk: Risk) -> str:
    """A risk in one line for a checklist: its score (in words when severe) and its story."""
    score = f"{risk.score} SEVERE" if risk.severe else str(risk.score)
    return f"[{score}]  {short_story(risk, 200)}"
