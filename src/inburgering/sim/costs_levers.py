"""The cost of what the proposals offer: every lever that changes behaviour or rights costs someone.

Why a module of its own: a comparison whose proposals cost nothing tells an analyst that a
package saves money when it only moves costs out of sight. Each offer here has a unit price
(``sim/behaviour/kosten.yaml``: sourced or labelled an assumption, with a range that enters
the draws) and a payer, and is counted only where and while the scenario has it. Which cost
items belong to which lever is declared in ``compare/lever_costs.yaml``; a test checks that
every shipped lever has one or says why it costs nothing.

Items (indicator ``kosten.<payer>.<item>``, euros a month):

- ``rijk.voorinburgering``: COA's programme, per participant, in the month it starts (a stop at
  the move or departure pays the part of its weeks taken).
- ``rijk.taalmaatjes``, ``rijk.participatie``, ``rijk.kinderopvang``: per learner-month while
  the lever is in force (participation support in the B1-route and onderwijsroute; childcare for
  a parent of a child under 4). The state pays: the letter asks the cabinet for "structurele
  financiering voor participatie" and "te investeren in kinderopvang" (municipalities provide,
  funded by the state; a review found them booked as unfunded municipal costs).
- ``gemeente.a2Evaluatie``: per A2 interim evaluation.
- ``rijk.a2Vervolg``: per month of support towards work, (bij)scholing and participation for whoever
  chose to finish at A2 at that evaluation, from the day the course ends (the obligation met at A2) to
  the end of the term the person had, the departure or the AOW age, whichever comes first. The letter
  pairs the choice with "de aandacht verleggen naar werk, (bij)scholing en participatie", and the model
  gives those persons a higher job chance (``werk.a2_werk_factor``); a simulation audit found the saving
  on their course booked and the offer that replaces it not. Priced and paid as participation support
  (the state, which the letter asks to fund participation); starting when the course ends, it does not
  overlap ``rijk.participatie``, which runs while the person learns.
- ``gemeente.brpInschrijvingCoa``: per registration of an asylum seeker in the BRP while in COA
  (early registration adds the registrations of those who leave before they would have had one).
- ``persoon.opvangBijdrage`` and ``rijk.opvangBijdrageInkomsten`` (negative): what COA residents in paid
  work contribute to their reception, a transfer (a total over payers nets it out).
- ``rijk.naturalisatie``, ``persoon.naturalisatieLeges`` and ``rijk.legesInkomsten`` (negative):
  per naturalisation request, the handling, and the fee paid by the person to the state.
"""

from __future__ import annotations

import numpy as np

from inburgering.rules.dated import segments
from inburgering.rules.plicht import aow_datum
from inburgering.sim.engine import SimResult
from inburgering.sim.ledger import Ledger
from inburgering.sim.output_werk import job_spells
from inburgering.sim.population import NAREIZIGER
from inburgering.sim.state import finished_at_a2_by_choice


def _in_b1_or_onderwijs(
    result: SimResult, learning: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Participation support's learner spans: the months in the B1-route or the onderwijsroute.

    As its effect on the job chance (``werk._rate``) follows the route month by month, so does its
    price: a B1 learner moved to the Z-route stops at the change, a Z learner moved to the B1-route
    starts there (a review found the price keyed on the final route only). One change per person
    (``datumRoutewijziging``, the last), as the model makes them.
    """
    st = result.state
    pip, changed = st.dates["datumPip"], st.dates["datumRoutewijziging"]
    at_pip, now = st.route_bij_pip[learning], st.leerroute[learning]
    began = learning[at_pip <= 1]  # from the PIP, until a change to the Z-route
    stop = np.where((now[at_pip <= 1] > 1) & ~np.isnat(changed[began]), changed[began], end[began])
    joined = learning[(at_pip > 1) & (now <= 1) & ~np.isnat(changed[learning])]  # from a change to B1
    who = np.concatenate([began, joined])
    first = np.concatenate([pip[began], changed[joined]])
    last = np.concatenate([np.fmin(stop, end[began]), end[joined]])
    return who, first, last, "kosten.participatie_per_maand"


def lever_costs(result: SimResult, ledger: Ledger, trajectory_end: np.ndarray) -> None:
    """Add the cost items of the proposals' offers to ``ledger`` (see the module docstring)."""
    st, pop = result.state, result.state.pop
    d = st.dates
    b = result.behaviour.v
    everyone = np.arange(len(pop))

    # voorinburgering: the price for the part of the programme's weeks taken part, booked at the start
    weeks = b("asiel.voorinburgering_weken")
    start = d["datumVoorinburgeringStart"]
    joined = everyone[~np.isnat(start)]
    planned = np.timedelta64(round(weeks * 7), "D")
    # it stops at the move, the departure or the end of a rejected applicant's lawful stay, as the engine
    # stops it (phases/voorinburgering.progress; a review found the price booked past the stay's end)
    stop = np.fmin(np.fmin(d["datumVoorinburgeringAfgerond"], d["datumInschrijvingBrp"]), d["datumVertrek"])
    stop = np.fmin(stop, d["rechtmatigVerblijfTot"])[joined]
    taken = np.where(np.isnat(stop), planned, np.clip(stop - start[joined], np.timedelta64(0, "D"), planned))
    share = taken.astype(np.float64) / planned.astype(np.float64)
    ledger.events("rijk.voorinburgering", joined, start[joined], b("kosten.voorinburgering_per_deelnemer") * share)

    # learners in a municipal trajectory, while a lever is in force
    learning = everyone[~np.isnat(d["datumPip"])]
    pip, end = d["datumPip"], trajectory_end
    parents = learning[pop["jongKind"][learning]]
    offers = (
        (
            "rijk.taalmaatjes",
            "beleid.taalmaatjes",
            learning,
            pip[learning],
            end[learning],
            "kosten.taalmaatje_per_maand",
        ),
        ("rijk.participatie", "beleid.participatie_alle_routes", *_in_b1_or_onderwijs(result, learning, end)),
        (
            "rijk.kinderopvang",
            "beleid.kinderopvang",
            parents,
            pip[parents],
            end[parents],
            "kosten.kinderopvang_per_maand",
        ),
    )
    for item, lever, who, first, last, price in offers:
        # the periods the switch is on (the last one ends far beyond any horizon)
        for on, off, values in segments(result.parameters, [lever]):
            if values[lever]:
                ledger.spans(item, who, np.maximum(first, on), np.fmin(last, off), b(price))

    evaluated = everyone[~np.isnat(d["datumA2Evaluatie"])]
    ledger.once("gemeente.a2Evaluatie", evaluated, d["datumA2Evaluatie"], b("kosten.a2_evaluatie_per_persoon"))
    chose = everyone[finished_at_a2_by_choice(st)]  # as the indicator afgerondOpA2 counts them
    begin = np.fmax(d["datumA2Evaluatie"][chose], trajectory_end[chose])  # the course over: the support follows
    aow = aow_datum(result.parameters, pop["geboortedatum"][chose])
    until = np.fmin(np.fmin(d["eindeTermijn"][chose], d["datumVertrek"][chose]), aow)
    ledger.spans("rijk.a2Vervolg", chose, begin, np.maximum(begin, until), b("kosten.a2_vervolg_per_maand"))

    # a BRP registration in COA happens only while the person is there (before leaving or moving)
    bsn = d["datumBsn"]
    in_coa = ~np.isnat(bsn) & ~(bsn >= np.fmin(d["datumVertrek"], d["datumInschrijvingBrp"]))
    ledger.once("gemeente.brpInschrijvingCoa", everyone[in_coa], bsn, b("kosten.brp_inschrijving_coa"))

    _work_in_coa(result, ledger)
    _naturalisation(result, ledger)


def _work_in_coa(result: SimResult, ledger: Ledger) -> None:
    """COA residents with a job contribute to their reception, from the job's start to its end or the move."""
    spells = job_spells(result)
    spells = spells[spells["inCoa"].to_numpy()]
    who = spells["persoon"].to_numpy()
    d = result.state.dates
    left_coa = np.fmin(d["datumInschrijvingBrp"], d["datumVertrek"])[who]
    end = spells["einde"].to_numpy().astype("datetime64[D]")
    end = np.where(np.isnat(end), left_coa, np.fmin(end, left_coa))
    begin = spells["begin"].to_numpy().astype("datetime64[D]")
    amount = result.behaviour.v("kosten.opvang_bijdrage_per_werkmaand")
    ledger.spans("persoon.opvangBijdrage", who, begin, end, amount)  # a transfer: paid by the resident,
    ledger.spans("rijk.opvangBijdrageInkomsten", who, begin, end, -amount)  # received by the state


def _naturalisation(result: SimResult, ledger: Ledger) -> None:
    """Each request: its handling (the state) and its fee (paid by the person, income of the state)."""
    pop, d = result.state.pop, result.state.dates
    b = result.behaviour.v
    requested = np.flatnonzero(~np.isnat(d["datumNaturalisatieAanvraag"]))
    when = d["datumNaturalisatieAanvraag"][requested]
    refugee = pop["groep"][requested] <= NAREIZIGER
    fee = np.where(refugee, b("kosten.naturalisatie_leges_asiel"), b("kosten.naturalisatie_leges_gezin"))
    ledger.events("rijk.naturalisatie", requested, when, b("kosten.ind_naturalisatie_per_verzoek"))
    ledger.events("persoon.naturalisatieLeges", requested, when, fee)
    ledger.events("rijk.legesInkomsten", requested, when, -fee)
