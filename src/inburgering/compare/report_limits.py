"""What the model leaves out, said in the report beside the method: the limits docs/compare.md lists.

Why in the report: an analyst reads the report, not the docs; a review found none of the limits
that change how a difference reads (the baseline's permits, the price of voorinburgering, costs
not priced, nobody dying) in the report itself.
"""

from __future__ import annotations

from inburgering.i18n import N_, gettext_for

LIMITS = (
    N_(
        "The intervals cover the behavioural assumptions and the sampling noise, not the law (scenarios are "
        "taken as written) or the inflow (held at the published figures)."
    ),
    N_(
        "The law as it is renews fixed-term asylum permits every 5 years and grants no permanent permit (Vw "
        "2000 art. 33 is not modelled): its renewals are an upper bound, so the Migration Pact's shorter "
        "permits look cheaper than they are."
    ),
    N_(
        "Voorinburgering is priced at today's 14-week programme per participant, not at the longer, "
        "classroom-based offer the coalition and VluchtelingenWerk ask for."
    ),
    N_(
        "Not priced: VluchtelingenWerk's gemeentefonds in line with actual costs (only its SPUK part is "
        "modelled), the IND's and the municipalities' capacity for an earlier BRP registration, the UWV's "
        "handling of work permits, the cost of building reception or housing, and the savings on benefits "
        "from more work."
    ),
    N_(
        "Guidance the proposals give municipalities for young people and the AOW-aged counts in the municipal "
        "gap unless a scenario funds it; participation support, childcare and language buddies are booked to the "
        "state (VWN asks the cabinet to fund participation and childcare). Who would pay is a political choice "
        "the model does not make."
    ),
    N_(
        "Unspent SPUK goes back to the state (art. 42) as one national surplus a year, after a shortfall of the "
        "year before (Besluit 10.6): in fact each municipality pays back its own surplus while others spend more "
        "than they receive (more comes back), and a part may be reserved for the next year (Besluit 10.5, less "
        "comes back). Where the model shows a surplus, which follows from its assumed route prices, a proposal's "
        "extra provisions are paid from it: they cost the state (less reclaimed), not municipalities."
    ),
    N_(
        "A route is priced per trajectory, not per lesson hour: one met costs its whole price, also after a "
        "shorter term, one cut short a 36th of it a month. A proposal that saves or adds lesson hours within the term (see "
        "the lesson hours) changes route costs only through who finishes, leaves or is released, and when."
    ),
    N_(
        "Guidance (maatschappelijke begeleiding, for unaccompanied minors too) is a cost without an effect in the "
        "model: no source measures what it does for a timely start, learning or work, so a proposal that extends "
        "it shows its cost and moves no outcome. That is an assumption, not a finding."
    ),
    N_(
        "A choice a proposal creates has no observed uptake: at VWN's A2 step, the share who finish at A2 is "
        "assumed (half, drawn between a fifth and four fifths; leren.a2_afronden_kans), and the step's effects on "
        "B1 and on completion within the term follow that share almost one for one, since whoever finishes at A2 "
        "stops the course. Their intervals span the assumed range, not evidence."
    ),
    N_(
        "The Z-route is met when both its course hours and its participation hours are done: its 800 course "
        "hours take about 28 months, its participation hours 24, so a change to the participation hours moves "
        "nothing until they take longer than the course."
    ),
    N_(
        "Nobody dies in the model: the AOW-aged newcomers and the stock of 2022 are followed to the horizon "
        "as if all survive, which overstates their guidance, naturalisations and counts late in a long horizon."
    ),
)


def limits(lang: str) -> list[str]:
    """The limits in ``lang``."""
    _ = gettext_for(lang)
    return [_(text) for text in LIMITS]
