"""Numbers as people read them: no signed zero, the sign before the euro sign, the locale's marks."""

from __future__ import annotations

import math
import re

from hypothesis import given
from hypothesis import strategies as st

from inburgering.compare.text import MINUS, euros, number, pct


def test_a_difference_that_rounds_to_zero_has_no_sign() -> None:
    assert pct(-0.0004, "en", points=True) == "0.0 pp"
    assert pct(-0.0004, "nl", points=True) == "0,0 procentpunt"
    assert euros(-2e5, "en", signed=True) == "€0m"
    assert number(-0.04, "en", signed=True, decimals=1) == "0.0"


def test_the_sign_comes_before_the_euro_sign() -> None:
    assert euros(-3.2e6, "en", signed=True) == f"{MINUS}€3m"
    assert euros(3.2e6, "nl", signed=True) == "+€3 mln"
    assert euros(-1_234_600_000, "nl") == f"{MINUS}€1.235 mln"


def test_dutch_numbers_use_a_decimal_comma_and_a_thousands_point() -> None:
    assert number(1_234_567, "nl") == "1.234.567"
    assert number(-12.34, "nl", signed=True, decimals=1) == f"{MINUS}12,3"
    assert pct(0.365, "nl") == "36,5%"
    assert pct(math.nan, "nl") == "n.b."


@given(st.floats(-1e10, 1e10, allow_nan=False), st.sampled_from(["en", "nl"]))
def test_no_text_shows_a_hyphen_for_minus_or_a_signed_zero(x: float, lang: str) -> None:
    for text in (pct(x / 1e10, lang, points=True), euros(x, lang, signed=True), number(x, lang, signed=True)):
        assert "-" not in text
        assert not re.search(f"[+{MINUS}]€?0([.,]0+)?( |m|$)", text), text
