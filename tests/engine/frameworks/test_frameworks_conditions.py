"""Conditions of contract clauses (M-5, M-6): three-valued, parameters by name, never a guess."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rsec.engine.frameworks.conditions import evaluate, iter_leaves

SHARE = {"field": "state_ip_share", "op": ">=", "value": {"param": "min"}}


def test_parameter_is_read_by_name():
    """M-5: the 50 % threshold is the clause's parameter, so an institution's value changes the outcome."""
    assert evaluate(SHARE, {"state_ip_share": 0.5}, {"min": 0.5}).value is True
    assert evaluate(SHARE, {"state_ip_share": 0.5}, {"min": 0.6}).value is False


def test_missing_fact_or_open_parameter_is_undecided():
    assert evaluate(SHARE, {}, {"min": 0.5}).value is None
    outcome = evaluate(SHARE, {"state_ip_share": 0.7}, {"min": None})
    assert outcome.value is None and "parameter not set" in outcome.detail


def test_incomparable_values_are_undecided_not_an_exception():
    outcome = evaluate(SHARE, {"state_ip_share": "half"}, {"min": 0.5})
    assert outcome.value is None and "cannot be compared" in outcome.detail


def test_boolean_ops_and_presence():
    assert evaluate({"field": "a", "op": "true"}, {"a": True}).value is True
    assert evaluate({"field": "a", "op": "false"}, {"a": True}).value is False
    assert evaluate({"field": "a", "op": "true"}, {"a": "yes"}).value is None  # not a boolean: look
    assert evaluate({"field": "a.b", "op": "present"}, {"a": {"b": 0}}).value is True
    assert evaluate({"field": "a.b", "op": "absent"}, {"a": {}}).value is True
    assert evaluate({"field": "x", "op": "in", "value": ["open", "restricted"]}, {"x": "open"}).value is True
    assert evaluate({"not": {"field": "x", "op": "==", "value": 1}}, {"x": 1}).value is False
    assert evaluate({"not": {"field": "x", "op": "==", "value": 1}}, {}).value is None


LEAF_TRUE = {"field": "t", "op": "true"}
LEAF_FALSE = {"field": "f", "op": "true"}
LEAF_UNKNOWN = {"field": "u", "op": "true"}
FACTS = {"t": True, "f": False}
leaves = st.lists(st.sampled_from([LEAF_TRUE, LEAF_FALSE, LEAF_UNKNOWN]), min_size=1, max_size=6)


@given(leaves)
def test_all_and_any_follow_kleene_logic(parts):
    """A known False decides `all` and a known True decides `any`, whatever else is unknown."""
    values = [evaluate(p, FACTS).value for p in parts]
    all_value = evaluate({"all": parts}, FACTS).value
    any_value = evaluate({"any": parts}, FACTS).value
    assert all_value == (False if False in values else None if None in values else True)
    assert any_value == (True if True in values else None if None in values else False)
    assert len(list(iter_leaves({"all": [{"any": parts}, {"not": LEAF_TRUE}]}))) == len(parts) + 1
