"""The trajectory: lessons, exams, afschaling, the A2 step, completion, extension, ontheffing.

Also PVT and MAP, and terms exceeded.

Language is a latent level on the CEFR scale (1 = A1, 2 = A2, 3 = B1) that grows with lesson
hours, faster for people with higher learnability. A candidate sits an exam component when
the latent level is near the target and passes with a probability that rises with the
margin. Every legal question — may this person afschalen, may they choose to finish at A2,
do they qualify for an efforts extension, when does the extended term end — is asked of the
rulebook, for the persons whose situation changed this month only.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from inburgering.codes import Leerroute, Niveau, Onderdeel
from inburgering.dates import DAYS_PER_MONTH, add_days, month_numbers
from inburgering.law.parameters import law_start, load_parameters
from inburgering.rules import eisen, voldaan
from inburgering.rules.leerroute import afschaling_urengrens
from inburgering.rules.logic import TRUE
from inburgering.rules.termijn import route_change_allowed
from inburgering.sim.bridge import ask, statushouders
from inburgering.sim.population import GEZIN, GROEPEN, OVERIG, clock_from
from inburgering.sim.run import Run, day_in_month, month_bounds, month_number
from inburgering.sim.state import (
    GEMEENTE,
    ONTHEVEN,
    OVERSCHREDEN,
    TERMIJN,
    VERLENGD,
    VOLDAAN_IN_TERMIJN,
)

B1, ONDERWIJS, Z = (int(route) for route in Leerroute)  # plain ints: faster in numpy (issue #20)
A2_LEVEL, B1_LEVEL = int(Niveau.A2), int(Niveau.B1)
KNM = int(Onderdeel.KNM)


def find_learners(run: Run) -> np.ndarray:
    """Persons in a running, extended or exceeded term, living in a municipality."""
    st = run.state
    return np.flatnonzero((st.traject >= TERMIJN) & (st.traject <= OVERSCHREDEN) & (st.verblijf == GEMEENTE))


def young_child_factor(run: Run, base: float, on: np.datetime64) -> float:
    """The young-child factor ``base``, with part of its penalty removed where childcare is policy (beleid.kinderopvang)."""
    if run.params.value("beleid.kinderopvang", on):
        return base + (1 - base) * run.v("werk.kinderopvang_effect")
    return base


def _monthly(run: Run, idx: np.ndarray, on: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Hours per month and language gain per month for persons ``idx`` under the policy on ``on``."""
    st, pop = run.state, run.state.pop
    per_route = np.array([run.v(f"leren.uren_per_maand_{r}") for r in ("b1", "onderwijs", "z")], np.float32)
    hours = per_route[st.leerroute[idx]] * (1 - run.v("leren.verzuim"))
    child = young_child_factor(run, run.v("leren.jong_kind_urenfactor"), on)
    hours = np.where(pop["jongKind"][idx], hours * child, hours).astype(np.float32)
    rate = _pace(run, idx)
    if run.params.value("beleid.taalmaatjes", on):
        rate = rate * (1 + run.v("leren.taalmaatjes_effect"))
    return hours, (hours / 100 * rate).astype(np.float32)


def lessons(run: Run, month: np.datetime64, idx: np.ndarray) -> np.ndarray:
    """Hours followed this month, and the language progress they bring; returns each person's hours."""
    st = run.state
    if len(idx) == 0:
        return np.zeros(0, np.float32)
    hours, gain = _monthly(run, idx, month_bounds(month)[1])
    st.uren[idx] += hours
    st.taal[idx] = np.minimum(st.taal[idx] + gain, 4.5).astype(np.float32)
    return hours


def projected_level(run: Run, idx: np.ndarray, on: np.datetime64) -> np.ndarray:
    """The latent level expected at the end of the term at the current pace (the college's view).

    The term is the running or extended one, or the new term set with a DUO fine (art. 17.3).
    """
    st = run.state
    end = np.fmax(st.dates["eindeTermijn"][idx], st.dates["eindeNieuweTermijn"][idx])
    months_left = np.maximum((end - on).astype(np.int64), 0) / DAYS_PER_MONTH
    return st.taal[idx] + _monthly(run, idx, on)[1] * months_left


def start_learning(run: Run, idx: np.ndarray) -> None:
    """Set the starting language level at the PIP, with the head start of voorinburgering."""
    st = run.state
    finished = ~np.isnat(st.dates["datumVoorinburgeringAfgerond"][idx])
    head_start = gain_for_hours(run, idx, run.v("asiel.voorinburgering_uren_nt2"))
    st.taal[idx] = (run.v("leren.taal_start") + np.where(finished, head_start, 0)).astype(np.float32)


def afschaling_at_pip(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """The PIP's A2 from the learnability test, where a scenario has the PIP take it over (VWN).

    The test predicts the level reachable within the term (art. 14.3): the model's analogue is
    the level projected at the PIP (:func:`projected_level`, the person's learnability), below the
    same bound as the college's afschaling (``leren.afschaling_b1_buiten_bereik``). Whether the
    PIP may then set A2 is the rulebook's ``afschalingBijPip`` (false under the law).
    """
    st = run.state
    _, last = month_bounds(month)
    b1 = idx[st.leerroute[idx] == B1]
    a2 = b1[projected_level(run, b1, last) < run.v("leren.afschaling_b1_buiten_bereik")]
    if len(a2) == 0:
        return
    given = {"leerbaarheidstoetsA2": np.full(len(a2), TRUE, np.int8)}
    lowered = a2[ask(st, a2, last, run.params, "afschalingBijPip", given=given)["afschalingBijPip"] == TRUE]
    st.doel_a2[lowered] = True
    st.set_date("datumAfschaling", lowered, st.dates["datumPip"][lowered])


def gain_for_hours(run: Run, idx: np.ndarray, hours: float | np.ndarray) -> np.ndarray:
    """Language gain from ``hours`` of NT2 (one number, or one per person) at each person's learning rate."""
    return (np.asarray(hours, np.float32) / 100 * _pace(run, idx)).astype(np.float32)


def _pace(run: Run, idx: np.ndarray) -> np.ndarray:
    """Language levels per 100 hours for persons ``idx``: the learnability score's, faster for family migrants.

    Family and other migrants (the streams, a behavioural difference, not a legal one) learn
    ``leren.taal_factor_gezin`` times as fast, fitted to the Tussenevaluatie's 84% of them still
    busy against 92% of the refugees: they pay their own route and often arrive with more
    schooling, which the shared education shares of the population do not give them. A factor
    per stream, looked up (the rulebook's status-holder test per call cost 0.1 s a national run).
    """
    pop = run.state.pop
    rate = run.v("leren.taal_per_100_uur") * np.exp(run.v("leren.taal_leerbaarheid_effect") * pop["leerbaarheid"][idx])
    per_stream = np.ones(len(GROEPEN), np.float32)
    per_stream[[GEZIN, OVERIG]] = run.v("leren.taal_factor_gezin")
    return rate * per_stream[pop["groep"][idx]]


def modules(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """PVT and MAP are completed a fixed number of months after the PIP (MAP not in the onderwijsroute).

    Not before the month in which it is found needed: a module a reform asks from its date (the
    MAP in the onderwijsroute) is done then, not on a day before the reform (a simulation audit
    found MAP completions, and their cost, dated in the year before the rule's start).
    """
    st = run.state
    first, last = month_bounds(month)
    if len(idx) == 0:
        return
    pip = st.dates["datumPip"][idx]
    needs_map = eisen.map_required(run.params, last, st.leerroute[idx])  # the rulebook: not in the onderwijsroute
    for name, key, needed in (
        ("datumPvtAfgerond", "leren.pvt_na_maanden", np.ones(len(idx), bool)),
        ("datumMapAfgerond", "leren.map_na_maanden", needs_map),
    ):
        due = np.maximum(add_days(pip, round(run.v(key) * DAYS_PER_MONTH)), first)
        todo = np.isnat(st.dates[name][idx]) & (due <= last) & needed
        st.set_date(name, idx[todo], due[todo])


def _targets(run: Run, idx: np.ndarray, last: np.datetime64) -> np.ndarray:
    """Language target per person: the level the rulebook examines their route at, A2 during the interim step.

    The route's level (``examens.niveau_b1route``, ``examens.niveau_onderwijsroute``) and the
    lowered level after afschaling or the A2 choice (``afschaling.niveau``) in force on the day,
    as the rulebook judges completion (:func:`inburgering.rules.eisen.exam_level`). A simulation
    audit found B1 and A2 written here, so a scenario that examined the B1-route at A2 moved
    nothing and the report said it "changes nothing".
    """
    st = run.state
    interim = bool(run.params.value("examens.a2_tussenstap", last))
    pending = interim & (st.leerroute[idx] == B1) & np.isnat(st.dates["datumA2Evaluatie"][idx])
    lowered = st.doel_a2[idx]
    route = np.where(lowered, B1, st.leerroute[idx])  # the lowered level is the B1-route's (art. 17.3)
    level = eisen.exam_level(run.params, last, route, lowered)
    return np.where(pending, A2_LEVEL, level).astype(np.int8)


def route_change(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """The college changes the route when progress is clearly off target (art. 17.2, Besluit 5.4).

    Within the window the rulebook set at the PIP (``laatsteDagRoutewijziging``): B1-route to
    Z-route when B1 and A2 are both out of reach, Z-route to B1-route when B1 is within reach;
    onderwijsroute to B1-route when B1 is out of reach, at any time where the law allows it.
    Hours and exam results carry over (Besluit 5.4 lid 4); the term does not move.
    """
    st = run.state
    _, last = month_bounds(month)
    since_pip = (last - st.dates["datumPip"][idx]).astype(np.int64) / DAYS_PER_MONTH
    # whoever was lowered to A2 (or chose it) may still change route: art. 17.2 and Besluit 5.4 lid 1
    # set only the window (a review found the lowered held at A2 exams they could not pass, so that
    # dropping the 600-hour condition raised DUO's fines)
    idx = idx[since_pip >= run.v("leren.routewissel_na_maanden")]
    if len(idx) == 0:
        return
    route = st.leerroute[idx]
    projected = projected_level(run, idx, last)
    # the college's view (behaviour): B1 and A2 out of reach -> Z; B1 in reach from Z, out of reach
    # in the onderwijsroute -> B1; whether the change is still allowed is the rulebook's
    wanted = np.full(len(idx), -1, np.int8)
    wanted[(route == B1) & (projected < run.v("leren.routewissel_ondergrens"))] = Z
    wanted[(route == Z) & (projected >= B1_LEVEL)] = B1
    wanted[(route == ONDERWIJS) & (projected < B1_LEVEL)] = B1
    allowed = route_change_allowed(run.params, last, route, wanted, st.dates["laatsteDagRoutewijziging"][idx])
    candidates = (wanted >= 0) & allowed
    who = idx[candidates]
    switch = run.draw(who, "routewissel", month) < run.v("leren.routewissel_kans")
    new_route = wanted[candidates][switch]
    changed = who[switch]
    st.leerroute[changed] = new_route
    st.set_date("datumRoutewijziging", changed, np.full(len(changed), last))


def exams(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """Exam attempts and results per component (Z-route exams are optional and not modelled)."""
    st = run.state
    _, last = month_bounds(month)
    if len(idx) == 0:
        return
    idx = idx[st.leerroute[idx] != Z]
    target = _targets(run, idx, last)
    p0 = run.v("leren.examen_slaagkans_op_niveau")
    base_logit = np.log(p0 / (1 - p0))
    attempt = run.v("leren.examen_poging_maandkans")
    ready = st.taal[idx] >= target - run.v("leren.examen_klaar_marge")
    for part in range(4):
        cand = np.flatnonzero((st.niveau[idx, part] < target) & ready)  # draws only for candidates
        who = idx[cand]
        sits = run.draw(who, f"examen.poging.{part}", month) < attempt
        st.pogingen[who[sits]] += 1
        chance = 1 / (
            1 + np.exp(-(base_logit + run.v("leren.examen_slaagkans_helling") * (st.taal[who] - target[cand])))
        )
        passed = sits & (run.draw(who, f"examen.uitslag.{part}", month) < chance)
        st.examens_log.append((month_number(month), who[sits], part, target[cand][sits], passed[sits]))
        st.niveau[who[passed], part] = target[cand][passed]
        st.behaald[who[passed], part] = day_in_month(month, run.draw(who[passed], "examen.dag", month))
    if not eisen.knm_required(run.params, last):
        # nobody sits (and pays for) an exam the rules no longer ask (a simulation audit found the
        # KNM sat and paid for under a scenario that dropped it)
        return
    since_pip = (last - st.dates["datumPip"][idx]).astype(np.int64) / DAYS_PER_MONTH
    who = idx[(st.niveau[idx, KNM] == 0) & (since_pip >= run.v("leren.knm_na_maanden"))]
    sits = run.draw(who, f"examen.poging.{KNM}", month) < attempt
    st.pogingen[who[sits]] += 1
    result = sits & (run.draw(who, f"examen.uitslag.{KNM}", month) < run.v("leren.knm_slaagkans"))
    st.examens_log.append(
        (month_number(month), who[sits], KNM, np.full(int(sits.sum()), A2_LEVEL, np.int8), result[sits])
    )
    passed = who[result]
    st.niveau[passed, KNM] = A2_LEVEL
    st.behaald[passed, KNM] = day_in_month(month, run.draw(passed, "examen.dag", month))


def a2_evaluation(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """Reform only: after all four components at A2, the person chooses to finish at A2 or go on."""
    st = run.state
    _, last = month_bounds(month)
    if not run.params.value("examens.a2_tussenstap", last):
        return
    if len(idx) == 0:
        return
    idx = idx[(st.leerroute[idx] == B1) & np.isnat(st.dates["datumA2Evaluatie"][idx]) & ~st.doel_a2[idx]]
    idx = idx[(st.niveau[idx, :4] >= A2_LEVEL).all(axis=1)]
    choice = ask(st, idx, last, run.params, "a2TussenstapKeuze")["a2TussenstapKeuze"] == TRUE
    idx = idx[choice]
    st.set_date("datumA2Evaluatie", idx, np.full(len(idx), last))
    finish = idx[run.draw(idx, "a2.keuze", month) < run.v("leren.a2_afronden_kans")]
    st.doel_a2[finish] = True


def afschaling(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """Afschaling: the rulebook says when it is possible; the college decides when B1 is out of reach."""
    st = run.state
    _, last = month_bounds(month)
    if len(idx) == 0:
        return
    idx = idx[(st.leerroute[idx] == B1) & ~st.doel_a2[idx]]
    new = idx[
        np.isnat(st.dates["afschalingMogelijkVanaf"][idx]) & (st.uren[idx] >= afschaling_urengrens(run.params, last))
    ]
    possible = ask(st, new, last, run.params, "afschalingMogelijk")["afschalingMogelijk"] == TRUE
    st.set_date("afschalingMogelijkVanaf", new[possible], np.full(int(possible.sum()), last))
    eligible = idx[~np.isnat(st.dates["afschalingMogelijkVanaf"][idx])]
    out_of_reach = eligible[projected_level(run, eligible, last) < run.v("leren.afschaling_b1_buiten_bereik")]
    lowered = out_of_reach[run.draw(out_of_reach, "afschaling", month) < run.v("leren.afschaling_kans")]
    st.doel_a2[lowered] = True
    day = day_in_month(month, run.draw(lowered, "afschaling.dag", month))
    # not before the day it became possible (the month's last day for those who qualified this month)
    st.set_date("datumAfschaling", lowered, np.maximum(day, st.dates["afschalingMogelijkVanaf"][lowered]))


def completion(run: Run, month: np.datetime64, idx: np.ndarray) -> np.ndarray:
    """Those who met every part of their route finish (in term, with extension, or after the term).

    What "met" means is the rulebook's (:func:`inburgering.rules.voldaan.obligation_met`); the
    simulation supplies the state, and the time the Z-route's participation hours take.

    Returns those held back: whose term ends this month before the day they met its last dated
    part (an exam passed, the PVT or the MAP). Their term's end is judged first
    (:func:`inburgering.sim.phases.handhaving.term_end`: extended, or exceeded and fined), and then
    they finish with that status (the engine calls this again for them). An audit found 1% of the
    completers counted as finished in term, and spared DUO's fine, with the last exam passed days
    after the term had ended.
    """
    st = run.state
    _, last = month_bounds(month)
    if len(idx) == 0:
        return idx
    now = st.traject[idx]
    idx = idx[(now >= TERMIJN) & (now <= OVERSCHREDEN)]  # still in a trajectory (a second call)
    idx = idx[st.dates["datumPvtAfgerond"][idx] <= last]  # cheap first: nobody finishes without the PVT
    met = voldaan.obligation_met(
        run.params,
        last,
        st.leerroute[idx],
        st.doel_a2[idx],
        st.niveau[idx],
        (np.ones(len(idx), bool), st.dates["datumMapAfgerond"][idx] <= last),
        st.uren[idx],
        zroute_participation_done(run, idx, last),
    )
    who = idx[met]
    now = st.traject[who]
    ends = st.dates["eindeTermijn"][who]
    ending = ((now == TERMIJN) | (now == VERLENGD)) & (ends <= last)
    late = np.zeros(len(who), bool)
    if ending.any():
        e = who[ending]
        parts = np.fmax.reduce(st.behaald[e], axis=1)
        done = np.fmax(parts, np.fmax(st.dates["datumPvtAfgerond"][e], st.dates["datumMapAfgerond"][e]))
        late[ending] = done > ends[ending]
    held, who = who[late], who[~late]
    st.traject[who] = VOLDAAN_IN_TERMIJN + (st.traject[who] - TERMIJN)  # 4, 5, 6 -> 7, 8, 9
    st.set_date("datumVoldaan", who, np.full(len(who), last))
    return held


def zroute_participation_done(run: Run, idx: np.ndarray, last: np.datetime64) -> np.ndarray:
    """Whether the Z-route's participation hours are behind each person of ``idx`` on ``last``.

    The Act's 800 hours take ``leren.zroute_participatie_maanden`` from the PIP where the route
    asks them (status holders, Besluit 3.14 lid 2 b; none of family and other migrants, lid 3);
    a scenario's other number of hours takes proportionally longer or shorter (a simulation
    audit found the hours a lever that moved nothing: only "any or none" counted). One
    definition for completion and for DUO's fine on the route (art. 25).
    """
    st = run.state
    asylum = statushouders(st.pop, idx)  # the Z-route's participation hours differ by art. 13.1 group
    hours = voldaan.zroute_participation_hours(run.params, last, asylum)
    months = run.v("leren.zroute_participatie_maanden") * hours / act_participation_hours()
    due = add_days(st.dates["datumPip"][idx], np.round(months * DAYS_PER_MONTH).astype(np.int64))
    return np.asarray((hours <= 0) | (due <= last))


@lru_cache(maxsize=1)
def act_participation_hours() -> float:
    """The hours ``leren.zroute_participatie_maanden`` is for: the Act's, at its start (Besluit 3.14 lid 2 b)."""
    law = load_parameters()
    return float(law.value("leerroute.zroute_participatieuren_asiel", law_start(law)))


def schedule_ontheffing(run: Run) -> np.ndarray:
    """Months after the PIP (or after a caseload file's date) in which each person would be released (geometric)."""
    pid = np.arange(len(run.state.pop))
    u = run.draw(pid, "ontheffing", np.datetime64("1970-01", "M"))
    return np.floor(np.log1p(-u) / np.log1p(-run.v("leren.ontheffing_maandkans"))).astype(np.int64) + 1


def ontheffing(run: Run, month: np.datetime64, after_pip: np.ndarray, learning: np.ndarray) -> None:
    """DUO releases learners (medical or exceptional circumstances) in their drawn month.

    ``learning`` is this month's learner set; those who finished since are filtered out.
    """
    st = run.state
    now = st.traject[learning]
    idx = learning[(now >= TERMIJN) & (now <= OVERSCHREDEN)]
    if len(idx) == 0:
        return
    pip_month = month_numbers(st.dates["datumPip"][idx])
    released = idx[clock_from(st.pop, pip_month, idx) + after_pip[idx] == month_number(month)]
    st.traject[released] = ONTHEVEN
    day = day_in_month(month, run.draw(released, "ontheffing.dag", month))
    # not before an exam passed, a PVT or MAP finished, or an afschaling or A2 evaluation this month (they
    # come first in the month's order, their days drawn apart: audits found them dated after the release)
    done = np.fmax.reduce(st.behaald[released], axis=1)  # NaT where none
    for column in ("datumPvtAfgerond", "datumMapAfgerond", "datumAfschaling", "datumA2Evaluatie"):
        done = np.fmax(done, st.dates[column][released])
    st.set_date("datumOntheffing", released, np.fmax(day, done))
    # the right to MB is the obliged's (art. 13.1): released, most lose it; a reform's group of young people
    # keeps it "ongeacht of zij ontheven zijn" (VWN). The rulebook decides (a simulation audit found MB
    # booked and counted for months after the release)
    guided = released[st.mb[released]]
    if len(guided):
        _, last = month_bounds(month)
        given = {"ontheffing": np.full(len(guided), TRUE, np.int8)}
        out = ask(st, guided, last, run.params, "rechtOpMaatschappelijkeBegeleiding", given=given)
        st.mb_tot_ontheffing[guided[out["rechtOpMaatschappelijkeBegeleiding"] != TRUE]] = True
