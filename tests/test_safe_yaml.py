"""Hostile YAML is refused before it costs anything (issue #18): aliases, deep nesting, size."""

from __future__ import annotations

import time

import pytest
import yaml
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering import safe_yaml
from inburgering.law.scenario import ScenarioError, load_scenario_text

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)


def test_a_billion_laughs_is_refused_at_the_first_alias_without_expanding() -> None:
    assert len(LAUGHS) < 600  # expanded, it would be 9**9 strings
    start = time.perf_counter()
    with pytest.raises(safe_yaml.UnsafeYamlError, match="line 2: YAML aliases"):
        safe_yaml.load(LAUGHS)
    assert time.perf_counter() - start < 1.0  # refused while composing, nothing expanded
    with pytest.raises(ScenarioError, match="aliases"):
        load_scenario_text(LAUGHS)


def test_deep_nesting_and_size_are_bounded() -> None:
    deep = "[" * (safe_yaml.MAX_DEPTH + 1) + "]" * (safe_yaml.MAX_DEPTH + 1)
    with pytest.raises(safe_yaml.UnsafeYamlError, match=f"more than {safe_yaml.MAX_DEPTH} levels"):
        safe_yaml.load(deep)
    assert safe_yaml.load("[" * safe_yaml.MAX_DEPTH + "]" * safe_yaml.MAX_DEPTH) is not None
    with pytest.raises(safe_yaml.UnsafeYamlError, match="at most 1,000,000"):
        safe_yaml.load("a: " + "x" * safe_yaml.MAX_BYTES)


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
        max_leaves=20,
    )
)
def test_without_aliases_it_reads_what_pyyaml_reads(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert safe_yaml.load(text) == yaml.safe_load(text)


def test_the_api_answers_hostile_scenario_bodies_with_a_400() -> None:
    from inburgering.api.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    yaml_body = {"content-type": "application/yaml"}
    response = client.post("/v1/scenario-validaties", content=LAUGHS, headers=yaml_body)
    assert response.status_code == 400 and "aliases" in response.text
    deep_json = "[" * 100_000 + "]" * 100_000
    response = client.post("/v1/scenario-validaties", content=deep_json, headers={"content-type": "application/json"})
    assert response.status_code == 400
