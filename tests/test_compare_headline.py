"""A headline per scenario: the largest effects beyond noise, named in words, with their intervals."""

from __future__ import annotations

import pandas as pd

from inburgering.compare.headline import effects, scenario_headline


def _kern(rows: list[tuple[str, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "scenario": "plan",
                "indicator": i,
                "group": "asiel",
                "route": "alle",
                "sex": "alle",
                "verschilMedian": m,
                "verschilLaag": lo,
                "verschilHoog": hi,
            }
            for i, m, lo, hi in rows
        ]
    )


KERN = _kern(
    [
        ("aandeel.voldaanInTermijn", 0.002, -0.01, 0.012),  # noise: the interval spans zero
        ("aandeelBetaaldWerk36m", 0.04, 0.02, 0.06),
        ("aandeelNaturalisatieMogelijkBinnen6j", -0.10, -0.14, -0.07),
        ("maandenVergunningTotLeerroute", -2.0, -2.5, -1.5),
    ]
)


def test_only_effects_beyond_noise_are_named_largest_first() -> None:
    top = effects(KERN, "plan")
    assert list(top["indicator"]) == [
        "aandeelNaturalisatieMogelijkBinnen6j",
        "aandeelBetaaldWerk36m",
        "maandenVergunningTotLeerroute",
    ]


def test_the_sentence_uses_labels_signs_and_intervals() -> None:
    cost = pd.Series({"verschilMedian": -3.2e6, "verschilLaag": -5e6, "verschilHoog": -1e6})
    text = scenario_headline(KERN, cost, "plan", "wi2021", "en")
    assert "may naturalise within 6 years" in text and "\u221210.0 pp" in text
    assert "completed within the term" not in text  # noise is not a finding
    assert "\u2212€3m" in text and "€-" not in text and "aandeel" not in text
    nl = scenario_headline(KERN, None, "plan", "wi2021", "nl")
    assert "procentpunt" in nl and "maanden" in nl


def test_a_scenario_without_effects_says_so() -> None:
    quiet = _kern([("aandeel.voldaanInTermijn", 0.001, -0.01, 0.01)])
    cost = pd.Series({"verschilMedian": 1e5, "verschilLaag": -1e6, "verschilHoog": 1e6})
    text = scenario_headline(quiet, cost, "plan", "wi2021", "en")
    assert "no key indicator" in text and "do not change beyond noise" in text


def test_too_few_draws_name_no_effect() -> None:
    text = scenario_headline(KERN, None, "plan", "wi2021", "en", draws=1)
    assert "cannot be told from noise" in text and "naturalise" not in text


def test_abbreviations_keep_their_capitals() -> None:
    kern = _kern([("aandeelB1Behaald", 0.05, 0.02, 0.08)])
    assert "B1" in scenario_headline(kern, None, "plan", "wi2021", "en")


def test_a_bound_that_reads_zero_is_no_effect_and_a_harm_is_never_crowded_out() -> None:
    kern = _kern(
        [
            ("aandeel.voldaanInTermijn", 0.007, 0.0003, 0.02),  # "+0.7 pp (0.0 pp to +2.0 pp)": not beyond noise
            ("aandeelNaturalisatieMogelijkBinnen6j", 0.20, 0.15, 0.25),
            ("aandeelNaturalisatieMogelijkBinnen10j", 0.18, 0.12, 0.22),  # the same measure: named once
            ("aandeelBetaaldWerk36m", 0.10, 0.05, 0.15),
            ("aandeel.termijnOverschreden", 0.06, 0.02, 0.09),
            ("aandeelB1Behaald", -0.04, -0.13, -0.003),  # harmful and smallest: still named
        ]
    )
    text = scenario_headline(kern, None, "plan", "wi2021", "en")
    assert "completed within the term" not in text.lower()
    assert "10 years" not in text and "6 years" in text
    assert "36 months" in text and "term exceeded" in text
    assert "all four skills at B1" in text  # the fourth effect, named because it harms


def test_a_cost_change_that_reads_as_zero_at_its_bound_is_not_named() -> None:
    # costs are shown in whole millions: "+€1m (€0m to +€1m)" is no evidence of a change (a review)
    quiet = KERN.assign(verschilLaag=-0.01, verschilHoog=0.01)
    small = pd.Series({"verschilMedian": 6e5, "verschilLaag": 2e5, "verschilHoog": 1.4e6})
    assert "do not change beyond noise" in scenario_headline(quiet, small, "plan", "wi2021", "en")
    clear = pd.Series({"verschilMedian": 6e6, "verschilLaag": 2e6, "verschilHoog": 1.4e7})
    assert "change by +€6m" in scenario_headline(quiet, clear, "plan", "wi2021", "en")


def test_a_tiny_effect_beyond_noise_does_not_lead_the_headline() -> None:
    # a review found "+0.2 pp" at B1 named among the coalition's largest effects
    kern = _kern([("aandeelB1Behaald", 0.002, 0.001, 0.003), ("aandeelBetaaldWerk36m", 0.04, 0.02, 0.06)])
    assert list(effects(kern, "plan")["indicator"]) == ["aandeelBetaaldWerk36m"]


def test_a_large_harm_in_the_median_is_named_as_uncertain_not_left_out() -> None:
    # a review found VWN's -13 pp at B1 (four of five draws; one odd draw kept it "noise") absent
    kern = _kern([("aandeelNaturalisatieMogelijkBinnen6j", 0.15, 0.10, 0.20), ("aandeelB1Behaald", -0.13, -0.16, 0.01)])
    text = scenario_headline(kern, None, "plan", "wi2021", "en")
    assert "not beyond noise" in text and "all four skills at B1 \u221213.0 pp" in text
    # a gain of that size within noise is not named (the headline names gains only beyond noise)
    gain = _kern([("aandeelB1Behaald", 0.13, -0.01, 0.16)])
    assert "B1" not in scenario_headline(gain, None, "plan", "wi2021", "en")


def test_a_scenario_built_on_another_proposal_names_it() -> None:
    # a review found the coalition's cost mostly the Migration Pact's, which the headline did not say
    from inburgering.compare.report_scenarios import included_proposals

    assert included_proposals("coalitie-2026", "wi2021") == ("migratiepact-2026",)
    assert included_proposals("vwn-2026", "wi2021") == ()
    text = scenario_headline(KERN, None, "coalitie-2026", "wi2021", "en", includes=("migratiepact-2026",))
    assert text.startswith("coalitie-2026 (which includes migratiepact-2026):")
    nl = scenario_headline(KERN, None, "coalitie-2026", "wi2021", "nl", includes=("migratiepact-2026",))
    assert "migratiepact-2026" in nl.split(":")[0] and "which" not in nl


def test_a_small_harm_beyond_noise_is_still_named() -> None:
    # a review found the size floor dropping harms beyond noise, so the headline said "no change"
    kern = _kern([("aandeelB1Behaald", -0.004, -0.006, -0.002), ("maandenVergunningTotLeerroute", 0.4, 0.3, 0.5)])
    text = scenario_headline(kern, None, "plan", "wi2021", "en")
    assert "no key indicator" not in text and "B1" in text and "months" in text
