"""What the obligation still misses (``plichtOntbreekt``): every part of art. 6.1 not done by the peildatum.

Why a list beside ``plichtVoldaanOp``: that answer's reason names the first part missing, so a
Z-route learner without the MAP, the course hours and the final interview was told only "the MAP
is not completed" (a legal tester). A counsellor plans with all of them. The parts come from the
same computation as the date (:func:`inburgering.rules.voldaan.voldaan_mask` leaves them in the
context's memo); this module only names them, as a bitmask over :data:`LABELS`.
"""

from __future__ import annotations

import numpy as np

from inburgering.i18n import N_
from inburgering.rules.base import Context, Outcome, Reason, Reasons, rule
from inburgering.rules.eisen import Z_ROUTE
from inburgering.rules.logic import UNKNOWN
from inburgering.rules.voldaan import met_is_open, voldaan_mask

LABELS = ("pvt", "map", "examens", "zrouteUren", "zrouteParticipatie", "zrouteEindgesprek")
"""The JSON values of ``plichtOntbreekt`` (bit i is label i); texts for people use :data:`TEXT`."""

TEXT = {  # in English; said in the reader's language with the catalogue
    "pvt": N_("the PVT"),
    "map": N_("the MAP"),
    "examens": N_("the exams of the route"),
    "zrouteUren": N_("the Z-route's course hours"),
    "zrouteParticipatie": N_("the Z-route's participation hours"),
    "zrouteEindgesprek": N_("the Z-route's final interview"),
}

_ONTBREEKT = Reasons.of(
    niet_plichtig=Reason(
        "Not applicable: the person has no obligation to meet on the peildatum (see 'obligation met on').",
        "Niet van toepassing: betrokkene heeft op de peildatum geen plicht om aan te voldoen (zie 'plicht voldaan "
        "op').",
        leeg="nvt",
    ),
    geen_route=Reason(
        "Unknown: the leerroute is missing, and the parts depend on it.",
        "Onbekend: de leerroute ontbreekt, en de onderdelen hangen ervan af.",
    ),
    voldaan=Reason(
        "Nothing: the obligation has been met (art. 6.1).",
        "Niets: aan de plicht is voldaan (art. 6.1).",
    ),
    open=Reason(
        "Unknown: no part is surely missing, but whether one is done turns on an input not given (see 'obligation "
        "met on').",
        "Onbekend: geen onderdeel ontbreekt zeker, maar of er een gedaan is, hangt af van een gegeven dat niet is "
        "opgegeven (zie 'plicht voldaan op').",
    ),
    plicht_onbekend=Reason(
        "The parts listed are not done by the peildatum; whether the person is obliged at all is unknown (see "
        "'obliged to integrate'), and so whether they must be done (art. 3, 6.1).",
        "De genoemde onderdelen zijn op de peildatum niet gedaan; of betrokkene überhaupt inburgeringsplichtig is, "
        "is onbekend (zie 'inburgeringsplichtig'), en dus of ze moeten worden gedaan (art. 3, 6.1).",
    ),
    deels_open=Reason(
        "The parts listed are not done by the peildatum; whether the others are turns on an input not given (see "
        "'obligation met on') (art. 6.1, 7.1, 8.4, 9.1, Besluit 3.14).",
        "De genoemde onderdelen zijn op de peildatum niet gedaan; of de andere dat wel zijn, hangt af van een "
        "gegeven dat niet is opgegeven (zie 'plicht voldaan op') (art. 6.1, 7.1, 8.4, 9.1, Besluit 3.14).",
    ),
    ontbreekt=Reason(
        "The parts listed are not done by the peildatum (efforts before the PIP do not count, Besluit 5.3 lid 5); "
        "the obligation is met once they are (art. 6.1, 7.1, 8.4, 9.1, Besluit 3.14).",
        "De genoemde onderdelen zijn op de peildatum niet gedaan (inspanningen van vóór het PIP tellen niet, "
        "Besluit 5.3 lid 5); aan de plicht is voldaan zodra ze dat wel zijn (art. 6.1, 7.1, 8.4, 9.1, Besluit "
        "3.14).",
    ),
)


@rule("plichtOntbreekt")
def plicht_ontbreekt(ctx: Context) -> Outcome:
    """The parts of the obligation (art. 6.1) surely not done by the peildatum: PVT, MAP, the exams, the Z-route's parts.

    A bitmask over :data:`LABELS` (``-1`` = null); lists are made only for output.
    """
    voldaan = ctx.get("plichtVoldaanOp")
    voldaan_mask(ctx)  # leaves the parts in the memo
    # met as the date says it: a last part done after the AOW day meets nothing (a review found "nothing
    # missing, met" beside no date)
    met = ~np.isnat(voldaan.value)
    parts = ctx.memo("voldaan_parts", dict)
    route = ctx.col("leerroute")
    z = parts["zroute"]
    zroute = route == Z_ROUTE
    bits = [
        ~parts["pvt"],
        ~parts["map"],
        ~zroute & ~parts["examens"],
        zroute & ~z["uren"] & ~z["uren_onbekend"],
        zroute & ~z["participatie"] & ~z["participatie_onbekend"],
        zroute & ~z["eindgesprek"],
    ]
    mask = np.zeros(len(ctx), np.int8)
    for bit, flag in enumerate(bits):
        mask |= flag.astype(np.int8) << bit
    # not obliged (never, not yet, no longer): nothing to list; the date's own reason says which
    not_applicable = ~met & np.isin(
        voldaan.reason,
        [voldaan.reasons.code(k) for k in ("oude_wet", "geen_plicht", "nooit_plichtig", "na_aow", "te_jong")],
    )
    no_route = ~met & voldaan.has("geen_route")
    # a part whose state turns on an input not given; the date's reason names only the first part, so a
    # part surely missing may hide one that is open
    z_open = zroute & (z["uren_onbekend"] | z["participatie_onbekend"])
    # without the PIP's date, whether the parts done came after it is open (Besluit 5.3 lid 5), whatever is missing
    done_some = (ctx.col("datumPvtAfgerond") <= ctx.peildatum) | (ctx.col("datumMapAfgerond") <= ctx.peildatum)
    no_pip = np.isnat(ctx.col("datumPip")) & done_some
    open_ = ~met & (met_is_open(voldaan) | z_open | (~zroute & parts["examens_open"]) | no_pip)
    obliged_unknown = ~met & (ctx.get("inburgeringsplichtig").value == UNKNOWN)
    mask = np.where(met, 0, mask)
    mask = np.where(not_applicable | no_route | (open_ & (mask == 0)), -1, mask).astype(np.int8)
    reason = _ONTBREEKT.select(
        [
            (met, "voldaan"),
            (not_applicable, "niet_plichtig"),
            (no_route, "geen_route"),
            (open_ & (mask < 0), "open"),
            (obliged_unknown, "plicht_onbekend"),
            (open_, "deels_open"),
        ],
        default="ontbreekt",
    )
    return Outcome("plichtOntbreekt", "flags", mask, reason, _ONTBREEKT, voldaan.articles, LABELS)
