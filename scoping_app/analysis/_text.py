"""How the analysis writes numbers and items in the sentences a product lead reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

STORY_LIMIT = 80  # characters of a risk's story quoted in a sentence


def _fixed(x: float, places: int) -> str:
    text = f"{x:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def number(x: float) -> str:
    """1870 -> '1,870'; 12.5 -> '12.5'; float noise such as 0.30000000000000004 -> '0.3'."""
    places = 0
    while places < 6 and abs(round(x, places) - x) > 1e-9 * max(1.0, abs(x)):
        places += 1
    return _fixed(x, places)


def number_pair(a: float, b: float) -> tuple[str, str]:
    """Two numbers written so that different numbers never read the same.

    Rounded as :func:`number` where that tells them apart (1,500.004 and 1,500);
    otherwise in full, as Python writes floats (0.30000000000000004 and 0.3).
    """
    first, second = number(a), number(b)
    if a != b and first == second:
        first, second = _full(a), _full(b)
    return first, second


def _full(x: float) -> str:
    text = format(x, ",")
    return text[:-2] if text.endswith(".0") else text


def listing(items: Iterable[str]) -> str:
    return ", ".join(items)


def short(text: str, limit: int = STORY_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word, without a final full stop."""
    text = " ".join(text.split()).rstrip(" .")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def risk_label(story: str) -> str:
    """A risk as people name it, by its story: '“It failed because customers got wrong…”'.

    Keys are the file's and the CLI's handles; sentences a product lead reads never show them.
    """
    return f"“{short(story)}”"


def money(amount: str, currency: str) -> str:
    """An amount already written by :func:`number`, with its currency first: 'EUR 3,140'."""
    return f"{currency} {amount}"


def sentence(text: str) -> str:
    """Capital first letter and one full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "…", "?", "!")) else text + "."


def and_join(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
