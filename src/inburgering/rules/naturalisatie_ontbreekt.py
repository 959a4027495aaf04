"""What naturalisation still misses (``naturalisatieOntbreekt``): the conditions of art. 8.1 not met on the peildatum.

Worked out with the earliest day (:mod:`inburgering.rules.naturalisatie` leaves what it found
missing in the context's memo); this module only names it, as a bitmask over
:data:`ONTBREEKT_LABELS` for the JSON and in words for people (:data:`ONTBREEKT_TEXT`).
"""

from __future__ import annotations

import numpy as np

from inburgering.i18n import N_
from inburgering.rules.base import Context, Outcome, Reason, Reasons, rule
from inburgering.rules.logic import TRUE
from inburgering.rules.naturalisatie_redenen import VROEGST

ONTBREEKT_LABELS = (
    "verblijfsduur",
    "inburgeringsvereiste",
    "tijdelijkeVergunningen",
    "nietTijdelijkVerblijf",
    "leeftijd",
)
"""The JSON values of ``naturalisatieOntbreekt`` (bit i is label i); texts for people use :data:`ONTBREEKT_TEXT`."""

ONTBREEKT_TEXT = {  # in English; said in the reader's language with the catalogue
    "verblijfsduur": N_("the years of residence"),
    "inburgeringsvereiste": N_("the integration requirement"),
    "tijdelijkeVergunningen": N_("the temporary residence permits held"),
    "nietTijdelijkVerblijf": N_("residence for a non-temporary purpose"),
    "leeftijd": N_("the age of 18"),
}

_ONTBREEKT = Reasons.of(
    onbekend=VROEGST.texts[0],
    tijdelijk=Reason(
        "Residence for a temporary purpose does not count towards naturalisation (RWN art. 8.1.c).",
        "Verblijf met een tijdelijk doel telt niet mee voor naturalisatie (RWN art. 8.1.c).",
    ),
    niets=Reason(
        "Nothing missing: on the peildatum every condition modelled (RWN art. 8.1 a, c, d) is met.",
        "Niets: op de peildatum is aan alle gemodelleerde voorwaarden (RWN art. 8.1 a, c, d) voldaan.",
    ),
    vergunningen_onbekend=Reason(
        "The temporary permits held are listed as missing because no permits are given; the rules that apply ask "
        "for a number of them (RWN art. 8.1 and the scenario's rule): with the list the answer may differ.",
        "De gehouden tijdelijke vergunningen staan als ontbrekend omdat er geen vergunningen zijn opgegeven; de "
        "regels die gelden vragen er een aantal (RWN art. 8.1 en de regel van het scenario): met de lijst kan het "
        "antwoord anders zijn.",
    ),
    ontbreekt=Reason(
        "The conditions listed are not met on the peildatum, under the rules that apply once the time has come; "
        "where those rules are met but not yet in force, under the rules in force on the peildatum (or on the "
        "request day given) (RWN art. 8.1 a, c, d).",
        "Aan de genoemde voorwaarden is op de peildatum niet voldaan, volgens de regels die gelden zodra de tijd "
        "daar is; waar aan die regels al is voldaan maar ze nog niet gelden, volgens de regels die op de "
        "peildatum (of de opgegeven dag van het verzoek) gelden (RWN art. 8.1 a, c, d).",
    ),
)


@rule("naturalisatieOntbreekt")
def naturalisatie_ontbreekt(ctx: Context) -> Outcome:
    """Bitmask over :data:`ONTBREEKT_LABELS` (``-1`` = null); lists are made only for output."""
    vroegst = ctx.get("naturalisatieVroegst")
    missing = ctx.memo("naturalisatie_missing", dict)
    bits = [missing["residence"], missing["integration"] | missing["never"], missing["permits"]]
    bits += [np.zeros(len(ctx), bool), missing["age"]]
    mask = np.zeros(len(ctx), np.int8)
    for bit, flag in enumerate(bits):
        mask |= flag.astype(np.int8) << bit
    mask = np.where(vroegst.has("tijdelijk"), 1 << ONTBREEKT_LABELS.index("nietTijdelijkVerblijf"), mask)
    mask = np.where(vroegst.has("onbekend"), -1, mask).astype(np.int8)
    reason = _ONTBREEKT.select(
        [
            (vroegst.has("onbekend"), "onbekend"),
            (vroegst.has("tijdelijk"), "tijdelijk"),
            (mask == 0, "niets"),
            (missing["permits"] & (ctx.col("heeftVergunningenlijst") != TRUE), "vergunningen_onbekend"),
        ],
        default="ontbreekt",
    )
    return Outcome("naturalisatieOntbreekt", "flags", mask, reason, _ONTBREEKT, vroegst.articles, ONTBREEKT_LABELS)
