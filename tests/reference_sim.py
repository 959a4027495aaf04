"""A deliberately plain, per-person reference implementation of the engine's monthly step.

It loops over months and, inside, over persons, one `if` at a time, with the same draws
(`rng.uniform` for one person) and the same rulebook (one person per call). The vectorised
engine must give identical results on small populations; see test_sim.py.
"""

from __future__ import annotations

import math

import numpy as np

from inburgering.dates import add_days, add_months
from inburgering.law.scenario import Scenario
from inburgering.people.population import ASIEL, NAREIZIGER, Population
from inburgering.rules.logic import TRUE
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.bridge import ask
from inburgering.sim.rng import uniform
from inburgering.sim.run import month_bounds, month_number
from inburgering.sim.state import (
    COA_PROCEDURE,
    COA_VERGUNNING,
    GEMEENTE,
    INTAKE,
    NIET_AANWEZIG,
    NIET_PLICHTIG,
    TERMIJN,
    TRAJECT_VERTROKKEN,
    VERTROKKEN,
    WACHT_INTAKE,
    State,
)

NAT = np.datetime64("NaT", "D")


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
    # route thresholds: quantiles of learnability per group
    thresholds = {}
    for group, z, o in (
        (True, "route_z_asiel", "route_onderwijs_asiel"),
        (False, "route_z_gezin", "route_onderwijs_gezin"),
    ):
        scores = [float(pop["leerbaarheid"][i]) for i in range(n) if asylumlike[i] == group]
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
        after = math.floor(math.log1p(-u) / math.log1p(-monthly)) + 1
        leave.append(int(pop["datumVerblijfsrecht"][i].astype("datetime64[M]").astype(np.int64)) + after)

    def decide(i: int, month: np.datetime64, since: np.datetime64) -> None:
        _, last = month_bounds(month)
        must = ask(st, np.array([i]), last, scenario.parameters, "moetInburgeren")["moetInburgeren"][0] == TRUE
        if not must:
            st.traject[i] = NIET_PLICHTIG
            return
        st.traject[i] = WACHT_INTAKE
        eighteen = add_months(pop["geboortedatum"][i], 12 * 18)
        days = int(one(seed, i, "kennisgeving", month) * b.v("gemeente.kennisgeving_max_maanden") * 30.44)
        st.dates["datumKennisgeving"][i] = add_days(max(since, eighteen), days)

    for month in months:
        first, last = month_bounds(month)
        starting = []
        for i in range(n):  # arrival
            if st.verblijf[i] == NIET_AANWEZIG and in_month(pop["instroom"][i], month):
                if pop["groep"][i] == ASIEL:
                    st.verblijf[i] = COA_PROCEDURE
                else:
                    st.verblijf[i] = GEMEENTE
                    st.dates["datumInschrijvingBrp"][i] = pop["datumVerblijfsrecht"][i]
                    starting.append(i)
        for i in range(n):  # permit
            if st.verblijf[i] == COA_PROCEDURE and in_month(pop["datumVerblijfsrecht"][i], month):
                st.verblijf[i] = COA_VERGUNNING
                starting.append(i)
        for i in starting:
            decide(i, month, pop["datumVerblijfsrecht"][i])
        for i in range(n):  # turning 18
            if st.traject[i] == NIET_PLICHTIG and in_month(pop["geboortedatum"][i], month - np.timedelta64(216, "M")):
                decide(i, month, last)
        for i in range(n):  # housing
            waiting = st.verblijf[i] == COA_VERGUNNING and not in_month(pop["datumVerblijfsrecht"][i], month)
            if waiting and one(seed, i, "huisvesting", month) < b.v("asiel.huisvesting_maandkans"):
                st.verblijf[i] = GEMEENTE
                day = day_of(month, one(seed, i, "huisvesting.dag", month))
                st.dates["datumInschrijvingBrp"][i] = max(day, pop["datumVerblijfsrecht"][i])
        for i in range(n):  # intake
            notice, brp = st.dates["datumKennisgeving"][i], st.dates["datumInschrijvingBrp"][i]
            if (
                st.traject[i] == WACHT_INTAKE
                and st.verblijf[i] == GEMEENTE
                and not np.isnat(notice)
                and notice <= last
                and not in_month(brp, month)
            ):
                hazard = (
                    b.v("gemeente.intake_maandkans_asiel") if asylumlike[i] else b.v("gemeente.intake_maandkans_gezin")
                )
                if one(seed, i, "intake", month) < hazard:
                    st.traject[i] = INTAKE
                    day = day_of(month, one(seed, i, "intake.dag", month))
                    st.dates["datumIntake"][i] = max(max(day, first), max(notice, brp))
        for i in range(n):  # PIP
            due = add_days(st.dates["datumIntake"][i], round(b.v("gemeente.pip_na_intake_maanden") * 30.44))
            if st.traject[i] == INTAKE and not np.isnat(due) and due <= last:
                low, high = thresholds[asylumlike[i]]
                score = pop["leerbaarheid"][i]
                st.leerroute[i] = 1 if score >= high else (2 if score < low else 0)
                st.dates["datumPip"][i] = due
                st.traject[i] = TERMIJN
                out = ask(
                    st,
                    np.array([i]),
                    last,
                    scenario.parameters,
                    "deadlinePip",
                    "eindeTermijn",
                    "laatsteDagRoutewijziging",
                )
                for name, values in out.items():
                    st.dates[name][i] = values[0]
        for i in range(n):  # emigration
            if leave[i] == month_number(month) and st.verblijf[i] in (COA_VERGUNNING, GEMEENTE):
                st.verblijf[i] = VERTROKKEN
                st.traject[i] = TRAJECT_VERTROKKEN
                st.dates["datumVertrek"][i] = day_of(month, one(seed, i, "emigratie.dag", month))
    return st
