"""One HTML mechanism: Jinja2 templates, autoescaped, with the reader's words.

Why one environment for the web pages and both offline reports: escaping, the ``_`` of the
catalogue and the loaders are set once, so a report section and a page cannot differ in how
they escape or translate. Templates live in ``inburgering/templates`` (the reports) and
``inburgering/web/templates`` (the pages); ``render`` passes ``_`` and ``lang`` to every one.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from inburgering.i18n import gettext_for


@cache
def environment() -> Environment:
    """The environment of every template (built once)."""
    root = Path(str(resources.files("inburgering")))
    loader = ChoiceLoader([FileSystemLoader(root / "templates"), FileSystemLoader(root / "web" / "templates")])
    return Environment(loader=loader, autoescape=select_autoescape(["html"]))


def render(template: str, lang: str, **context: Any) -> str:
    """``template`` rendered in ``lang``: ``_`` says a word in that language, ``lang`` names it."""
    return environment().get_template(template).render(lang=lang, _=gettext_for(lang), **context)
