"""Financing from the person's side: whether a DUO loan is available (art. 19-20, Besluit 6.1-6.3).

Only family and other migrants who must integrate can borrow (art. 19); asylum status holders
and the family members who joined them cannot, because the college provides their course
(art. 16.1). DUO lends for the course of the leerroute the PIP sets (art. 15, 20.1), during the
term and an extended term (Besluit 6.3 lid 1); after it, only during a new term set with a DUO
fine (art. 24.2, 25.2), which is not an input, so the answer is then "unknown". Entitlement ends
when the obligation is not met within 6 years after the term (or the extended term) ends (art.
20.2.a), and when the person is no longer obliged (art. 20.2.b). A person excluded by art. 3.2
(an EU/EEA/Swiss citizen, residence under Vw 8 e) may borrow for the A2 exams, KNM and courses
for 3 years from lawful residence when Besluit 6.1 applies: 16 or older and below the AOW age,
fewer than 8 years of compulsory schooling, no exempting diploma nor such an education, not
leerplichtig (B 6.2a, 6.3 lid 1). A family link with a status holder that is not stated counts
as not shown.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import ONE_DAY, period_end
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, t_not, tri
from inburgering.rules.plicht import GEZIN, OVERIG, age_dates, is_statushouder, obligation
from inburgering.rules.vergunningen import only_permanent_on
from inburgering.rules.voldaan import voldaan_mask
from inburgering.rules.vrijstelling import jaren_leerplicht

_LENING = Reasons.of(
    wi2013=Reason(
        "Unknown under this Act: the old Wet inburgering still applies to this person (art. 54.1), and with it the "
        "old Besluit inburgering's loan (art. 4.1 there), which this calculator does not decide.",
        "Onbekend onder deze wet: op deze persoon is de oude Wet inburgering nog van toepassing (art. 54.1), en "
        "daarmee de lening van het oude Besluit inburgering (art. 4.1 daar), waarover deze rekenhulp niet beslist.",
    ),
    niet_plichtig=Reason(
        "No loan: the person does not (or no longer) have to integrate (art. 19, 20.2.b).",
        "Geen lening: betrokkene hoeft niet (meer) in te burgeren (art. 19, 20.2.b).",
    ),
    statushouder=Reason(
        "No loan: asylum status holders and the family members who joined them follow a course the college provides "
        "(art. 16.1, 19).",
        "Geen lening: asielstatushouders en de gezinsleden die bij hen kwamen volgen een cursus die het college "
        "aanbiedt (art. 16.1, 19).",
    ),
    onbepaald=Reason(
        "No loan: the person now resides on a permit of indefinite duration, and the loans chapter is for the "
        "obliged who reside on a fixed-term regular permit (art. 19, Besluit 6.3); the obligation itself goes on.",
        "Geen lening: betrokkene verblijft nu op een vergunning voor onbepaalde tijd, en het hoofdstuk over de lening "
        "is voor inburgeringsplichtigen die verblijven op een reguliere vergunning voor bepaalde tijd (art. 19, "
        "Besluit 6.3); de plicht zelf loopt door.",
    ),
    geen_pip=Reason(
        "Not yet: DUO lends for the course of the leerroute the PIP sets (art. 15, 20.1), during the term, which "
        "starts the day after the PIP (art. 11.2, Besluit 6.3 lid 1).",
        "Nog niet: DUO leent voor de cursus van de leerroute die het PIP vastlegt (art. 15, 20.1), tijdens de "
        "termijn, die begint op de dag na het PIP (art. 11.2, Besluit 6.3 lid 1).",
    ),
    na_termijn=Reason(
        "Unknown: after the (extended) term a loan is possible only during a new term that DUO sets with a fine "
        "(art. 24.2, 25.2, Besluit 6.3 lid 1), and until {lening.vervalt_jaren_na_termijn} years after the term "
        "(art. 20.2.a).",
        "Onbekend: na de (verlengde) termijn kan alleen worden geleend tijdens een nieuwe termijn die DUO met een boete "
        "oplegt (art. 24.2, 25.2, Besluit 6.3 lid 1), en tot {lening.vervalt_jaren_na_termijn} jaar na de termijn "
        "(art. 20.2.a).",
    ),
    eu=Reason(
        "May borrow up to {lening.maximum} euro for the A2 exams, KNM and courses although not obliged (art. 3.2): "
        "for 3 years after obtaining lawful residence (Besluit 6.1, 6.2a, 6.3 lid 1).",
        "Kan tot {lening.maximum} euro lenen voor de examens op A2, KNM en cursussen, hoewel niet inburgeringsplichtig "
        "(art. 3.2): 3 jaar nadat rechtmatig verblijf is verkregen (Besluit 6.1, 6.2a, 6.3 lid 1).",
    ),
    nederlander=Reason(
        "No loan: a Dutch national is not obliged (art. 3.2), and Besluit 6.1's loan is for the foreign nationals "
        "who obtain lawful residence (Vw 2000 art. 8 e).",
        "Geen lening: een Nederlander is niet inburgeringsplichtig (art. 3.2), en de lening van Besluit 6.1 is voor "
        "vreemdelingen die rechtmatig verblijf verkrijgen (art. 8 e Vw 2000).",
    ),
    eu_voorbij=Reason(
        "No loan: not obliged (art. 3.2), and the 3 years from lawful residence in which Besluit 6.1 allows a loan "
        "have passed, or one of its conditions is not met (Besluit 6.1, 6.3 lid 1).",
        "Geen lening: niet inburgeringsplichtig (art. 3.2), en de 3 jaar vanaf rechtmatig verblijf waarin Besluit 6.1 "
        "een lening toestaat zijn voorbij, of aan een van de voorwaarden is niet voldaan (Besluit 6.1, 6.3 lid 1).",
    ),
    voldaan=Reason(
        "No loan: the obligation has been met, so it no longer applies (art. 20.2.b).",
        "Geen lening: aan de plicht is voldaan, dus die geldt niet meer (art. 20.2.b).",
    ),
    vervallen=Reason(
        "No loan: the obligation was not met within {lening.vervalt_jaren_na_termijn} years after the end of the "
        "(extended) term, so the right to borrow has ended (art. 20.2.a).",
        "Geen lening: de plicht is niet binnen {lening.vervalt_jaren_na_termijn} jaar na het einde van de (verlengde) "
        "termijn nagekomen, dus het recht op lenen is vervallen (art. 20.2.a).",
    ),
    onbekend=Reason(
        "Unknown: whether the person must integrate is unknown.",
        "Onbekend: of betrokkene moet inburgeren, is onbekend.",
    ),
    mogelijk=Reason(
        "May borrow up to {lening.maximum} euro from DUO for the course, education and exams of the leerroute "
        "(art. 19, 20.1, Besluit 6.2), during the term and any extended or new term (Besluit 6.3). How much depends "
        "on the income of the person and a partner (art. 20.4, Besluit 6.2 lid 2); DUO pays a certified course "
        "provider (Besluit 6.2 lid 3, art. 20.5); an old-Act loan not yet repaid stands in the way (Besluit 6.2 "
        "lid 5), which is not asked here.",
        "Kan bij DUO tot {lening.maximum} euro lenen voor cursus, opleiding en examens van de leerroute (art. 19, 20.1, "
        "Besluit 6.2), tijdens de termijn en een verlengde of nieuwe termijn (Besluit 6.3). Hoeveel hangt af van het "
        "inkomen van betrokkene en een partner (art. 20.4, Besluit 6.2 lid 2); DUO betaalt een gecertificeerde "
        "cursusinstelling (Besluit 6.2 lid 3, art. 20.5); een lening onder de oude wet die nog niet is terugbetaald "
        "staat een nieuwe in de weg (Besluit 6.2 lid 5), wat hier niet wordt gevraagd.",
    ),
)


@rule("leningMogelijk")
def lening_mogelijk(ctx: Context) -> Outcome:
    """Art. 19-20, Besluit 6.1-6.3: who may borrow, and in which period (see the module docstring)."""
    peil = ctx.peildatum
    doel = ctx.col("verblijfsdoel")
    migrant = np.where((doel == GEZIN) | (doel == OVERIG), TRUE, FALSE).astype(np.int8)
    group = t_and(migrant, t_not(is_statushouder(ctx)))
    moet = obligation(ctx)[0]  # the obligation, met or not (a right or a loan does not end by "must")
    end = ctx.get("eindeTermijn").value
    pip = ctx.col("datumPip")
    lapsed = loan_lapse_day(ctx) <= peil  # NaT compares False: no term, nothing lapses
    met = voldaan_mask(ctx)[0]
    # the loan runs "during the term" (Besluit 6.3 lid 1), which starts the day after the PIP (art. 11.2)
    before_pip = np.isnat(pip) | (peil <= pip)
    after_term = ~np.isnat(end) & (peil > end)
    eu = _eu_loan(ctx)
    permanent = only_permanent_on(ctx)
    value = t_and(moet, group, tri(~lapsed & ~met & ~before_pip & ~permanent))
    value = np.where((value == TRUE) & after_term, UNKNOWN, value).astype(np.int8)
    obliged = ctx.get("inburgeringsplichtig")
    is_eu = obliged.has("eu") | obliged.has("terugtrekkingsakkoord")  # art. 3.2 a, d: Besluit 6.1's group
    value = np.where(is_eu, tri(eu), value).astype(np.int8)
    old_act = ctx.get("inburgeringsplichtig").has("wi2013")
    value = np.where(old_act, UNKNOWN, value).astype(np.int8)
    reason = _LENING.select(
        [
            (is_eu & eu, "eu"),
            (is_eu & (ctx.col("nationaliteit") == "NL"), "nederlander"),
            (is_eu, "eu_voorbij"),
            (old_act, "wi2013"),
            (moet == FALSE, "niet_plichtig"),
            # before the status holders' reason: a nareiziger on a permanent regular permit is outside art. 19
            # because of the permit, not as a family member (a legal tester found the reason naming the family)
            (permanent & ~met, "onbepaald"),
            (group == FALSE, "statushouder"),
            (met, "voldaan"),
            (lapsed, "vervallen"),
            (before_pip, "geen_pip"),
            (after_term & (value == UNKNOWN), "na_termijn"),
            (value == UNKNOWN, "onbekend"),
        ],
        default="mogelijk",
    )
    return Outcome(
        "leningMogelijk",
        "tri",
        value,
        reason,
        _LENING,
        cite(
            "W 19", "W 20.1", "W 20.2.a", "W 20.2.b", "W 24.2", "W 25.2", "W 54.1", "B 6.1", "B 6.2", "B 6.2a", "B 6.3"
        ),
    )


def loan_lapse_day(ctx: Context) -> np.ndarray:
    """The first day on which the loan has lapsed: ``lening.vervalt_jaren_na_termijn`` years after the (extended) term's end (art. 20.2.a).

    "binnen zes jaar na het verstrijken van de ... termijn": the years begin the day after the term's
    last day (decision 0007, as the term itself and Besluit 6.3 lid 1's three years are counted), so a
    term ending on 28 February 2026 leaves the loan until 29 February 2032 (a legal tester found it
    counted a day short on leap days). :func:`lening_mogelijk` and the timeline both use it.
    """
    end = ctx.get("eindeTermijn").value
    return np.asarray(period_end(end + ONE_DAY, 12 * ctx.p("lening.vervalt_jaren_na_termijn"))) + ONE_DAY


def eu_loan_last_day(ctx: Context) -> np.ndarray:
    """The last day of Besluit 6.3 lid 1's three years after lawful residence was obtained (the loan's window).

    "gedurende drie jaar nadat hij rechtmatig verblijf verkrijgt": the years begin the day after
    (decision 0007). The timeline asks it too: the day after it, the loan's answer changes.
    """
    return np.asarray(period_end(ctx.col("datumVerblijfsrecht") + ONE_DAY, 12 * ctx.p("lening.eu_jaren")))


def _eu_loan(ctx: Context) -> np.ndarray:
    """Boolean: Besluit 6.1's conditions on the peildatum, within 3 years of lawful residence (6.3 lid 1)."""
    peil = ctx.peildatum
    vr = ctx.col("datumVerblijfsrecht")
    ages = age_dates(ctx)
    adult_enough = (ages["dag16"] <= peil) & (ages["aowDatum"] > peil)
    schooling = ~(jaren_leerplicht(ctx) >= ctx.p("vrijstelling.jaren_leerplicht"))  # not shown: fewer
    no_diploma = (ctx.col("vrijstellendDiploma") != TRUE) & (ctx.col("volgtVrijstellendeOpleiding") != TRUE)
    not_in_school = ages["dag18"] <= peil
    within = ~np.isnat(vr) & (vr <= peil) & (peil <= eu_loan_last_day(ctx))
    # the foreign nationals of art. 3.2 who obtain lawful residence (Vw 2000 art. 8 e): not a Dutch
    # national, who is on the same list of those never obliged (a review found the loan offered)
    foreign = ctx.col("nationaliteit") != "NL"
    return np.asarray(adult_enough & schooling & no_diploma & not_in_school & within & foreign)
