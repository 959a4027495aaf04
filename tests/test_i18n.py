"""One translation mechanism: every word to translate is in the Dutch catalogue, translated, and used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from inburgering.i18n import catalogue_path, format_day, format_money, format_number, gettext_for

ROOT = Path(__file__).resolve().parents[1]
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "N_": None}


def _extracted() -> set[str]:
    found = extract_from_dir(str(ROOT / "src" / "inburgering"), METHODS, keywords=KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found}


def _catalogue():  # type: ignore[no-untyped-def]
    with catalogue_path("nl").open("rb") as handle:
        return read_po(handle)


def test_every_word_in_the_code_is_translated_and_every_translation_is_used() -> None:
    words = _extracted()
    catalogue = {m.id: m for m in _catalogue() if m.id}
    assert len(words) > 150
    missing = sorted(words - set(catalogue))
    assert not missing, f"not in the catalogue (run 'make messages' and translate): {missing[:10]}"
    unused = sorted(set(catalogue) - words)
    assert not unused, f"in the catalogue but no longer in the code (run 'make messages'): {unused[:10]}"
    untranslated = sorted(i for i, m in catalogue.items() if not m.string or m.fuzzy)
    assert not untranslated, f"no Dutch yet: {untranslated[:10]}"


def test_placeholders_survive_translation() -> None:
    for message in _catalogue():
        if not message.id:
            continue
        for pattern in (r"\{[a-z_]+\}", r"%\([a-z_]+\)s"):
            assert sorted(re.findall(pattern, message.id)) == sorted(re.findall(pattern, message.string)), message.id


def test_nothing_chooses_its_words_by_hand() -> None:
    """No `lang == "nl"` branch in the pages, the reports, the person's text or their templates.

    What is left keyed by language is content written in both (a scenario's title, a parameter's
    description, a rule's reasons), not words of the interface.
    """
    places = [ROOT / "src" / "inburgering" / p for p in ("web", "compare", "caseload", "templates")]
    files = [f for place in places for f in place.rglob("*") if f.suffix in (".py", ".html")]
    files += [ROOT / "src" / "inburgering" / "explain_text.py"]
    offenders = [
        f"{path.name}:{n}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""lang\s*[!=]=\s*['"](nl|en)['"]""", line)
        and not re.search(r"""['"]en['"] if lang == ['"]nl['"] else ['"]nl['"]|"English" if lang""", line)
    ]
    assert not offenders, offenders


@pytest.mark.parametrize(
    ("lang", "day", "number", "money"),
    [("nl", "1 januari 2027", "1.234,5", "€\xa01.234"), ("en", "1 January 2027", "1,234.5", "€1,234")],
)
def test_formats_come_from_the_locale(lang: str, day: str, number: str, money: str) -> None:
    assert format_day("2027-01-01", lang) == day
    assert format_number(1234.5, lang, 1) == number
    assert format_money(1234.4, lang) == money
    assert gettext_for(lang)("Calculate") == ("Bereken" if lang == "nl" else "Calculate")


def test_a_scenario_problem_is_said_in_the_readers_language() -> None:
    """The scenario loader's problems keep their template: Dutch on a Dutch page, English in English."""
    from inburgering.i18n import say
    from inburgering.law.scenario import ScenarioError, resolve

    with pytest.raises(ScenarioError) as caught:
        resolve("coalitie-2062")
    (problem,) = caught.value.errors
    assert problem.startswith("unknown scenario 'coalitie-2062'; did you mean 'coalitie-2026'?")  # str: English
    assert say(problem, "nl").startswith("onbekend scenario 'coalitie-2062'; bedoelt u 'coalitie-2026'?")
    assert say(problem, "en") == problem


def test_every_word_given_to_underscore_is_in_the_catalogue() -> None:
    """Also a word Babel's extractor cannot see (a ``_()`` inside an f-string): read from the code's syntax."""
    import ast

    catalogue = {m.id for m in _catalogue() if m.id}
    missing = []
    for path in (ROOT / "src" / "inburgering").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value not in catalogue
            ):
                missing.append(f"{path.name}:{node.lineno}: {node.args[0].value[:50]}")
    assert not missing, missing
