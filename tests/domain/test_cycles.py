"""The hand-written cycle search against networkx's, on random prerequisite relations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.cycles import networkx_cycle, networkx_dag_test
from scoping_app.domain.validation import find_cycle

KEYS = ["a", "b", "c", "d", "e", "f"]


@st.composite
def relations(draw: st.DrawFn) -> dict[str, list[str]]:
    """Some keys, each requiring a few others (itself, or an unknown key, included)."""
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True))
    prerequisites = st.lists(st.sampled_from([*KEYS, "unknown"]), unique=True, max_size=3)
    return {key: draw(prerequisites) for key in keys}


@settings(max_examples=200, deadline=None)
@given(relations())
def test_find_cycle_agrees_with_networkx(requires: dict[str, list[str]]) -> None:
    cycle = find_cycle(requires)
    assert (cycle is None) == (networkx_cycle(requires) is None)
    assert (cycle is not None) == networkx_dag_test(requires)
    if cycle is not None:
        assert len(set(cycle)) == len(cycle)
        for i, key in enumerate(cycle):  # each requires the next, the last the first
            assert cycle[(i + 1) % len(cycle)] in requires[key]
