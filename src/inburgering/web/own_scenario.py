"""A user's own scenario on the person and comparison pages: uploaded as YAML or handed on by the builder.

Why in the form and not in a server session: a scenario is a few kilobytes and not personal, so
it travels with the page (a hidden field holds its YAML once loaded) and any server can answer
the next post; nothing is kept between requests. It is read as any scenario file is
(``load_scenario_text``: bounded YAML, every problem at once) and then used as ``extra`` layers,
as ``--scenario-file`` does on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from starlette.datastructures import UploadFile

from inburgering.i18n import N_, format_number, gettext_for, say
from inburgering.law.scenario import MAX_OWN_BYTES, ScenarioError, ScenarioLayer, load_scenario_text

TEXT = "eigenScenario"  # the hidden field that carries the loaded scenario's YAML
FILE = "eigenScenarioBestand"  # the file input
MAX_FIELDS = 1000  # as Starlette's default; the person form has about 70 (a body is at most 2 MB anyway)


@dataclass
class Posted:
    """A posted page form: its text fields, the scenarios ticked, and the uploaded scenario's text."""

    data: dict[str, str]
    chosen: list[str]
    uploaded: str = ""
    problems: list[str] = field(default_factory=list)


async def read(request: Request) -> Posted:
    """The form of ``request`` (urlencoded or multipart); an upload that is not UTF-8 text is a problem."""
    form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    data = {k: v for k, v in form.items() if isinstance(v, str) and k != "scenario"}
    chosen = list(dict.fromkeys(str(v) for v in form.getlist("scenario")))  # each once
    posted = Posted(data, chosen)
    upload = form.get(FILE)
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(MAX_OWN_BYTES + 1)
        if len(raw) > MAX_OWN_BYTES:
            posted.problems.append(N_("the file is larger than {most} bytes"))
        else:
            try:
                posted.uploaded = raw.decode("utf-8")
            except UnicodeDecodeError:
                posted.problems.append(N_("the file is not UTF-8 text"))
    if len(posted.data.get(TEXT, "").encode()) > MAX_OWN_BYTES:
        posted.data.pop(TEXT)
        posted.problems.append(N_("the file is larger than {most} bytes"))
    return posted


def layers(posted: Posted, lang: str) -> tuple[dict[str, ScenarioLayer], list[str]]:
    """The own scenario as ``extra`` layers, or the problems with it (in the page's language).

    An upload replaces the scenario carried so far; the hidden field then carries the new one,
    so the next post of the page still knows it.
    """
    _ = gettext_for(lang)
    if posted.problems:
        most = format_number(MAX_OWN_BYTES, lang)
        return {}, [_named(_(p).format(most=most), lang) for p in posted.problems]
    text = posted.uploaded or posted.data.get(TEXT, "")
    if not text.strip():
        posted.data.pop(TEXT, None)
        return {}, []
    try:
        layer = load_scenario_text(text, _("Own scenario"))
    except ScenarioError as exc:  # a reading problem starts with the origin given, the others get it in front
        posted.data.pop(TEXT, None)
        said = [say(e, lang) for e in exc.errors]
        return {}, [e if e.startswith(_("Own scenario")) else _named(e, lang) for e in said]
    posted.data[TEXT] = text
    if (posted.uploaded or posted.data.get("actie") == "laden") and layer.id not in posted.chosen:
        posted.chosen.append(layer.id)  # just loaded: that is the one to see
    return {layer.id: layer}, []


def _named(problem: str, lang: str) -> str:
    _ = gettext_for(lang)
    return (_("Own scenario: ")) + problem
