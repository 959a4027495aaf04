"""The obligation in the municipality: start, DUO's notice, brede intake, PIP and route.

At the permit the rulebook decides whether the person must integrate (exempt minors are
asked again in the month they turn 18). DUO's notice follows within a drawn number of weeks.
Once notified, the intake starts with a monthly hazard: after housing, or at a lower rate while
a status holder still waits in COA; the PIP follows when the intake ends, a drawn time of at most
10 weeks later (and not before a short time after housing) and sets the route and, through the rulebook, the term's end and the
last day for a route change. Routes are assigned by the learnability score, with thresholds
that give the route shares of the behavioural parameters for each group.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from inburgering.dates import DAYS_PER_MONTH, MonthIndex, add_days
from inburgering.law.parameters import law_start
from inburgering.rules.logic import FALSE, TRUE
from inburgering.rules.plicht import aow_datum
from inburgering.sim.bridge import ask
from inburgering.sim.companions import NIEUWKOMER
from inburgering.sim.phases.opvang import joins_home
from inburgering.sim.phases.vertrek import leaving_from
from inburgering.sim.population import ASIEL, GEZIN, NAREIZIGER, OVERIG, Population
from inburgering.sim.run import EventIndex, Run, day_in_month, in_month, month_bounds, stepped_rate
from inburgering.sim.sets import in_sorted
from inburgering.sim.state import (
    COA_VERGUNNING,
    GEMEENTE,
    INTAKE,
    NIET_PLICHTIG,
    OVERSCHREDEN,
    TERMIJN,
    WACHT_INTAKE,
)


def start_obligation(
    run: Run, month: np.datetime64, idx: np.ndarray, births: EventIndex, leave_month: np.ndarray
) -> np.ndarray:
    """Decide, with the rulebook, whether persons ``idx`` (permit this month) must integrate.

    In the same question: persons not obliged because exempt as minors (art. 4.1.c), asked again
    in the month the exemption ends (from then on, not from the permit). One evaluation for both
    (issue #20): the rulebook answers per person, so asking them together changes no answer; who
    has a permit this month is asked once, with it (on the month's last day, when the exemption
    of someone turning 18 that month has ended already). Returns the adults found not obliged:
    they may still naturalise (exempt, say, by their schooling here), so the rulebook is asked.
    """
    st = run.state
    first, last = month_bounds(month)
    age = _exemption_age(run, month)
    born = month - np.timedelta64(age * 12, "M")
    # born this month so many years ago, and born on 29 February the month before when this is a
    # common year's March: they come of age on 1 March (MonthIndex.reaching; an audit found one never
    # asked again, judged on 28 February while the rulebook has them 18 on 1 March)
    turning = np.concatenate([births.at(born), births.at(born - np.timedelta64(1, "M"))])
    of_age = MonthIndex(st.pop["geboortedatum"][turning]).reaching(12 * age)
    turning = turning[(of_age >= first) & (of_age <= last)]
    turning = turning[(st.traject[turning] == NIET_PLICHTIG) & ~in_sorted(np.sort(idx), turning)]
    since = np.concatenate([run.state.pop["datumVerblijfsrecht"][idx], np.full(len(turning), last)])
    return _decide(run, month, np.concatenate([idx, turning]), last, since, leave_month)


def _exemption_age(run: Run, month: np.datetime64) -> int:
    """Age at which the exemption for compulsory schooling ends (art. 4.1.c), in force in ``month``."""
    return int(run.params.value("vrijstelling.kwalificatieplicht_tot_leeftijd", month_bounds(month)[1]))


def _decide(
    run: Run, month: np.datetime64, idx: np.ndarray, peil: np.datetime64, since: np.ndarray, leave_month: np.ndarray
) -> np.ndarray:
    st = run.state
    if len(idx) == 0:
        return idx
    out = ask(st, idx, peil, run.params, "moetInburgeren", "rechtOpMaatschappelijkeBegeleiding")
    must = out["moetInburgeren"] == TRUE
    st.mb[idx] = out["rechtOpMaatschappelijkeBegeleiding"] == TRUE
    # decided on the month's last day: someone who turned 18 after the permit was exempt until then,
    # and has the right to MB from that day too (an audit found it dated on the permit, days before)
    eighteen = MonthIndex(st.pop["geboortedatum"][idx]).reaching(12 * _exemption_age(run, month))
    since = np.maximum(since, eighteen)
    # MB runs from BRP registration, but not before the right to it (a minor exempt until 18 under the law)
    first_right = st.mb[idx] & np.isnat(st.dates["datumRechtMb"][idx])
    st.set_date("datumRechtMb", idx[first_right], since[first_right])
    st.traject[idx[~must]] = NIET_PLICHTIG
    adult = eighteen <= peil  # a minor exempt now is asked again at 18
    not_obliged = idx[~must & adult]
    obliged = idx[must]
    st.traject[obliged] = WACHT_INTAKE
    since = since[must]
    days = run.draw(obliged, "kennisgeving", month) * run.v("gemeente.kennisgeving_max_maanden") * DAYS_PER_MONTH
    notice = add_days(since, days.astype(np.int64))
    # DUO's letter reaches only someone still here and still obliged: whoever leaves first, or reaches
    # the AOW age first (art. 3.1), gets none (and no intake, SPUK or count among the notified follows;
    # reviews found notices dated after the departure and after the AOW day)
    pension = aow_datum(run.params, st.pop["geboortedatum"][obliged])
    sent = (notice < leaving_from(leave_month, obliged)) & (notice < pension)
    st.set_date("datumKennisgeving", obliged[sent], notice[sent])
    # the obligation lasts while the person is below the AOW age (art. 3.1): ask again in that month
    run.schedule(AOW_EVENT, obliged, pension)
    return not_obliged


AOW_EVENT = "plicht.aow"


def end_at_aow(run: Run, month: np.datetime64) -> np.ndarray:
    """Persons still integrating who reach the AOW age this month: the rulebook decides whether the obligation ends.

    Art. 3.1 obliges only those below the AOW age, judged on the day asked; whoever has not
    finished by then is no longer obliged (``nietPlichtig``): no intake, PIP, term or fine follows.
    Whoever is not housed yet loses the right to MB with the obligation (W 13.1 offers it to the
    inburgeringsplichtige; asked of the rulebook in the same question): a review found MB and the
    SPUK paid for status holders housed after their AOW day. Returns whose obligation ended: the
    rulebook is asked when they may naturalise.
    """
    st = run.state
    idx = run.due(AOW_EVENT, month)
    idx = idx[(st.traject[idx] >= WACHT_INTAKE) & (st.traject[idx] <= OVERSCHREDEN)]
    if len(idx) == 0:
        return idx
    _, last = month_bounds(month)
    out = ask(st, idx, last, run.params, "moetInburgeren", "rechtOpMaatschappelijkeBegeleiding")
    ended = out["moetInburgeren"] == FALSE
    st.traject[idx[ended]] = NIET_PLICHTIG
    # not housed before the AOW day: housed later in the month counts too (MB would begin at the
    # AOW age, which only a scenario's MB for the AOW-aged gives; an audit found 2 of 9,479 housed)
    pension = aow_datum(run.params, st.pop["geboortedatum"][idx])
    unhoused = ended & ~(st.dates["datumInschrijvingBrp"][idx] < pension)
    st.mb[idx[unhoused]] = out["rechtOpMaatschappelijkeBegeleiding"][unhoused] == TRUE
    return idx[ended]


def intake(run: Run, month: np.datetime64) -> np.ndarray:
    """Notified persons start the brede intake with a monthly hazard; returns who started.

    Housed persons start at the hazard of their group (not in the month they were housed); for
    status holders it is ``gemeente.intake_maandkans_asiel_vroeg`` in the first
    ``gemeente.intake_vroeg_maanden`` months after the move (when the PIP's 10 weeks from
    registration run, Besluit 5.3 lid 1) and ``gemeente.intake_maandkans_asiel`` after. A status
    holder still waiting in COA may start too, at ``gemeente.intake_maandkans_coa`` (not in the
    permit's month): the municipality they are linked to can hold the intake in the AZC. A
    nareiziger in COA whose sponsor already has a home belongs to the sponsor's municipality from
    arrival, which starts the intake at the housed status holders' rates, counted from the permit
    (also after the move: the early months do not start again).
    """
    st, pop = run.state, run.state.pop
    first, last = month_bounds(month)
    waiting = np.flatnonzero(st.traject == WACHT_INTAKE)
    waiting = waiting[st.dates["datumKennisgeving"][waiting] <= last]
    where = st.verblijf[waiting]
    housed = waiting[where == GEMEENTE]
    housed = housed[~in_month(st.dates["datumInschrijvingBrp"][housed], month)]
    in_coa = waiting[where == COA_VERGUNNING]
    in_coa = in_coa[~in_month(pop["datumVerblijfsrecht"][in_coa], month)]
    # status holders in a municipality, and nareizigers in COA whose sponsor has a home (they belong to
    # that municipality already), start at the early rate and then the later one; the early months
    # count from the move, or for such a nareiziger from the permit (also after the move)
    joins = joins_home(st)
    permit, brp = pop["datumVerblijfsrecht"], st.dates["datumInschrijvingBrp"]
    asylum = np.r_[np.isin(pop["groep"][housed], (ASIEL, NAREIZIGER)), joins[in_coa]]
    clock = np.r_[np.where(joins[housed], permit[housed], brp[housed]), permit[in_coa]]
    asylum_rate = stepped_rate(
        run,
        clock,
        month,
        "gemeente.intake_vroeg_maanden",
        "gemeente.intake_maandkans_asiel_vroeg",
        "gemeente.intake_maandkans_asiel",
    )
    other_rate = np.r_[
        np.full(len(housed), run.v("gemeente.intake_maandkans_gezin")),
        np.full(len(in_coa), _coa_rate(run, month)),
    ]
    idx = np.r_[housed, in_coa]
    hazard = np.where(asylum, asylum_rate, other_rate) * municipality_pace(run, idx)
    chosen = run.draw(idx, "intake", month) < hazard
    start = idx[chosen]
    st.traject[start] = INTAKE
    day = day_in_month(month, run.draw(start, "intake.dag", month))
    notice = st.dates["datumKennisgeving"][start]
    brp = st.dates["datumInschrijvingBrp"][start]
    earliest = np.where(np.isnat(brp), notice, np.maximum(notice, brp))
    st.set_date("datumIntake", start, np.maximum(np.maximum(day, first), earliest))
    return start


def _coa_rate(run: Run, month: np.datetime64) -> float:
    """The monthly rate of intakes held in the AZC, which grew in over the Act's first years.

    Intakes at a distance from the municipality were new in 2022 (VNG via ANP, 2023-01-14:
    preparing the integration far from the municipality is 'a challenge'; municipalities had
    DUO's correct data only at the end of March 2022) and had grown by the Inspectie JenV's
    study (June 2024). The rate starts at ``gemeente.intake_coa_factor_start`` times
    ``gemeente.intake_maandkans_coa`` at the Act's entry into force and rises linearly to the
    full rate over ``gemeente.intake_coa_aanloop_maanden`` months.
    """
    since = (month.astype("datetime64[M]") - law_start(run.params).astype("datetime64[M]")).astype(np.int64)
    grown = min(max(since / run.v("gemeente.intake_coa_aanloop_maanden"), 0.0), 1.0)
    start = run.v("gemeente.intake_coa_factor_start")
    return run.v("gemeente.intake_maandkans_coa") * (start + (1.0 - start) * grown)


def municipality_pace(run: Run, idx: np.ndarray) -> np.ndarray:
    """Per person of ``idx``: the factor on the intake hazards of the municipality they belong to.

    Municipalities differ in how soon they hold the brede intake (capacity, backlogs): a share
    ``gemeente.intake_traag_aandeel`` of persons belongs to one that starts it at
    ``gemeente.intake_traag_factor`` times the national rates. The model has no municipalities,
    so the draw is per household as far as the population links people: a child takes its
    parent's, a nareiziger the sponsor's (whose municipality they join); partners who arrive
    together are not linked and draw apart. The draw is fixed per person (month 0), so the same person is in the
    same kind of municipality in every month and in every scenario.
    """
    pop = run.state.pop
    key = municipality_key(pop["ouder"], pop["sponsor"], idx)
    slow = run.trait(key, "gemeente.traag") < run.v("gemeente.intake_traag_aandeel")
    return np.where(slow, run.v("gemeente.intake_traag_factor"), 1.0)


def municipality_key(ouder: np.ndarray, sponsor: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """The person whose municipality ``idx`` share: the parent's, then that person's sponsor's, else their own."""
    head = np.where(ouder[idx] >= 0, ouder[idx], idx)
    return np.where(sponsor[head] >= 0, sponsor[head], head)


def pip(run: Run, month: np.datetime64, thresholds: dict[bool, tuple[float, float]]) -> np.ndarray:
    """PIPs due this month: set the route and ask the rulebook for the term's dates; returns who."""
    st, pop = run.state, run.state.pop
    _, last = month_bounds(month)
    idx = np.flatnonzero((st.traject == INTAKE) & (st.verblijf == GEMEENTE))
    due_day = _pip_day(run, idx)
    idx = idx[due_day <= last]
    if len(idx) == 0:
        return idx
    due_day = due_day[due_day <= last]
    asylum = np.isin(pop["groep"][idx], (ASIEL, NAREIZIGER))
    score = pop["leerbaarheid"][idx]
    route = np.full(len(idx), 0, np.int8)
    for group in (True, False):
        low, high = thresholds[group]
        mine = asylum == group
        route[mine & (score >= high)] = 1
        route[mine & (score < low)] = 2
    st.leerroute[idx] = route
    st.route_bij_pip[idx] = route
    st.set_date("datumPip", idx, due_day)
    st.traject[idx] = TERMIJN
    out = ask(st, idx, last, run.params, "deadlinePip", "eindeTermijn", "laatsteDagRoutewijziging")
    for name, values in out.items():
        st.set_date(name, idx, values)
    return idx


def _pip_day(run: Run, idx: np.ndarray) -> np.ndarray:
    """The PIP's day: when the person's brede intake ends, and not before some time after housing.

    The intake takes each person a time drawn evenly between ``pip_na_intake_min_maanden`` and
    ``pip_na_intake_maanden`` (10 weeks: the pilots set the PIP almost always within that, with
    large differences between municipalities); the draw is fixed per person, so every scenario
    sees the same intake. For an intake begun in COA the PIP comes no earlier than
    ``pip_na_huisvesting_maanden`` after registration in the housing municipality. The law
    does not require the move first (the college is the linked municipality, art. 1.1; Besluit
    5.3 lid 1 only starts the PIP's deadline at registration): that municipalities mostly set
    the PIP after the move is a behavioural assumption (CBS SWI 2023: they mostly wait).
    """
    st = run.state
    months = intake_months(run.v, run.trait(idx, "pip"))
    after_intake = add_days(st.dates["datumIntake"][idx], np.round(months * DAYS_PER_MONTH).astype(np.int64))
    brp = st.dates["datumInschrijvingBrp"][idx]
    after_housing = add_days(brp, round(run.v("gemeente.pip_na_huisvesting_maanden") * DAYS_PER_MONTH))
    return np.maximum(after_intake, after_housing)


def intake_months(v: Callable[[str], float], u: np.ndarray) -> np.ndarray:
    """Months from the intake's start to the PIP for uniform draws ``u``: evenly between the bounds."""
    low = v("gemeente.pip_na_intake_min_maanden")
    high = v("gemeente.pip_na_intake_maanden")
    if not 0 <= low <= high:
        raise ValueError(
            f"gemeente.pip_na_intake_min_maanden ({low}) must be at least 0 and not exceed "
            f"gemeente.pip_na_intake_maanden ({high}): a PIP cannot come before its intake"
        )
    return low + (high - low) * np.asarray(u, dtype=float)


def route_thresholds(run: Run) -> dict[bool, tuple[float, float]]:
    """Learnability cut-offs per group (asylum or not) that give the configured route shares."""
    return cutoffs(run.state.pop, run.v)


def cutoffs(pop: Population, v: Callable[[str], float]) -> dict[bool, tuple[float, float]]:
    """Learnability cut-offs of ``pop`` per group (asylum or not) for the route shares of behaviour ``v``."""
    newcomer = pop["rol"] == NIEUWKOMER  # the obliged newcomers; not children, the AOW-aged or the 2022 stock
    asylum = np.isin(pop["groep"], (ASIEL, NAREIZIGER)) & newcomer
    family = np.isin(pop["groep"], (GEZIN, OVERIG)) & newcomer
    out = {}
    for group, z_key, o_key in (
        (True, "route_z_asiel", "route_onderwijs_asiel"),
        (False, "route_z_gezin", "route_onderwijs_gezin"),
    ):
        scores = pop["leerbaarheid"][asylum if group else family]
        if len(scores) == 0:
            out[group] = (0.0, 0.0)
            continue
        low = float(np.quantile(scores, v(f"gemeente.{z_key}")))
        high = float(np.quantile(scores, 1 - v(f"gemeente.{o_key}")))
        out[group] = (low, high)
    return out
