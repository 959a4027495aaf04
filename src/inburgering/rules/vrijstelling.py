"""Exemption (vrijstelling, art. 4) and release (ontheffing, art. 5): who need not integrate though obliged.

Apart from :mod:`inburgering.rules.plicht` (art. 3, who is obliged) because the years of
compulsory schooling here (art. 4.1.a, Besluit 2.6) are read by the loan and by naturalisation
too, and the simulation counts them for its synthetic persons.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import MonthIndex
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.logic import TRUE, UNKNOWN, tri
from inburgering.rules.plicht import age_dates, is_statushouder

_VRIJ = Reasons.of(
    leerplicht=Reason(
        "At least {vrijstelling.jaren_leerplicht} years of compulsory schooling in the Netherlands (art. 4.1.a; "
        "where not given, counted from the BRP registration, Besluit 2.6).",
        "Ten minste {vrijstelling.jaren_leerplicht} jaar leerplichtig in Nederland (art. 4.1.a; waar niet opgegeven, "
        "geteld vanaf de inschrijving in de BRP, Besluit 2.6).",
    ),
    diploma=Reason("Holds an exempting diploma (art. 4.1.b).", "Heeft een vrijstellend diploma (art. 4.1.b)."),
    kwalificatieplicht=Reason(
        "Younger than {vrijstelling.kwalificatieplicht_tot_leeftijd}: still leerplichtig or kwalificatieplichtig (art. 4.1.c, "
        "Leerplichtwet 1969 art. 4a).",
        "Jonger dan {vrijstelling.kwalificatieplicht_tot_leeftijd} jaar: nog leerplichtig of kwalificatieplichtig (art. 4.1.c, "
        "Leerplichtwet 1969 art. 4a).",
    ),
    opleiding=Reason(
        "Follows an education leading to an exempting diploma (art. 4.1.d).",
        "Volgt een opleiding die leidt tot een vrijstellend diploma (art. 4.1.d).",
    ),
    leerplicht_onbekend=Reason(
        "Unknown: the years of compulsory schooling here count from the first BRP registration (Besluit 2.6), "
        "which is not given (nor the years; a status holder's registration in the housing municipality, which may "
        "follow one in COA, gives fewer than {vrijstelling.jaren_leerplicht}, a lower bound), and from the permit "
        "or the asylum application the "
        "person was young enough to have had {vrijstelling.jaren_leerplicht} of them (art. 4.1.a).",
        "Onbekend: de jaren leerplicht hier tellen vanaf de eerste inschrijving in de BRP (Besluit 2.6), die niet "
        "is opgegeven (de jaren ook niet; de inschrijving van een statushouder in de huisvestingsgemeente, die kan "
        "volgen op een in het COA, geeft er minder dan {vrijstelling.jaren_leerplicht}, een ondergrens), en vanaf de "
        "vergunning of de asielaanvraag was "
        "betrokkene jong genoeg om er {vrijstelling.jaren_leerplicht} te hebben gehad (art. 4.1.a).",
    ),
    geen=Reason("No ground of exemption shown (art. 4.1).", "Geen grond voor vrijstelling aangetoond (art. 4.1)."),
)


def _could_have_schooling_years(ctx: Context) -> np.ndarray:
    """Boolean: years not known, and counted from the earliest day the person is known to be here, enough.

    DUO reads the years from the BRP (Besluit 2.6), so a missing registration date is a missing fact,
    not a ground left unshown: a legal tester found someone with a permit at 9 and no registration
    date told to integrate. From the permit or the asylum application (whichever is first) the count is
    what the person could have had; below the years asked, no ground.
    """
    years = jaren_leerplicht(ctx)
    asked = ctx.p("vrijstelling.jaren_leerplicht")
    given = ~np.isnan(np.asarray(ctx.col("jarenLeerplichtNl"), np.float64))
    # a status holder's registration in the housing municipality may follow one in COA, which counts too
    # (Besluit 2.6: the BRP registration as a resident): counted from the former alone, the years are a
    # lower bound, and too few of them is no answer either (the review of the day's change found more
    # information giving a firm "must integrate"); others were registered where they live unless they moved
    # (``datumEersteInschrijvingBrp``)
    via_coa = is_statushouder(ctx) == TRUE
    lower = via_coa & np.isnat(ctx.col("datumEersteInschrijvingBrp")) & (years < asked)
    open_ = ~given & (np.isnan(years) | lower)
    if not open_.any():
        return np.zeros(len(ctx), bool)
    here = np.fmin(ctx.col("datumVerblijfsrecht"), ctx.col("datumAsielaanvraag"))
    bound = jaren_leerplicht_nl(ctx.params, ctx.peildatum, ctx.col("geboortedatum"), here)
    return np.asarray(open_ & ~np.isnat(here) & (bound >= asked))


def jaren_leerplicht(ctx: Context) -> np.ndarray:
    """Years of compulsory schooling in the Netherlands: as given, else counted from the BRP registration.

    Besluit 2.6 establishes the years of art. 4.1.a from the BRP registration as a resident, so a
    counsellor need not count them: without the input ``jarenLeerplichtNl``, the years from
    ``datumInschrijvingBrp`` by the peildatum (:func:`jaren_leerplicht_nl`). That date is the
    registration in the present municipality, so the count is a lower bound (an earlier
    registration elsewhere only adds years): enough years counted are enough. Without either,
    ``NaN`` (not shown). A legal review found a person registered at 5 and now 18 told to integrate.
    """
    result: np.ndarray = ctx.memo("jarenLeerplicht", lambda: _years(ctx, None))
    return result


def jaren_leerplichtige_leeftijd(ctx: Context) -> np.ndarray:
    """Years at compulsory-school age here, for naturalisation (Besluit naturalisatietoets art. 3.1.j).

    That Besluit counts the years "in de leerplichtige leeftijd" (as the old Wet inburgering art.
    5.1.b did), which ends at 16 (Leerplichtwet 1969 art. 4; at the end of that school year, so
    counting to the birthday is a lower bound), not the Wi2021's kwalificatieplicht to 18. Given
    years (``jarenLeerplichtNl``) serve both Acts, a known simplification; counted from the BRP
    registration, they stop at ``naturalisatie.leerplichtige_leeftijd_tot``. A legal review found
    someone registered at 9 exempt from the naturalisation test with under 7 such years.
    """
    until = int(ctx.p("naturalisatie.leerplichtige_leeftijd_tot"))
    result: np.ndarray = ctx.memo("jarenLeerplichtigeLeeftijd", lambda: _years(ctx, until))
    return result


def _years(ctx: Context, until: int | None) -> np.ndarray:
    """Given years where given, else counted from ``datumInschrijvingBrp`` (to age ``until``; ``None``: 18)."""
    given = np.asarray(ctx.col("jarenLeerplichtNl"), np.float64)
    missing = np.isnan(given)
    if not missing.any():
        return given
    # the first registration where the person moved (Besluit 2.6 counts from the BRP registration)
    registered = np.fmin(ctx.col("datumInschrijvingBrp"), ctx.col("datumEersteInschrijvingBrp"))
    counted = jaren_leerplicht_nl(ctx.params, ctx.peildatum, ctx.col("geboortedatum"), registered, until)
    return np.where(missing, np.where(np.isnat(registered), np.nan, counted), given)


@rule("vrijgesteld")
def vrijgesteld(ctx: Context) -> Outcome:
    """Art. 4.1.a-d; 4.1.e (already integrated) needs inputs the calculator does not take."""
    reason = _VRIJ.select(
        [
            (jaren_leerplicht(ctx) >= ctx.p("vrijstelling.jaren_leerplicht"), "leerplicht"),
            (ctx.col("vrijstellendDiploma") == TRUE, "diploma"),
            (age_dates(ctx)["dag18"] > ctx.peildatum, "kwalificatieplicht"),
            (ctx.col("volgtVrijstellendeOpleiding") == TRUE, "opleiding"),
            (_could_have_schooling_years(ctx), "leerplicht_onbekend"),
        ],
        default="geen",
    )
    value = np.where(reason == _VRIJ.code("leerplicht_onbekend"), UNKNOWN, tri(reason != _VRIJ.code("geen")))
    value = value.astype(np.int8)
    return Outcome(
        "vrijgesteld", "tri", value, reason, _VRIJ, cite("W 4.1.a", "W 4.1.b", "W 4.1.c", "W 4.1.d", "B 2.6")
    )


_ONTHEVEN = Reasons.of(
    ontheven=Reason(
        "Released from the obligation by DUO (art. 5.1 or 5.2).", "Door DUO ontheven van de plicht (art. 5.1 of 5.2)."
    ),
    gedeeltelijk=Reason(
        "Partly released: DUO released part of the obligation, exam components or the Z-route's participation "
        "part (art. 5.1, Besluit 2.7); the obligation stays for the rest, and the released parts need not be done.",
        "Gedeeltelijk ontheven: DUO heeft voor een deel van de plicht ontheffing verleend, examenonderdelen of het "
        "participatiedeel van de Z-route (art. 5.1, Besluit 2.7); de plicht blijft voor de rest, en de ontheven "
        "delen hoeven niet te worden gedaan.",
    ),
    geen=Reason("No ontheffing granted (art. 5).", "Geen ontheffing verleend (art. 5)."),
)


@rule("ontheven")
def ontheven(ctx: Context) -> Outcome:
    """Art. 5: released by DUO (a decision the input states), wholly or for some components (Besluit 2.7)."""
    granted = ctx.col("ontheffing") == TRUE
    partly = ctx.col("ontheffingOnderdelen") != 0  # a review found a partial release explained as "none granted"
    reason = _ONTHEVEN.select([(granted, "ontheven"), (partly, "gedeeltelijk")], default="geen")
    return Outcome("ontheven", "tri", tri(granted), reason, _ONTHEVEN, cite("W 5.1", "W 5.2", "B 2.7"))


def jaren_leerplicht_nl(
    params: ParameterSet, on: np.datetime64, born: np.ndarray, registered: np.ndarray, until_age: int | None = None
) -> np.ndarray:
    """Years of leerplicht or kwalificatieplicht in the Netherlands by ``on`` (art. 4.1.a, Besluit 2.6).

    The input ``jarenLeerplichtNl`` for someone whose first BRP registration (``registered``;
    ``NaT``: none) is known: counted from that registration (Besluit 2.6), from the first day of
    the month after the birthday at ``vrijstelling.leerplicht_vanaf_leeftijd`` (Leerplichtwet
    1969 art. 3: leerplicht starts on the first school day of that month) to the birthday at
    ``vrijstelling.kwalificatieplicht_tot_leeftijd``, assuming no startkwalificatie before.
    The simulation asks this for its synthetic persons; a counsellor gives the years directly.
    """
    months = MonthIndex(born)
    first = int(params.value("vrijstelling.leerplicht_vanaf_leeftijd", on))
    until = int(params.value("vrijstelling.kwalificatieplicht_tot_leeftijd", on)) if until_age is None else until_age
    starts = (months.reaching(12 * first).astype("datetime64[M]") + np.timedelta64(1, "M")).astype("datetime64[D]")
    start = np.maximum(registered, starts)
    end = np.minimum(on, months.reaching(12 * until))
    days = np.where(np.isnat(registered), 0, (end - start).astype(np.int64))
    return np.maximum(days, 0) / 365.2425
