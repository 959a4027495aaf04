"""Work: during the asylum procedure (when the rulebook allows it) and after the permit.

Access during the procedure is ``magWerkenVanaf`` from the rulebook, asked once at the
application, and in practice also a BSN (``bsnVanaf``: registration in the BRP). In COA an adult
finds a job with a monthly hazard fitted to CBS's share of status holders with a job in COA
after DUO's notice, far lower for women (fitted to the women's share), and lower during the
asylum procedure and the first months after the permit (fitted to COA's share of asylum seekers
in work and CBS's share before the notice), lower still while employers need a TWV for an
asylum seeker (a documented effect parameter, so a scenario that drops the TWV acts through it); a permit
holder needs none. A job starts no earlier than the day the person may work, has a BSN and is of
age. After
the permit, adults find and lose jobs with monthly hazards whose steady state matches the
long-run employment plateau (the family migrants' to CBS's 47% ten years on); women among the
status holders (the factor is measured on them) and parents of a child under 4 find work less often, the
low educated less and the highly educated more often, and those who met the obligation (passed
the route's exams: the language level the route asks) more often than before (their wait is
drawn again in the month they meet it).
With constant hazards the wait until a job starts or ends is geometric, so it is drawn once
per spell (keyed by the month the spell starts) instead of a draw for everyone every month.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import MonthIndex, month_numbers
from inburgering.law.parameters import law_start
from inburgering.rules.begeleiding import MEERDERJARIG
from inburgering.rules.plicht import aow_datum
from inburgering.sim.bridge import ask
from inburgering.sim.companions import WI2013
from inburgering.sim.phases.leren import young_child_factor
from inburgering.sim.population import ASIEL, NAREIZIGER, VROUW
from inburgering.sim.run import Run, day_in_month, month_bounds, month_number
from inburgering.sim.sets import union
from inburgering.sim.state import (
    COA_PROCEDURE,
    COA_VERGUNNING,
    GEMEENTE,
    OVERSCHREDEN,
    TERMIJN,
    UNSCHEDULED,
    VOLDAAN_IN_TERMIJN,
    VOLDAAN_NA_TERMIJN,
    finished_at_a2_by_choice,
)


def suspension_end(run: Run, idx: np.ndarray, peil: np.datetime64) -> np.ndarray:
    """The day a suspended rejection's effect ends (``datumEindeSchorsing``), ``NaT`` where none.

    The model does not follow an appeal: a suspended rejection is taken to end the departure
    term (``asiel.vertrektermijn``, in force on the rejection's day) before the drawn departure
    from COA, as reception continues through that term. One definition for work and voorinburgering.
    """
    pop = run.state.pop
    rejected = pop["datumAfwijzing"][idx]
    on = np.maximum(np.where(np.isnat(rejected), peil, rejected), law_start(run.params))
    weeks = run.params["asiel.vertrektermijn"].values_at(on).astype(np.int64)
    ended = np.maximum(pop["vertrekUitCoa"][idx] - (7 * weeks).astype("timedelta64[D]"), rejected)
    return np.where(pop["beroepSchorsend"][idx], ended, np.datetime64("NaT", "D"))


def access(run: Run, month: np.datetime64, applicants: np.ndarray) -> None:
    """Ask the rulebook when new asylum applicants may work, until when, and when they get a BSN.

    An employer cannot take someone on without a BSN, so a job in COA needs both: early BRP
    registration (``asiel.brp_wachttijd``, ``asiel.brp_wachttijd_kansrijk``) acts through this, together with the waiting time for work.
    For an applicant who will be rejected the rulebook also says when the access ends
    (``magWerkenTot``: with the lawful stay, Vw 2000 art. 8 f and h). The model does not follow
    an appeal, so a suspended rejection is taken to end the departure term (``asiel.vertrektermijn``)
    before the drawn departure from COA, as reception continues through that term.
    (The rules apply from 2022: earlier applications are asked as of the Act's start.)
    """
    if len(applicants) == 0:
        return
    st, pop = run.state, run.state.pop
    _, last = month_bounds(month)
    peil = max(last, law_start(run.params))
    ended = suspension_end(run, applicants, peil)
    out = ask(
        st,
        applicants,
        peil,
        run.params,
        "magWerkenVanaf",
        "bsnVanaf",
        "magWerkenTot",
        given={"datumEindeSchorsing": ended},
    )
    st.set_date("magWerkenVanaf", applicants, out["magWerkenVanaf"])
    # a rejected applicant who leaves COA before the day the BSN would come never gets one
    bsn = out["bsnVanaf"]
    st.set_date(
        "datumBsn", applicants, np.where(bsn >= pop["vertrekUitCoa"][applicants], np.datetime64("NaT", "D"), bsn)
    )
    st.set_date("magWerkenTot", applicants, out["magWerkenTot"])
    ends = ~np.isnat(out["magWerkenTot"])
    when = np.maximum(month_numbers(out["magWerkenTot"][ends]), month_number(month))
    run.schedule_months("werk.einderecht", applicants[ends], when)


NEVER = UNSCHEDULED - 1


def working_age(run: Run) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Month numbers of each person's majority and AOW date, and the majority's day (once per run).

    Only adults work in the model (majority, BW 1:233); job search ends at the AOW age in force
    (the rulebook's dated ``plicht.aow_leeftijd``), not at a fixed 67. The Wi2013 stock has no
    working age here: its work is outside the model (:mod:`inburgering.sim.stock_wi2013`).
    """
    pop = run.state.pop
    born = MonthIndex(pop["geboortedatum"])
    adult = born.reaching(MEERDERJARIG * 12)
    pension = month_numbers(aow_datum(run.params, born))
    # the Wi2013 stock's work is not simulated (its job history since the permit is not in the model)
    pension = np.where(pop["rol"] == WI2013, np.iinfo(np.int32).min, pension)
    # month numbers as int32 (4 bytes a person each, held for the whole run; issue #20's memory)
    return month_numbers(adult).astype(np.int32), pension.astype(np.int32), adult


def _rate(run: Run, who: np.ndarray, on: np.datetime64) -> np.ndarray:
    """Monthly job-finding chance after the permit, with the policy levers in force on ``on``."""
    st, pop = run.state, run.state.pop
    asylum = np.isin(pop["groep"][who], (ASIEL, NAREIZIGER))
    # family and other migrants: a quick group finds work soon after arrival (CBS: 30% of the 2005
    # family migrants in work in their arrival year, 47% ten years on; one rate gave 8% after a
    # year). Membership is a trait (month 0): the same for a person in every month and scenario.
    quick = ~asylum & (run.trait(who, "werk.gezin_snel") < run.v("werk.gezin_snel_aandeel"))
    family = np.where(quick, run.v("werk.baan_maandkans_gezin_snel"), run.v("werk.baan_maandkans_gezin"))
    rate = np.where(asylum, run.v("werk.baan_maandkans_asiel"), family)
    # the women's factor is fitted to refugee women (Syrian status holders, NIDI on SCP); the family
    # migrants' rate is fitted to all of them, men and women together (CBS: 47% ten years on), as no
    # source separates them (a calibration review found the refugees' factor cutting the family
    # stream, 68% women, to a third of every published share)
    rate = np.where(asylum & (pop["geslacht"][who] == VROUW), rate * run.v("werk.vrouw_factor"), rate)
    # childcare as policy is offered with the trajectory (its cost item counts learners only)
    base = run.v("werk.jong_kind_factor")
    in_trajectory = (st.traject[who] >= TERMIJN) & (st.traject[who] <= OVERSCHREDEN)
    child = np.where(in_trajectory, young_child_factor(run, base, on), base)
    rate = np.where(pop["jongKind"][who], rate * child, rate)
    education = np.array([run.v("werk.opleiding_factor_laag"), 1.0, run.v("werk.opleiding_factor_hoog")])
    rate = rate * education[pop["opleiding"][who]]
    met = (st.traject[who] >= VOLDAAN_IN_TERMIJN) & (st.traject[who] <= VOLDAAN_NA_TERMIJN)
    rate = np.where(met, rate * run.v("werk.voldaan_factor"), rate)
    if run.params.value("beleid.participatie_alle_routes", on):
        learning = (st.traject[who] >= TERMIJN) & (st.traject[who] <= OVERSCHREDEN) & (st.leerroute[who] <= 1)
        rate = np.where(learning, rate * (1 + run.v("werk.participatie_effect")), rate)
    chose_a2 = finished_at_a2_by_choice(st, who)
    if not chose_a2.any():
        # read only where it acts: the sensitivity ranking counts what a run reads (a simulation audit
        # found this factor ranked for scenarios without the A2 step, where nobody can choose A2)
        return rate
    return np.where(chose_a2, rate * run.v("werk.a2_werk_factor"), rate)


def _pip_levers(run: Run, on: np.datetime64) -> tuple[bool, bool]:
    """(participation support, childcare) in force on ``on`` with an effect on the job chance."""
    participation = run.params.value("beleid.participatie_alle_routes", on) and run.v("werk.participatie_effect") != 0
    childcare = run.params.value("beleid.kinderopvang", on) and run.v("werk.kinderopvang_effect") != 0
    return bool(participation), bool(childcare)


def _changed_at_pip(run: Run, who: np.ndarray, levers: tuple[bool, bool]) -> np.ndarray:
    """Boolean per person of ``who``: a lever of ``levers`` changes their job chance from the PIP on.

    Participation support acts on learners in the B1-route and the onderwijsroute, childcare on
    parents of a young child (see :func:`_rate`); only they draw their wait again at the PIP. A
    review found everyone drawing again under either lever, which gave persons the lever does not
    touch new job dates, so the lever's difference was noise (common random numbers broken).
    """
    participation, childcare = levers
    out = np.zeros(len(who), bool)
    if participation:
        out |= run.state.leerroute[who] <= 1
    if childcare:
        out |= run.state.pop["jongKind"][who]
    return out


def _geometric(u: np.ndarray, rate: np.ndarray | float) -> np.ndarray:
    """Months until the event for a constant monthly chance ``rate`` (at least 1).

    The job chance is a product of factors (group, education, the obligation met, a lever's
    effect), which a draw of the uncertain factors can push past 1: the event is then certain in
    the first month. A review found such chances giving NaN, cast to a month that never comes, so
    the quickest job finders never worked (under VWN in one draw of five).
    """
    chance = np.minimum(np.asarray(rate, dtype=np.float64), 1.0)
    # a chance of 1: log1p(-1) is -inf, and the wait is one month; a chance of 0 (or less): never, which
    # a wait longer than any horizon says (the division would give -inf, a month in the past)
    with np.errstate(divide="ignore", invalid="ignore"):
        months = np.floor(np.log1p(-u) / np.log1p(-np.maximum(chance, 1e-300)))
    return np.where(chance > 0, np.minimum(months, NEVER_MONTHS), NEVER_MONTHS).astype(np.int64) + 1


NEVER_MONTHS = 10**6
"""A wait no horizon reaches (83,000 years): the job never comes within the run."""


def _schedule_search(
    run: Run, who: np.ndarray, month: np.datetime64, ages: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> None:
    """Draw when the next job starts for persons ``who`` who start looking this month."""
    st = run.state
    m = month_number(month)
    start = np.maximum(m, ages[0][who]) + _geometric(
        run.draw(who, "werk.baan", month), _rate(run, who, month_bounds(month)[1])
    )
    st.baan_start[who] = np.where(start >= ages[1][who], NEVER, start)
    later = start < ages[1][who]
    run.schedule_months("baan.start", who[later], start[later])


def jobs(run: Run, month: np.datetime64, ages: tuple[np.ndarray, np.ndarray, np.ndarray], learning: np.ndarray) -> None:
    """Finding and losing paid work this month (drawn waits, so only events cost anything).

    Drawn starts and ends are on the run's agenda; one that no longer holds (the person left,
    or the start was drawn again) is dropped when it falls due. ``learning`` is the month's
    learner set, where this month's A2 choices are.
    """
    st = run.state
    _, last = month_bounds(month)
    m = month_number(month)
    # in COA, adults with access to the labour market: a monthly draw (a small group)
    in_coa = np.flatnonzero(((st.verblijf == COA_PROCEDURE) | (st.verblijf == COA_VERGUNNING)) & ~st.werkt)
    in_coa = in_coa[(ages[0][in_coa] <= m) & (m < ages[1][in_coa])]  # of working age
    seeker = st.verblijf[in_coa] == COA_PROCEDURE
    may = (st.dates["magWerkenVanaf"][in_coa] <= last) & (st.dates["datumBsn"][in_coa] <= last)
    may &= ~(st.dates["magWerkenTot"][in_coa] <= last)  # not in the month the access ends, nor after
    allowed, seeker = in_coa[may | ~seeker], seeker[may | ~seeker]
    # during the procedure, and in the first months after the permit, far fewer find work than later
    # (CBS SWI 2023: 4% before DUO's notice, 21% after it); months counted from the permit's month
    since_permit = m - month_numbers(st.pop["datumVerblijfsrecht"][allowed])
    early = seeker | (since_permit <= run.v("werk.coa_vergunning_aanloop_maanden"))
    coa = run.v("werk.coa_maandkans")
    hazard = np.where(early, coa * run.v("werk.procedure_factor"), coa)
    # women find work in COA far less often (CBS SWI 2023: 4% against 29% of men after the notice)
    hazard = np.where(st.pop["geslacht"][allowed] == VROUW, hazard * run.v("werk.vrouw_factor_coa"), hazard)
    # an employer needs a TWV for an asylum seeker, not for a permit holder (Wav art. 3, BuWav)
    if last >= law_start(run.params) and run.params.value("asiel.twv_vereist", last):
        hazard = np.where(seeker, hazard * run.v("werk.twv_factor"), hazard)
    hit = run.draw(allowed, "werk.coa", month) < hazard
    found, seeker = allowed[hit], seeker[hit]
    # not before the day the person may work (with a BSN, or from the permit) and is of age
    may_from = np.maximum(st.dates["magWerkenVanaf"][found], st.dates["datumBsn"][found])
    may_from = np.where(seeker, may_from, np.fmin(may_from, st.pop["datumVerblijfsrecht"][found]))
    not_before = np.maximum(may_from, ages[2][found])
    _start(run, month, found, not_before, ages[1][found], in_coa=True)
    st.werkte_in_coa[found] = True
    # in a municipality: start looking (on arrival, after a job ends), or look again after the A2 choice
    looking = np.flatnonzero((st.verblijf == GEMEENTE) & ~st.werkt & (st.baan_start == UNSCHEDULED))
    evaluated = learning[st.dates["datumA2Evaluatie"][learning] == last]
    chose_now = evaluated[st.doel_a2[evaluated] & ~st.werkt[evaluated]]
    # meeting the obligation changes the rate: those still looking draw their wait again (memoryless)
    met_now = learning[st.dates["datumVoldaan"][learning] == last]
    met_now = met_now[(st.verblijf[met_now] == GEMEENTE) & ~st.werkt[met_now]]
    # so does the trajectory's start where a lever acts on learners (participation support, childcare):
    # whoever began looking on arrival, before the PIP, and whose chance the lever changes draws again
    # (a test found the levers moving almost nothing: the search drawn at housing never saw them);
    # without such a lever the rate does not change at the PIP and nothing is drawn again
    levers = _pip_levers(run, last)
    if any(levers):
        first, _ = month_bounds(month)
        pip_now = learning[(st.dates["datumPip"][learning] >= first) & (st.dates["datumPip"][learning] <= last)]
        pip_now = pip_now[(st.verblijf[pip_now] == GEMEENTE) & ~st.werkt[pip_now]]
        met_now = union(met_now, pip_now[_changed_at_pip(run, pip_now, levers)])
    _schedule_search(run, union(looking, chose_now, met_now), month, ages)
    starting = run.due("baan.start", month)
    starting = starting[(st.baan_start[starting] == m) & (st.verblijf[starting] == GEMEENTE) & ~st.werkt[starting]]
    _start(run, month, starting, ages[2][starting], ages[1][starting])
    # losing work in the drawn month, or in the month the access to work ends with the lawful stay
    losing = run.due("baan.einde", month)
    losing = losing[(st.baan_einde[losing] == m) & st.werkt[losing]]
    barred = run.due("werk.einderecht", month)
    barred = barred[st.werkt[barred]]  # also if they leave COA this month, after the access ended
    losing = union(losing, barred)
    st.werkt[losing] = False
    st.baan_einde[losing] = UNSCHEDULED
    if len(losing):
        st.banen_einde_log.append((m, losing))


def leave_coa(run: Run, month: np.datetime64, moved: np.ndarray) -> None:
    """Jobs held at the move from COA to a municipality end, but for a share ``werk.coa_baan_behoud``.

    COA places a status holder in a municipality anywhere in the country and weighs a job only
    when a contract shows it; many jobs found in COA are temporary or zero-hour work near the
    centre. Whoever holds a job when moving can only have found it in COA (the model's
    municipal search starts at the move). Before this, every COA job survived the move, so the
    share in work 6 to 24 months after the permit (21-33%) stood above every published cohort
    (a calibration review). Whoever loses the job starts looking in the municipality this month.
    """
    st = run.state
    working = moved[st.werkt[moved]]
    if len(working) == 0:
        return
    lost = working[run.draw(working, "werk.verhuizing", month) >= run.v("werk.coa_baan_behoud")]
    st.werkt[lost] = False
    st.baan_einde[lost] = UNSCHEDULED  # the drawn end on the agenda no longer holds: dropped when due
    if len(lost):
        st.banen_einde_log.append((month_number(month), lost))


def _start(
    run: Run,
    month: np.datetime64,
    who: np.ndarray,
    not_before: np.ndarray,
    pension: np.ndarray,
    in_coa: bool = False,
) -> None:
    """Start a job spell for ``who`` this month, on a drawn day not before ``not_before``; log it.

    The job ends in its drawn month or in the month of the AOW age (``pension``, month numbers of
    ``who``), whichever comes first: the model follows work to the pension age, as it follows the
    search (an assumption; a simulation audit found jobs held at 83 and counted in the monthly
    stock of paid work, and COA's contribution charged past the AOW age).
    """
    st = run.state
    st.werkt[who] = True
    st.baan_start[who] = UNSCHEDULED
    drawn = month_number(month) + _geometric(run.draw(who, "werk.verlies", month), run.v("werk.baanverlies_maandkans"))
    st.baan_einde[who] = np.minimum(drawn, pension)
    run.schedule_months("baan.einde", who, st.baan_einde[who])
    day = np.maximum(day_in_month(month, run.draw(who, "werk.dag", month)), not_before)
    first = np.isnat(st.dates["datumEersteBaan"][who])
    st.set_date("datumEersteBaan", who[first], day[first])
    if len(who):
        st.banen_log.append((month_number(month), who, day, np.full(len(who), in_coa)))
