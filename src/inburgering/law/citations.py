"""Citations: where a legal number comes from, and the link a reader follows to check it.

Every parameter value carries at least one citation. Four kinds exist, so that nobody can
pass practice or an assumption off as law:

* ``wet`` — a Dutch regulation by BWB id and article. For the Wet inburgering 2021
  (BWBR0044770) and the Besluit inburgering 2021 (BWBR0045555) the article must appear in
  the article index shipped in ``law/data/wi2021-article-index.tsv`` (Act down to lid and
  onderdeel, ``11.2`` or ``3.1.a``; Besluit at article level, ``5.5``); the link comes
  from that index. Other laws (Vreemdelingenwet, RWN, AOW) give their own BWB id.
* ``celex`` — an EU act by CELEX number and article.
* ``document`` — a named document (a proposal, a letter, an evaluation) from
  ``law/data/documents.yaml``, with an optional page.
* ``regeling-niet-gelezen``, ``praktijk``, ``aanname`` — the figure is set by the Regeling
  (not read), by practice, or is our assumption; the citation says so with an explanation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from inburgering.i18n import N_, Said

WI2021_BWB = "BWBR0044770"
BESLUIT_BWB = "BWBR0045555"
INDEXED_BWB = (WI2021_BWB, BESLUIT_BWB)
NON_LAW_KINDS = ("regeling-niet-gelezen", "praktijk", "aanname")
KINDS = ("wet", "celex", "document", *NON_LAW_KINDS)


class CitationError(ValueError):
    """A citation that does not say where a number comes from, or points nowhere."""


@dataclass(frozen=True)
class Citation:
    """One source for a value. ``label`` is what a reader sees, ``url`` where to check it."""

    kind: str
    label: str
    url: str | None = None
    bwb: str | None = None
    artikel: str | None = None
    toelichting: str | None = None
    label_nl: str | None = None  # a document's title in Dutch (``titel_nl``), for a page in Dutch

    def text(self, lang: str) -> str:
        """The label in ``lang``: a document's Dutch title where it has one, else ``label``."""
        return self.label_nl if lang == "nl" and self.label_nl else self.label

    def to_json(self) -> dict[str, Any]:
        """JSON form used in traces and the API (lowerCamelCase Dutch keys)."""
        out: dict[str, Any] = {"soort": self.kind, "bron": self.label}
        for key in ("bwb", "artikel", "url", "toelichting"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@cache
def article_index() -> dict[tuple[str, str], str]:
    """(bwb id, article number) → wetten.overheid.nl URL, from the shipped index."""
    path = resources.files("inburgering.law") / "data" / "wi2021-article-index.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["bwb_id"], r["article_number"]): r["url"] for r in rows}


@cache
def documents() -> dict[str, dict[str, Any]]:
    """Registry of non-legislative documents that parameters and scenarios cite."""
    path = resources.files("inburgering.law") / "data" / "documents.yaml"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, Any]] = yaml.safe_load(handle)
    return data


_BWB_NAMES = {
    WI2021_BWB: "Wet inburgering 2021",
    BESLUIT_BWB: "Besluit inburgering 2021",
}


def _web_address(url: Any, where: str) -> str | None:
    """``url`` when it is an http(s) address, else a :class:`CitationError`.

    A citation's link is followed by readers, so no ``javascript:`` or ``data:`` address may
    come in through a user's scenario.
    """
    if url is None:
        return None
    if not (isinstance(url, str) and url.lower().startswith(("https://", "http://")) and len(url) <= 2000):
        raise CitationError(
            Said(
                N_("{where}: url {url!r} is not allowed; allowed: an http:// or https:// address"),
                where=where,
                url=str(url)[:60],
            )
        )
    return url


def parse_citation(raw: Any, where: str) -> Citation:
    """Build a citation from its YAML form, or raise :class:`CitationError` naming ``where``."""
    if not isinstance(raw, dict):
        raise CitationError(Said(N_("{where}: a citation must be a mapping, got {raw!r}"), where=where, raw=raw))
    toelichting = raw.get("toelichting")
    if "bwb" in raw:
        bwb, artikel = str(raw["bwb"]), str(raw.get("artikel", ""))
        if not artikel:
            raise CitationError(Said(N_("{where}: citation of {bwb} needs 'artikel'"), where=where, bwb=bwb))
        name = raw.get("naam") or _BWB_NAMES.get(bwb, bwb)
        if bwb in INDEXED_BWB:
            url = article_index().get((bwb, artikel))
            if url is None:
                raise CitationError(
                    Said(
                        N_(
                            "{where}: article {artikel!r} of {bwb} is not in the article index; use the numbering of wi2021-article-index.tsv (Act: '11.2', '3.1.a'; Besluit: '5.5')"
                        ),
                        where=where,
                        artikel=artikel,
                        bwb=bwb,
                    )
                )
        else:
            url = _web_address(raw.get("url"), where) or f"https://wetten.overheid.nl/{bwb}"
        return Citation("wet", f"{name} art. {artikel}", url, bwb, artikel, toelichting)
    if "celex" in raw:
        celex, artikel = str(raw["celex"]), str(raw.get("artikel", ""))
        url = f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{celex}"
        name = raw.get("naam") or f"CELEX {celex}"
        label = f"{name} art. {artikel}" if artikel else name
        return Citation("celex", label, url, None, artikel or None, toelichting)
    if "document" in raw:
        doc_id = str(raw["document"])
        doc = documents().get(doc_id)
        if doc is None:
            known = ", ".join(sorted(documents()))
            raise CitationError(
                Said(
                    N_("{where}: unknown document {doc_id!r}; known: {known}"), where=where, doc_id=doc_id, known=known
                )
            )
        label, dutch = str(doc["titel"]), doc.get("titel_nl")
        if "pagina" in raw:
            label += f", p. {raw['pagina']}"
            dutch = f"{dutch}, p. {raw['pagina']}" if dutch else None
        return Citation("document", label, doc.get("url"), None, None, toelichting, dutch)
    kind = raw.get("bron")
    if kind in NON_LAW_KINDS:
        if not toelichting:
            raise CitationError(Said(N_("{where}: a '{kind}' citation needs a 'toelichting'"), where=where, kind=kind))
        return Citation(str(kind), str(kind), _web_address(raw.get("url"), where), None, None, toelichting)
    raise CitationError(
        Said(
            N_(
                "{where}: a citation needs one of 'bwb', 'celex', 'document' or 'bron: regeling-niet-gelezen|praktijk|aanname'; got {raw!r}"
            ),
            where=where,
            raw=raw,
        )
    )
