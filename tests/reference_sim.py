"""A deliberately plain, per-person reference implementation of the engine's monthly step.

It loops over months and, inside, over persons, one `if` at a time, with the same draws
(`rng.uniform` for one person) and the same rulebook (one person per call). The vectorised
engine must give identical results on small populations; see test_sim.py.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import DAYS_PER_MONTH, add_days, add_months, birthday
from inburgering.law.parameters import law_start, load_parameters
from inburgering.law.scenario import Scenario
from inburgering.rules import eisen, voldaan
from inburgering.rules import handhaving as fines
from inburgering.rules.begeleiding import MEERDERJARIG
from inburgering.rules.dated import first_day_reaching
from inburgering.rules.leerroute import afschaling_urengrens
from inburgering.rules.logic import FALSE, TRUE
from inburgering.rules.termijn import route_change_allowed
from inburgering.rules.verlenging import efforts_extension_months
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.bridge import ask, statushouders
from inburgering.sim.phases import leren, naturalisatie, werk
from inburgering.sim.population import AFGEWEZEN, ASIEL, NAREIZIGER, Population
from inburgering.sim.rng import uniform
from inburgering.sim.run import Run, month_bounds, month_number
from inburgering.sim.state import (
    COA_PROCEDURE,
    COA_VERGUNNING,
    GEMEENTE,
    INTAKE,
    NIET_AANWEZIG,
    NIET_PLICHTIG,
    ONTHEVEN,
    OVERSCHREDEN,
    TERMIJN,
    TRAJECT_VERTROKKEN,
    VERLENGD,
    VERTROKKEN,
    VOLDAAN_IN_TERMIJN,
    VOLDAAN_NA_TERMIJN,
    WACHT_INTAKE,
    State,
)

NAT = np.datetime64("NaT", "D")


def run_for(st: State, scenario: Scenario, b: Behaviour, seed: int) -> Run:
    return Run(st, scenario.parameters, b, seed)


def one(seed: int, i: int, decision: str, month: np.datetime64) -> float:
    return float(uniform(seed, np.array([i]), decision, month_number(month))[0])


def day_of(month: np.datetime64, u: float) -> np.datetime64:
    first, last = month_bounds(month)
    length = int((last - first).astype(int)) + 1
    return first + np.timedelta64(min(int(u * length), length - 1), "D")


def in_month(d: np.datetime64, month: np.datetime64) -> bool:
    first, last = month_bounds(month)
    return (not np.isnat(d)) and first <= d <= last


def reference_run(pop: Population, scenario: Scenario, b: Behaviour, seed: int, months: np.ndarray) -> State:
    st = State.start(pop)
    n = len(pop)
    asylumlike = [int(pop["groep"][i]) in (ASIEL, NAREIZIGER) for i in range(n)]
    aow_dates = first_day_reaching(pop["geboortedatum"], scenario.parameters, "plicht.aow_leeftijd", age=True)
    birthdays: dict[int, np.ndarray] = {}  # by age: the day each person reaches it (computed once)

    def reaches(i: int, age: int) -> np.datetime64:
        if age not in birthdays:
            birthdays[age] = birthday(pop["geboortedatum"], age)
        return birthdays[age][i]

    # route thresholds: quantiles of learnability per group
    thresholds = {}
    for group, z, o in (
        (True, "route_z_asiel", "route_onderwijs_asiel"),
        (False, "route_z_gezin", "route_onderwijs_gezin"),
    ):
        scores = [
            float(pop["leerbaarheid"][i])
            for i in range(n)
            if asylumlike[i] == group and pop["groep"][i] != AFGEWEZEN and pop["rol"][i] == 0
        ]
        thresholds[group] = (
            float(np.quantile(np.array(scores, np.float32), b.v(f"gemeente.{z}"))) if scores else 0.0,
            float(np.quantile(np.array(scores, np.float32), 1 - b.v(f"gemeente.{o}"))) if scores else 0.0,
        )
    # emigration month: geometric from one draw at month 0
    leave = []
    for i in range(n):
        yearly = b.v("vertrek.emigratie_asiel_per_jaar") if asylumlike[i] else b.v("vertrek.emigratie_gezin_per_jaar")
        monthly = 1 - (1 - yearly) ** (1 / 12)
        u = one(seed, i, "emigratie", np.datetime64("1970-01", "M"))
        with np.errstate(divide="ignore"):  # a yearly rate of 0: never (a month far beyond any horizon)
            gap = float(np.floor(np.log1p(-np.array([u])) / np.log1p(-np.array([monthly])))[0])
        after = (int(gap) if np.isfinite(gap) and gap < 12 * 1000 else 12 * 1000) + 1
        start = pop["datumVerblijfsrecht"][i]
        if start < pop["instroom"][i]:  # the stock of 2022: from its entry
            start = pop["instroom"][i]
        leave.append(int(start.astype("datetime64[M]").astype(np.int64)) + after)
    for i in range(n):  # a sponsor stays until each nareiziger joining them has arrived
        if pop["sponsor"][i] >= 0 and pop["groep"][i] == NAREIZIGER:
            arrival = int(pop["datumVerblijfsrecht"][i].astype("datetime64[M]").astype(np.int64))
            leave[pop["sponsor"][i]] = max(leave[pop["sponsor"][i]], arrival + 1)
    leave = [leave[pop["ouder"][i]] if pop["ouder"][i] >= 0 else leave[i] for i in range(n)]  # with the parent

    release_after = []
    for i in range(n):
        u = one(seed, i, "ontheffing", np.datetime64("1970-01", "M"))
        h = b.v("leren.ontheffing_maandkans")
        release_after.append(int(np.floor(np.log1p(-np.array([u])) / np.log1p(-np.array([h])))[0]) + 1)
    run = Run(st, scenario.parameters, b, seed)
    law_from = law_start(scenario.parameters).astype("datetime64[M]")
    ages = werk.working_age(run)
    years = naturalisatie.permit_years(run)

    def leaves_on(i: int) -> np.datetime64:
        """The first day of the month person ``i`` will leave in, if still here then."""
        return np.datetime64(min(int(leave[i]), 12 * (2999 - 1970)), "M").astype("datetime64[D]")

    not_obliged: list[int] = []  # adults found not obliged this month: asked when they may naturalise

    def decide(i: int, month: np.datetime64, since: np.datetime64) -> None:
        _, last = month_bounds(month)
        out = ask(st, np.array([i]), last, scenario.parameters, "moetInburgeren", "rechtOpMaatschappelijkeBegeleiding")
        must = out["moetInburgeren"][0] == TRUE
        st.mb[i] = out["rechtOpMaatschappelijkeBegeleiding"][0] == TRUE
        exemption_age = int(scenario.parameters.value("vrijstelling.kwalificatieplicht_tot_leeftijd", last))
        eighteen = reaches(i, exemption_age)
        if st.mb[i] and np.isnat(st.dates["datumRechtMb"][i]):
            st.dates["datumRechtMb"][i] = max(since, eighteen)
        if not must:
            st.traject[i] = NIET_PLICHTIG
            if eighteen <= last:
                not_obliged.append(i)
            return
        st.traject[i] = WACHT_INTAKE
        days = int(one(seed, i, "kennisgeving", month) * b.v("gemeente.kennisgeving_max_maanden") * DAYS_PER_MONTH)
        notice = add_days(max(since, eighteen), days)
        if notice < leaves_on(i) and notice < aow_dates[i]:  # the letter reaches only someone still here and obliged
            st.dates["datumKennisgeving"][i] = notice

    to_home: set[int] = set()  # nareizigers whose sponsor had a home when they arrived
    for month in months:
        first, last = month_bounds(month)
        for i in range(n):  # emigration, first: nothing happens on or after the day a person leaves
            if leave[i] == month_number(month) and st.verblijf[i] in (COA_VERGUNNING, GEMEENTE):
                st.verblijf[i] = VERTROKKEN
                if st.traject[i] <= OVERSCHREDEN:
                    st.traject[i] = TRAJECT_VERTROKKEN
                st.dates["datumVertrek"][i] = day_of(month, one(seed, i, "emigratie.dag", month))
                st.werkt[i] = False  # the job ends with the departure
                st.baan_einde[i] = UNSCHEDULED
        starting = []
        new_applicants, granted_now = [], []
        for i in range(n):  # arrival
            if st.verblijf[i] == NIET_AANWEZIG and in_month(pop["instroom"][i], month):
                if pop["groep"][i] in (ASIEL, AFGEWEZEN) and pop["datumVerblijfsrecht"][i] < pop["instroom"][i]:
                    st.verblijf[i] = COA_VERGUNNING  # the stock of 2022, waiting for a home
                    st.dates["datumBsn"][i] = pop["datumVerblijfsrecht"][i]
                    if pop["vertrekUitCoa"][i] < pop["instroom"][i]:  # the Wi2013 stock, housed before
                        st.verblijf[i] = GEMEENTE
                        st.dates["datumInschrijvingBrp"][i] = pop["vertrekUitCoa"][i]
                    starting.append(i)
                elif pop["groep"][i] in (ASIEL, AFGEWEZEN):
                    st.verblijf[i] = COA_PROCEDURE
                    new_applicants.append(i)
                else:
                    sponsor = pop["sponsor"][i]
                    if pop["groep"][i] == NAREIZIGER:
                        st.verblijf[i] = COA_VERGUNNING  # every nareiziger is received in COA
                        waits = sponsor >= 0 and st.verblijf[sponsor] < GEMEENTE  # with the sponsor
                        if not waits and not outside_sponsor_waits(pop, b, seed, i, month):
                            to_home.add(i)  # the sponsor has a home: moves in later
                    else:
                        st.verblijf[i] = GEMEENTE
                        st.dates["datumInschrijvingBrp"][i] = pop["datumVerblijfsrecht"][i]
                    starting.append(i)
        for i in range(n):  # permit
            if st.verblijf[i] == COA_PROCEDURE and in_month(pop["datumVerblijfsrecht"][i], month):
                st.verblijf[i] = COA_VERGUNNING
                starting.append(i)
                granted_now.append(i)
        for i in range(n):  # rejected applicants leave COA
            if st.verblijf[i] == COA_PROCEDURE and in_month(pop["vertrekUitCoa"][i], month):
                st.verblijf[i] = VERTROKKEN
                st.dates["datumVertrek"][i] = pop["vertrekUitCoa"][i]
        followers = []
        housed_now = []  # who moves from COA to a municipality this month (their COA job may end)
        for i in range(n):  # housing
            waiting = st.verblijf[i] == COA_VERGUNNING and not in_month(pop["datumVerblijfsrecht"][i], month)
            if not waiting:
                continue
            sponsor, parent = pop["sponsor"][i], pop["ouder"][i]
            if i in to_home:  # a nareiziger's family moves into the sponsor's home
                family = parent if parent >= 0 else i
                if one(seed, family, "nareis.intrek", month) < b.v("asiel.nareis_intrek_maandkans"):
                    st.verblijf[i] = GEMEENTE
                    day = day_of(month, one(seed, family, "nareis.intrek.dag", month))
                    st.dates["datumInschrijvingBrp"][i] = max(day, pop["datumVerblijfsrecht"][i])
                    housed_now.append(i)
            elif sponsor >= 0 and st.verblijf[sponsor] != VERTROKKEN:
                followers.append((i, sponsor))
            elif parent >= 0 and parent != sponsor and st.verblijf[parent] != VERTROKKEN:
                followers.append((i, parent))  # the sponsor left: a child follows its parent
            elif one(seed, i, "huisvesting", month) < own_housing_hazard(pop, b, i, month):
                st.verblijf[i] = GEMEENTE
                day = day_of(month, one(seed, i, "huisvesting.dag", month))
                st.dates["datumInschrijvingBrp"][i] = max(day, pop["datumVerblijfsrecht"][i])
                housed_now.append(i)
        # nareizigers and children move in once their sponsor or parent is housed (as it stood after housing)
        for i, sponsor in [(i, h) for i, h in followers if st.verblijf[h] == GEMEENTE]:
            st.verblijf[i] = GEMEENTE
            st.dates["datumInschrijvingBrp"][i] = max(
                st.dates["datumInschrijvingBrp"][sponsor], pop["datumVerblijfsrecht"][i], first
            )
            housed_now.append(i)
        for i in housed_now:  # a COA job survives the move for a share werk.coa_baan_behoud
            if st.werkt[i] and one(seed, i, "werk.verhuizing", month) >= b.v("werk.coa_baan_behoud"):
                st.werkt[i] = False
                st.baan_einde[i] = UNSCHEDULED
        voorinburgering_step(st, pop, b, seed, month, last, scenario, new_applicants + granted_now)
        for i in new_applicants:  # access to work during the procedure, asked as of the Act's start at the earliest
            peil = max(last, law_start(scenario.parameters))
            ended = suspension_ends(pop, scenario, i)
            out = ask(
                st,
                np.array([i]),
                peil,
                scenario.parameters,
                "magWerkenVanaf",
                "bsnVanaf",
                "magWerkenTot",
                given={"datumEindeSchorsing": np.array([ended])},
            )
            st.dates["magWerkenVanaf"][i] = out["magWerkenVanaf"][0]
            bsn = out["bsnVanaf"][0]
            gone = pop["vertrekUitCoa"][i]
            st.dates["datumBsn"][i] = bsn if np.isnat(gone) or not bsn >= gone else np.datetime64("NaT", "D")
            st.dates["magWerkenTot"][i] = out["magWerkenTot"][0]
        if month >= law_from:
            not_obliged.clear()
            for i in starting:
                decide(i, month, pop["datumVerblijfsrecht"][i])
            exemption_age = int(scenario.parameters.value("vrijstelling.kwalificatieplicht_tot_leeftijd", last))
            for i in range(n):  # turning 18 (born on 29 February: on 1 March): the exemption ends
                if st.traject[i] == NIET_PLICHTIG and in_month(reaches(i, exemption_age), month):
                    decide(i, month, last)
            for i in range(n):  # reaching the AOW age while integrating: the rulebook decides if it ends
                if WACHT_INTAKE <= st.traject[i] <= OVERSCHREDEN and in_month(aow_dates[i], month):
                    out = ask(
                        st,
                        np.array([i]),
                        last,
                        scenario.parameters,
                        "moetInburgeren",
                        "rechtOpMaatschappelijkeBegeleiding",
                    )
                    if out["moetInburgeren"][0] == FALSE:
                        st.traject[i] = NIET_PLICHTIG
                        not_obliged.append(i)
                        brp = st.dates["datumInschrijvingBrp"][i]
                        if not brp < aow_dates[i]:  # not housed before the AOW day: no MB without the obligation
                            st.mb[i] = out["rechtOpMaatschappelijkeBegeleiding"][0] == TRUE
            for i in range(n):  # an unaccompanied minor turning 18: until when guidance lasts
                turns = in_month(pop["geboortedatum"][i], month - np.timedelta64(12 * MEERDERJARIG, "M"))
                here = st.verblijf[i] not in (VERTROKKEN, NIET_AANWEZIG)
                if turns and here and pop["amv"][i]:
                    peil = max(last, law_start(scenario.parameters))
                    vulnerable = one(seed, i, "amv.kwetsbaar", np.datetime64("1970-01", "M")) < b.v(
                        "begeleiding.amv_kwetsbaar_aandeel"
                    )
                    given = {"kwetsbareAmv": np.array([TRUE if vulnerable else FALSE], np.int8)}
                    st.dates["amvBegeleidingTot"][i] = ask(
                        st, np.array([i]), peil, scenario.parameters, "amvBegeleidingTot", given=given
                    )["amvBegeleidingTot"][0]
            intake_step(st, pop, b, seed, month, first, last, asylumlike, scenario, to_home)
            pip_step(st, pop, b, seed, month, last, asylumlike, thresholds, scenario)
            learners = learning_step(run, st, pop, b, seed, month, last, asylumlike, scenario, release_after)
            work_step(run, st, pop, b, seed, month, last, scenario, ages, learners)
            old_act = []  # the Wi2013 stock: a pass or release on entry, or a pass this month while here
            started = set(starting)
            for i in range(n):  # the old Act's obliged: the housed stock and the adults of COA's stock of 2022
                exam = pop["examenWi2013"][i]
                if np.isnat(exam) and not pop["onthevenWi2013"][i]:
                    continue
                entered = i in started and in_month(pop["instroom"][i], month)
                here = st.verblijf[i] in (COA_VERGUNNING, GEMEENTE)
                if (entered and exam < pop["instroom"][i]) or (in_month(exam, month) and here):
                    st.niveau[i] = np.maximum(st.niveau[i], 2)
                    st.behaald[i] = exam
                    old_act.append(i)
                elif entered and pop["onthevenWi2013"][i]:
                    old_act.append(i)
            naturalisation_step(
                run,
                st,
                pop,
                b,
                seed,
                month,
                last,
                scenario,
                sorted(set(learners) | set(old_act) | set(not_obliged)),
                years,
                leave,
                set(old_act) | set(not_obliged),
            )
    return st


def suspension_ends(pop, scenario, i) -> np.datetime64:
    """A suspended rejection ends the departure term before leaving COA (not before the rejection)."""
    if not pop["beroepSchorsend"][i]:
        return np.datetime64("NaT", "D")
    on = max(pop["datumAfwijzing"][i], law_start(scenario.parameters))  # the term of the rejection's day
    term = np.timedelta64(7 * int(scenario.parameters.value("asiel.vertrektermijn", on)), "D")
    return max(pop["vertrekUitCoa"][i] - term, pop["datumAfwijzing"][i])


def voorinburgering_step(st, pop, b, seed, month, last, scenario, offered) -> None:
    params = scenario.parameters
    law_from = law_start(params)

    def join(i, start):
        asked = one(seed, i, "voorinburgering.gevraagd", month) < b.v("asiel.voorinburgering_gevraagd")
        if asked and one(seed, i, "voorinburgering.toestemming", month) < b.v("asiel.voorinburgering_toestemming"):
            st.dates["datumVoorinburgeringStart"][i] = start

    waiting = [int(i) for i in st.open.get("reference.voorinburgering.later", [])]
    for i in offered:
        if not np.isnat(st.dates["voorinburgeringVanaf"][i]):
            continue
        given = {"datumEindeSchorsing": np.array([suspension_ends(pop, scenario, i)])}
        vanaf = ask(st, np.array([i]), max(last, law_from), params, "voorinburgeringVanaf", given=given)[
            "voorinburgeringVanaf"
        ][0]
        if np.isnat(vanaf):
            continue
        st.dates["voorinburgeringVanaf"][i] = vanaf
        if vanaf <= last:
            join(i, vanaf)
        else:  # a child in reception: may join from the 16th birthday if still there
            waiting.append(int(i))
    still = []
    for i in waiting:
        start, brp = st.dates["voorinburgeringVanaf"][i], st.dates["datumInschrijvingBrp"][i]
        if (not np.isnat(brp) and brp <= start) or st.verblijf[i] == VERTROKKEN:
            continue
        if start <= last:
            join(i, start)
        else:
            still.append(i)
    st.open["reference.voorinburgering.later"] = np.array(still, dtype=np.int64)
    for i in range(len(pop)):
        start = st.dates["datumVoorinburgeringStart"][i]
        if np.isnat(start) or not np.isnat(st.dates["datumVoorinburgeringAfgerond"][i]) or st.vi_gestopt[i]:
            continue
        planned_end = start + np.timedelta64(round(b.v("asiel.voorinburgering_weken") * 7), "D")
        brp = st.dates["datumInschrijvingBrp"][i]
        rejected = pop["datumAfwijzing"][i]  # a rejected applicant's lawful stay ends the programme
        stay_ends = (suspension_ends(pop, scenario, i) if pop["beroepSchorsend"][i] else rejected) < planned_end
        if (not np.isnat(brp) and brp < planned_end) or st.verblijf[i] == VERTROKKEN or stay_ends:
            st.vi_gestopt[i] = True
        elif planned_end <= last:
            st.dates["datumVoorinburgeringAfgerond"][i] = planned_end


def outside_sponsor_waits(pop, b: Behaviour, seed: int, i: int, month: np.datetime64) -> bool:
    """A nareiziger whose sponsor (permit before 2022) is not simulated: does that sponsor still wait in COA?"""
    since = pop["sponsorVergunning"][i]
    if np.isnat(since):
        return False
    still = 1.0
    for m in range(1, int((month - since.astype("datetime64[M]")).astype(np.int64))):
        still *= 1 - housing_hazard(b, since, since.astype("datetime64[M]") + np.timedelta64(m, "M"))
    family = pop["ouder"][i] if pop["ouder"][i] >= 0 else i
    return bool(one(seed, family, "nareis.sponsorwacht", month) < still)


def own_housing_hazard(pop, b: Behaviour, i: int, month: np.datetime64) -> float:
    """The housing hazard of one waiting on their own, or for a sponsor of before 2022.

    Such a family arrived in a month without a draw, while the sponsor could have been housed
    then: the month after arrival carries both months' chances.
    """
    clock = housing_clock(pop, i)
    hazard = housing_hazard(b, clock, month)
    previous = month - np.timedelta64(1, "M")
    if not np.isnat(pop["sponsorVergunning"][i]) and in_month(pop["datumVerblijfsrecht"][i], previous):
        hazard = 1 - (1 - housing_hazard(b, clock, previous)) * (1 - hazard)
    return hazard


def housing_clock(pop, i: int) -> np.datetime64:
    """The permit the housing hazard counts from: an outside sponsor's, else the person's own."""
    sponsor = pop["sponsorVergunning"][i]
    return pop["datumVerblijfsrecht"][i] if np.isnat(sponsor) else sponsor


def housing_hazard(b: Behaviour, permit: np.datetime64, month: np.datetime64) -> float:
    """The housing hazard: higher in the first months after the permit's month."""
    since = (month - permit.astype("datetime64[M]")).astype(np.int64)
    if since <= b.v("asiel.huisvesting_vroeg_maanden"):
        return b.v("asiel.huisvesting_maandkans_vroeg")
    return b.v("asiel.huisvesting_maandkans")


def intake_step(st, pop, b, seed, month, first, last, asylumlike, scenario, to_home) -> None:
    for i in range(len(pop)):
        notice, brp = st.dates["datumKennisgeving"][i], st.dates["datumInschrijvingBrp"][i]
        if st.traject[i] != WACHT_INTAKE or np.isnat(notice) or notice > last:
            continue
        if st.verblijf[i] == GEMEENTE and not in_month(brp, month):
            hazard = b.v("gemeente.intake_maandkans_gezin")
            if asylumlike[i]:
                clock = pop["datumVerblijfsrecht"][i] if i in to_home else brp  # a nareiziger: from the permit
                since = (month - clock.astype("datetime64[M]")).astype(np.int64)
                early = since <= b.v("gemeente.intake_vroeg_maanden")
                hazard = b.v("gemeente.intake_maandkans_asiel_vroeg" if early else "gemeente.intake_maandkans_asiel")
        elif st.verblijf[i] == COA_VERGUNNING and not in_month(pop["datumVerblijfsrecht"][i], month):
            hazard = b.v("gemeente.intake_maandkans_coa")  # an intake in the AZC, before housing
            since = int((month - law_start(scenario.parameters).astype("datetime64[M]")).astype(np.int64))
            grown = min(max(since / b.v("gemeente.intake_coa_aanloop_maanden"), 0.0), 1.0)  # grew in after 2022
            start = b.v("gemeente.intake_coa_factor_start")
            hazard *= start + (1.0 - start) * grown
            if i in to_home:  # a nareiziger joining a housed sponsor: that municipality's rates, from the permit
                since = (month - pop["datumVerblijfsrecht"][i].astype("datetime64[M]")).astype(np.int64)
                early = since <= b.v("gemeente.intake_vroeg_maanden")
                hazard = b.v("gemeente.intake_maandkans_asiel_vroeg" if early else "gemeente.intake_maandkans_asiel")
        else:
            continue
        if slow_municipality(pop, b, seed, i):
            hazard *= b.v("gemeente.intake_traag_factor")
        if one(seed, i, "intake", month) < hazard:
            st.traject[i] = INTAKE
            day = day_of(month, one(seed, i, "intake.dag", month))
            st.dates["datumIntake"][i] = max(max(day, first), notice if np.isnat(brp) else max(notice, brp))
            if one(seed, i, "boete.intake", month) < b.v("handhaving.intake_boete_kans"):
                st.college_boete[i] += fines.intake_fine(scenario.parameters, last)
                st.dates["datumCollegeBoete"][i] = st.dates["datumIntake"][i]


def slow_municipality(pop, b, seed, i) -> bool:
    """Whether person ``i`` belongs to a municipality that holds the intake late (one draw per household)."""
    head = pop["ouder"][i] if pop["ouder"][i] >= 0 else i  # a child: the parent's municipality
    if pop["sponsor"][head] >= 0:
        head = pop["sponsor"][head]  # a nareiziger: the sponsor's
    return float(uniform(seed, np.array([head]), "gemeente.traag", 0)[0]) < b.v("gemeente.intake_traag_aandeel")


def intake_span(b, seed, i) -> float:
    """Months from person ``i``'s intake start to the PIP: one even draw between the two bounds, fixed per person."""
    u = float(uniform(seed, np.array([i]), "pip", 0)[0])
    low, high = b.v("gemeente.pip_na_intake_min_maanden"), b.v("gemeente.pip_na_intake_maanden")
    return low + (high - low) * u


def pip_step(st, pop, b, seed, month, last, asylumlike, thresholds, scenario) -> None:
    for i in range(len(pop)):
        if st.traject[i] != INTAKE or st.verblijf[i] != GEMEENTE:
            continue  # the PIP is set by the housing municipality, after the move
        due = max(
            add_days(st.dates["datumIntake"][i], round(intake_span(b, seed, i) * DAYS_PER_MONTH)),
            add_days(
                st.dates["datumInschrijvingBrp"][i], round(b.v("gemeente.pip_na_huisvesting_maanden") * DAYS_PER_MONTH)
            ),
        )
        if due <= last:
            low, high = thresholds[asylumlike[i]]
            score = pop["leerbaarheid"][i]
            st.leerroute[i] = 1 if score >= high else (2 if score < low else 0)
            st.route_bij_pip[i] = st.leerroute[i]
            st.dates["datumPip"][i] = due
            st.traject[i] = TERMIJN
            out = ask(
                st, np.array([i]), last, scenario.parameters, "deadlinePip", "eindeTermijn", "laatsteDagRoutewijziging"
            )
            for name, values in out.items():
                st.dates[name][i] = values[0]
            head_start = leren.gain_for_hours(
                run_for(st, scenario, b, seed), np.array([i]), b.v("asiel.voorinburgering_uren_nt2")
            )[0]
            finished = not np.isnat(st.dates["datumVoorinburgeringAfgerond"][i])
            st.taal[i] = np.float32(b.v("leren.taal_start") + (head_start if finished else 0))
            # the learnability test's A2 taken over in the PIP, where the rulebook allows it
            run = run_for(st, scenario, b, seed)
            if st.leerroute[i] == 0 and leren.projected_level(run, np.array([i]), last)[0] < b.v(
                "leren.afschaling_b1_buiten_bereik"
            ):
                given = {"leerbaarheidstoetsA2": np.array([TRUE], np.int8)}
                out = ask(st, np.array([i]), last, scenario.parameters, "afschalingBijPip", given=given)
                if out["afschalingBijPip"][0] == TRUE:
                    st.doel_a2[i] = True
                    st.dates["datumAfschaling"][i] = due


def learning_step(run, st, pop, b, seed, month, last, asylumlike, scenario, release_after) -> list[int]:
    params = scenario.parameters
    n = len(pop)
    first = month.astype("datetime64[M]").astype("datetime64[D]")

    def learner(i: int) -> bool:
        return TERMIJN <= st.traject[i] <= OVERSCHREDEN and st.verblijf[i] == GEMEENTE

    learners = [i for i in range(n) if learner(i)]
    if not learners:
        return learners
    for i in learners:  # lessons
        hours, gain = leren._monthly(run, np.array([i]), last)
        st.uren[i] += hours[0]
        st.taal[i] = np.float32(min(st.taal[i] + gain[0], 4.5))
    for i in learners:  # PVT and MAP, not before the month they are found needed
        pip = st.dates["datumPip"][i]
        due = max(add_days(pip, round(b.v("leren.pvt_na_maanden") * DAYS_PER_MONTH)), first)
        if np.isnat(st.dates["datumPvtAfgerond"][i]) and due <= last:
            st.dates["datumPvtAfgerond"][i] = due
        due = max(add_days(pip, round(b.v("leren.map_na_maanden") * DAYS_PER_MONTH)), first)
        needs_map = eisen.map_required(params, last, st.leerroute[i : i + 1])[0]
        if np.isnat(st.dates["datumMapAfgerond"][i]) and due <= last and needs_map:
            st.dates["datumMapAfgerond"][i] = due
    for i in learners:  # route change
        since_pip = int((last - st.dates["datumPip"][i]).astype(np.int64)) / DAYS_PER_MONTH
        if since_pip < b.v("leren.routewissel_na_maanden"):
            continue
        projected = leren.projected_level(run, np.array([i]), last)[0]
        route = st.leerroute[i]
        new = None
        if route == 0 and projected < b.v("leren.routewissel_ondergrens"):
            new = 2
        elif (route == 2 and projected >= 3) or (route == 1 and projected < 3):
            new = 0
        allowed = (
            new is not None
            and route_change_allowed(
                params, last, st.leerroute[i : i + 1], np.array([new]), st.dates["laatsteDagRoutewijziging"][i : i + 1]
            )[0]
        )
        if allowed and one(seed, i, "routewissel", month) < b.v("leren.routewissel_kans"):
            st.leerroute[i] = new
            st.dates["datumRoutewijziging"][i] = last
    interim = bool(params.value("examens.a2_tussenstap", last))
    knm = eisen.knm_required(params, last)  # no KNM sitting where the rules do not ask it
    p0 = b.v("leren.examen_slaagkans_op_niveau")
    for i in learners:  # exams
        if st.leerroute[i] == 2:
            continue
        pending = interim and st.leerroute[i] == 0 and np.isnat(st.dates["datumA2Evaluatie"][i])
        lowered = bool(st.doel_a2[i])
        route = np.array([0 if lowered else st.leerroute[i]])
        target = 2 if pending else int(eisen.exam_level(params, last, route, np.array([lowered]))[0])
        ready = st.taal[i] >= target - b.v("leren.examen_klaar_marge")
        for part in range(4):
            if st.niveau[i, part] < target and ready:
                sits = one(seed, i, f"examen.poging.{part}", month) < b.v("leren.examen_poging_maandkans")
                logit = np.log(p0 / (1 - p0)) + b.v("leren.examen_slaagkans_helling") * (st.taal[i : i + 1] - target)
                chance = (1 / (1 + np.exp(-logit)))[0]
                if sits and one(seed, i, f"examen.uitslag.{part}", month) < chance:
                    st.niveau[i, part] = target
                    st.behaald[i, part] = day_of(month, one(seed, i, "examen.dag", month))
        since_pip = int((last - st.dates["datumPip"][i]).astype(np.int64)) / DAYS_PER_MONTH
        if knm and st.niveau[i, 4] == 0 and since_pip >= b.v("leren.knm_na_maanden"):
            sits = one(seed, i, "examen.poging.4", month) < b.v("leren.examen_poging_maandkans")
            if sits and one(seed, i, "examen.uitslag.4", month) < b.v("leren.knm_slaagkans"):
                st.niveau[i, 4] = 2
                st.behaald[i, 4] = day_of(month, one(seed, i, "examen.dag", month))
    if interim:  # the reform's A2 evaluation
        for i in learners:
            if (
                st.leerroute[i] == 0
                and np.isnat(st.dates["datumA2Evaluatie"][i])
                and not st.doel_a2[i]
                and (st.niveau[i, :4] >= 2).all()
            ):
                if ask(st, np.array([i]), last, params, "a2TussenstapKeuze")["a2TussenstapKeuze"][0] == TRUE:
                    st.dates["datumA2Evaluatie"][i] = last
                    if one(seed, i, "a2.keuze", month) < b.v("leren.a2_afronden_kans"):
                        st.doel_a2[i] = True
    threshold = afschaling_urengrens(params, last)
    for i in learners:  # afschaling
        if st.leerroute[i] != 0 or st.doel_a2[i]:
            continue
        if np.isnat(st.dates["afschalingMogelijkVanaf"][i]) and st.uren[i] >= threshold:
            if ask(st, np.array([i]), last, params, "afschalingMogelijk")["afschalingMogelijk"][0] == TRUE:
                st.dates["afschalingMogelijkVanaf"][i] = last
        if not np.isnat(st.dates["afschalingMogelijkVanaf"][i]):
            if leren.projected_level(run, np.array([i]), last)[0] < b.v("leren.afschaling_b1_buiten_bereik"):
                if one(seed, i, "afschaling", month) < b.v("leren.afschaling_kans"):
                    st.doel_a2[i] = True
                    st.dates["datumAfschaling"][i] = np.maximum(
                        day_of(month, one(seed, i, "afschaling.dag", month)), st.dates["afschalingMogelijkVanaf"][i]
                    )
    held: list[int] = []
    for i in learners:  # completion: the rulebook says what "met" means
        if complete(st, pop, b, params, i, last):
            held.append(i)
    for i in range(n):  # ontheffing, before the term's end is judged
        if learner(i):
            pip_month = int(st.dates["datumPip"][i].astype("datetime64[M]").astype(np.int64))
            if pip_month + release_after[i] == month_number(month):
                st.traject[i] = ONTHEVEN
                day = day_of(month, one(seed, i, "ontheffing.dag", month))
                passes = [st.behaald[i, p] for p in range(5) if not np.isnat(st.behaald[i, p])]
                columns = ("datumPvtAfgerond", "datumMapAfgerond", "datumAfschaling", "datumA2Evaluatie")
                passes += [st.dates[c][i] for c in columns if not np.isnat(st.dates[c][i])]
                st.dates["datumOntheffing"][i] = max([day, *passes])  # not before a pass or step this month
                if st.mb[i]:  # the right to MB asked again, released (art. 13.1; a reform's young keep it)
                    given = {"ontheffing": np.array([TRUE], np.int8)}
                    right = ask(st, np.array([i]), last, params, "rechtOpMaatschappelijkeBegeleiding", given=given)
                    st.mb_tot_ontheffing[i] = right["rechtOpMaatschappelijkeBegeleiding"][0] != TRUE
    asked_on, _ = month_bounds(month)  # the request: on the first day of the month the term ends in
    for i in learners:  # end of the term: extended each time (art. 12.1) or exceeded
        if st.traject[i] in (TERMIJN, VERLENGD) and st.dates["eindeTermijn"][i] <= last:
            efforts = (
                ask(st, np.array([i]), asked_on, params, "verlengingInspanningenMogelijk")[
                    "verlengingInspanningenMogelijk"
                ][0]
                == TRUE
            )
            asks = efforts and one(seed, i, "verlenging.aanvraag", month) < b.v("leren.verlenging_aanvraag_kans")
            no_fault = (not asks) and one(seed, i, "verlenging.geenverwijt", month) < b.v(
                "leren.verlenging_geen_verwijt_kans"
            )
            if asks or no_fault:
                months = (
                    efforts_extension_months(params, last)
                    if asks
                    else round(b.v("leren.verlenging_geen_verwijt_maanden"))
                )
                st.verlenging[i] += months
                st.traject[i] = VERLENGD
                st.dates["eindeTermijn"][i] = ask(st, np.array([i]), last, params, "eindeTermijn")["eindeTermijn"][0]
            else:
                st.traject[i] = OVERSCHREDEN
                fine_one(st, pop, b, params, i, last)
        elif st.traject[i] == OVERSCHREDEN and st.dates["eindeNieuweTermijn"][i] <= last:
            fine_one(st, pop, b, params, i, last)  # the new term after a fine ran out
    for i in held:  # met after the term's end: finish with the status the end gave
        complete(st, pop, b, params, i, last)
    first, _ = month_bounds(month)
    for i in learners:  # college fines for not complying with the PIP (in force before this month)
        if st.traject[i] not in (TERMIJN, VERLENGD) or not st.dates["datumPip"][i] < first:
            continue
        if one(seed, i, "boete.pip", month) >= b.v("handhaving.pip_boete_maandkans"):
            continue
        one_ = np.array([i])
        amount = fines.pip_fine(
            params, last, st.college_laatst[one_], st.dates["datumCollegeBoete"][one_], st.college_boete[one_]
        )[0]
        if amount > 0:
            st.college_laatst[i] = amount
            st.college_boete[i] += amount
            st.dates["datumCollegeBoete"][i] = day_of(month, one(seed, i, "boete.pip.dag", month))
    return learners


def _participation_due(st, b, params, i, last, holder):
    """The day the Z-route's participation hours are done (the Act's 800 in the drawn months, others in proportion)."""
    hours = float(voldaan.zroute_participation_hours(params, last, holder)[0])
    base = float(load_parameters().value("leerroute.zroute_participatieuren_asiel", law_start(load_parameters())))
    months = b.v("leren.zroute_participatie_maanden") * hours / base
    return add_days(st.dates["datumPip"][i], int(np.round(months * DAYS_PER_MONTH))), hours > 0


def complete(st, pop, b, params, i, last) -> bool:
    """Person ``i`` finishes if every part is met; True if held back: met after the term ended this month."""
    if not TERMIJN <= st.traject[i] <= OVERSCHREDEN:
        return False
    one_ = np.array([i])
    holder = statushouders(pop, np.array([i]))  # art. 13.1, as the rulebook reads it
    due, needs_participation = _participation_due(st, b, params, i, last, holder)
    met = voldaan.obligation_met(
        params,
        last,
        st.leerroute[one_],
        st.doel_a2[one_],
        st.niveau[one_],
        (st.dates["datumPvtAfgerond"][one_] <= last, st.dates["datumMapAfgerond"][one_] <= last),
        st.uren[one_],
        np.array([not needs_participation or due <= last]),
    )[0]
    if not met:
        return False
    end = st.dates["eindeTermijn"][i]
    if st.traject[i] in (TERMIJN, VERLENGD) and end <= last:
        days = [st.behaald[i, p] for p in range(5)] + [st.dates["datumPvtAfgerond"][i], st.dates["datumMapAfgerond"][i]]
        known = [d for d in days if not np.isnat(d)]
        if known and max(known) > end:
            return True  # the term's end is judged first
    st.traject[i] = VOLDAAN_IN_TERMIJN + (st.traject[i] - TERMIJN)
    st.dates["datumVoldaan"][i] = last
    return False


def fine_one(st, pop, b, params, i, last) -> None:
    one_ = np.array([i])
    route = st.leerroute[one_]
    modules_missing = not (st.dates["datumPvtAfgerond"][i] <= last) or (
        not (st.dates["datumMapAfgerond"][i] <= last) and eisen.map_required(params, last, route)[0]
    )
    due, needs_participation = _participation_due(st, b, params, i, last, statushouders(pop, one_))
    done = np.array([not needs_participation or due <= last])
    route_missing = not voldaan.route_met(params, last, route, st.doel_a2[one_], st.niveau[one_], st.uren[one_], done)[
        0
    ]
    fined, amount = fines.duo_fine(
        params,
        last,
        statushouders(pop, np.array([i])),
        np.array([modules_missing]),
        np.array([route_missing]),
        b.v("kosten.boete_leerroute_aandeel"),
    )
    if not fined[0]:
        return
    st.boete[i] += amount[0]
    ended = max(d for d in (st.dates["eindeTermijn"][i], st.dates["eindeNieuweTermijn"][i]) if not np.isnat(d))
    day = last + np.timedelta64(1, "D") if ended >= last else last  # never on the term's own last day
    st.dates["datumBoete"][i] = day
    months = b.v("handhaving.nieuwe_termijn_maanden")
    if st.duo_boetes[i] >= 2:  # art. 24.4: after the second new term, every two years
        st.dates["eindeNieuweTermijn"][i] = add_months(day, int(params.value("boetes.herhaalboete_interval", day)))
    else:
        st.dates["eindeNieuweTermijn"][i] = fines.new_term_end(params, day, months)
    st.duo_boetes[i] += 1


UNSCHEDULED = np.iinfo(np.int64).max
NEVER = UNSCHEDULED - 1


def geometric(u: float, rate: float) -> int:
    if rate >= 1.0:  # a chance pushed past 1 by a draw's factors: certain in the first month
        return 1
    if rate <= 0.0:  # no chance: a wait no horizon reaches (the engine's NEVER_MONTHS)
        return 10**6 + 1
    return int(np.floor(np.log1p(-np.array([u])) / np.log1p(-np.array([rate])))[0]) + 1


def work_step(run, st, pop, b, seed, month, last, scenario, ages, learners) -> None:
    params = scenario.parameters
    n, m = len(pop), month_number(month)

    def rate(i: int) -> float:
        if pop["groep"][i] in (ASIEL, NAREIZIGER):
            r = b.v("werk.baan_maandkans_asiel")
        elif float(uniform(seed, np.array([i]), "werk.gezin_snel", 0)[0]) < b.v("werk.gezin_snel_aandeel"):
            r = b.v("werk.baan_maandkans_gezin_snel")
        else:
            r = b.v("werk.baan_maandkans_gezin")
        if pop["geslacht"][i] == 1 and pop["groep"][i] in (ASIEL, NAREIZIGER):
            r = r * b.v("werk.vrouw_factor")
        if pop["jongKind"][i]:
            child = b.v("werk.jong_kind_factor")
            if params.value("beleid.kinderopvang", last) and TERMIJN <= st.traject[i] <= OVERSCHREDEN:
                child = child + (1 - child) * b.v("werk.kinderopvang_effect")
            r = r * child
        in_route = TERMIJN <= st.traject[i] <= OVERSCHREDEN and st.leerroute[i] <= 1
        if params.value("beleid.participatie_alle_routes", last) and in_route:
            r = r * (1 + b.v("werk.participatie_effect"))
        r = r * (b.v("werk.opleiding_factor_laag"), 1.0, b.v("werk.opleiding_factor_hoog"))[pop["opleiding"][i]]
        if VOLDAAN_IN_TERMIJN <= st.traject[i] <= VOLDAAN_NA_TERMIJN:
            r = r * b.v("werk.voldaan_factor")
        chose_a2 = st.doel_a2[i] and not np.isnat(st.dates["datumA2Evaluatie"][i])
        if chose_a2 and np.isnat(st.dates["datumAfschaling"][i]):  # not lowered by the college later
            r = r * b.v("werk.a2_werk_factor")
        return r

    def start_job(i: int, not_before: np.datetime64) -> None:
        st.werkt[i] = True
        st.baan_start[i] = UNSCHEDULED
        drawn = m + geometric(one(seed, i, "werk.verlies", month), b.v("werk.baanverlies_maandkans"))
        st.baan_einde[i] = min(drawn, int(ages[1][i]))  # at the latest in the month of the AOW age
        if np.isnat(st.dates["datumEersteBaan"][i]):
            st.dates["datumEersteBaan"][i] = np.maximum(day_of(month, one(seed, i, "werk.dag", month)), not_before)

    twv = last >= law_start(params) and params.value("asiel.twv_vereist", last)
    found = []
    for i in range(n):  # adults in COA, once allowed; the TWV only for asylum seekers
        if st.verblijf[i] in (COA_PROCEDURE, COA_VERGUNNING) and not st.werkt[i] and ages[0][i] <= m < ages[1][i]:
            seeker = st.verblijf[i] == COA_PROCEDURE
            may = st.dates["magWerkenVanaf"][i] <= last and st.dates["datumBsn"][i] <= last
            may = may and not st.dates["magWerkenTot"][i] <= last  # not once the lawful stay has ended
            hazard = b.v("werk.coa_maandkans") * (b.v("werk.twv_factor") if twv and seeker else 1.0)
            since_permit = m - int(pop["datumVerblijfsrecht"][i].astype("datetime64[M]").astype(np.int64))
            if seeker or since_permit <= b.v("werk.coa_vergunning_aanloop_maanden"):
                hazard = hazard * b.v("werk.procedure_factor")
            if pop["geslacht"][i] == 1:
                hazard = hazard * b.v("werk.vrouw_factor_coa")
            if (may or not seeker) and one(seed, i, "werk.coa", month) < hazard:
                may_from = np.maximum(st.dates["magWerkenVanaf"][i], st.dates["datumBsn"][i])  # NaT if either is
                if not seeker:  # a permit holder may work from the permit (or earlier access)
                    may_from = np.fmin(may_from, pop["datumVerblijfsrecht"][i])
                day = np.maximum(may_from, ages[2][i])
                found.append((i, day))
    for i, day in found:
        start_job(i, day)
        st.werkte_in_coa[i] = True
    looking = {
        i for i in range(n) if st.verblijf[i] == GEMEENTE and not st.werkt[i] and st.baan_start[i] == UNSCHEDULED
    }
    looking |= {i for i in learners if st.dates["datumA2Evaluatie"][i] == last and st.doel_a2[i] and not st.werkt[i]}
    looking |= {
        i for i in learners if st.dates["datumVoldaan"][i] == last and st.verblijf[i] == GEMEENTE and not st.werkt[i]
    }
    participation = params.value("beleid.participatie_alle_routes", last) and b.v("werk.participatie_effect") != 0
    childcare = params.value("beleid.kinderopvang", last) and b.v("werk.kinderopvang_effect") != 0
    if participation or childcare:
        first = month.astype("datetime64[D]")  # the trajectory's start changes the rate under these levers
        looking |= {
            i
            for i in learners
            if first <= st.dates["datumPip"][i] <= last
            and st.verblijf[i] == GEMEENTE
            and not st.werkt[i]
            # only whose chance the lever changes: B1 or onderwijsroute learners, parents of a young child
            and ((participation and st.leerroute[i] <= 1) or (childcare and pop["jongKind"][i]))
        }
    for i in sorted(looking):  # draw when the next job starts
        start = max(m, ages[0][i]) + geometric(one(seed, i, "werk.baan", month), rate(i))
        st.baan_start[i] = NEVER if start >= ages[1][i] else start
    for i in range(n):
        if st.baan_start[i] == m and st.verblijf[i] == GEMEENTE and not st.werkt[i]:
            start_job(i, ages[2][i])
    for i in range(n):
        tot = st.dates["magWerkenTot"][i]
        barred = not np.isnat(tot) and int(tot.astype("datetime64[M]").astype(np.int64)) <= m
        if (st.baan_einde[i] == m or barred) and st.werkt[i]:
            st.werkt[i] = False
            st.baan_einde[i] = UNSCHEDULED


def naturalisation_step(run, st, pop, b, seed, month, last, scenario, learners, years, leave, asked) -> None:
    params = scenario.parameters
    zero = np.datetime64("1970-01", "M")
    for i in learners:  # those who finished this month (the old Act's, the not obliged): when may they naturalise?
        finished = VOLDAAN_IN_TERMIJN <= st.traject[i] <= ONTHEVEN
        if not (finished or i in asked) or not np.isnat(st.dates["naturalisatieVroegst"][i]):
            continue
        unable = bool(st.doel_a2[i] or st.leerroute[i] == 2 or st.traject[i] == ONTHEVEN or pop["onthevenWi2013"][i])
        shown = unable and one(seed, i, "naturalisatie.hardheid", zero) < b.v("naturalisatie.hardheidsclausule_kans")
        out = ask(
            st,
            np.array([i]),
            last,
            params,
            "naturalisatieVroegst",
            permit_years=years,
            given={"aantoonbaarNietInStaatTaaleis": np.array([TRUE if shown else FALSE], np.int8)},
        )
        when = out["naturalisatieVroegst"][0]
        if np.isnat(when):
            continue
        if shown:  # the inability is shown from the decision that establishes it, not before
            d = st.dates
            days = []
            if st.doel_a2[i]:  # lowered, or A2 chosen at the A2 step
                days += [d["datumAfschaling"][i], d["datumA2Evaluatie"][i]]
            if st.leerroute[i] == 2:
                days.append(d["datumPip"][i] if st.route_bij_pip[i] == 2 else d["datumRoutewijziging"][i])
            if st.traject[i] == ONTHEVEN:
                days.append(d["datumOntheffing"][i])
            known = [day for day in days if not np.isnat(day)]
            if known:
                when = max(when, min(known))
        before = pop["naturalisatieVroegstVoorraad"][i]
        if not np.isnat(before):  # a Wi2013 stock's day from before 2022 (the rulebook starts then)
            when = min(when, before)
        # this person leaves at the start of their leave month, if still here then
        leaves = np.datetime64(min(int(leave[i]), 12 * (2999 - 1970)), "M").astype("datetime64[D]")
        if when >= leaves:  # only someone still here may naturalise
            continue
        made = pop["naturalisatieVerzoekVoorraad"][i]
        st.dates["naturalisatieVroegst"][i] = when
        wait = geometric(one(seed, i, "naturalisatie.aanvraag", zero), b.v("naturalisatie.aanvraag_maandkans")) - 1
        intended = add_months(max(when, last), wait)
        if not np.isnat(made):  # a request pending on entry stands as made
            request = made
        else:  # judged by the rules of its day: the earliest day from the intended one
            request = ask(
                st,
                np.array([i]),
                last,
                params,
                "naturalisatieVroegst",
                permit_years=years,
                given={
                    "aantoonbaarNietInStaatTaaleis": np.array([TRUE if shown else FALSE], np.int8),
                    "datumNaturalisatieverzoek": np.array([intended]),
                },
            )["naturalisatieVroegst"][0]
            if np.isnat(request):
                continue
        decision = add_months(request, round(b.v("naturalisatie.beslisduur_maanden")))
        if request >= leaves:
            continue
        st.dates["datumNaturalisatieAanvraag"][i] = request
        if one(seed, i, "naturalisatie.besluit", zero) < b.v("naturalisatie.toekenning") and decision < leaves:
            st.dates["datumNaturalisatie"][i] = decision
    for i in range(len(pop)):
        if in_month(st.dates["datumNaturalisatie"][i], month) and st.verblijf[i] != VERTROKKEN:
            st.genaturaliseerd[i] = True
