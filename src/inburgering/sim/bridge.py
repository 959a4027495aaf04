"""The simulation asks the rulebook: build the rule inputs for a subset of persons.

Why a bridge: the rulebook takes the calculator's person columns; the simulation keeps its own
state. This module is the one place that maps one onto the other, so the simulation never
re-implements a rule, and rules are evaluated only for persons whose situation changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

import inburgering.rules.registry  # noqa: F401  (every rule registered before the simulation asks)
from inburgering.codes import VERBLIJFSDOEL_VAN_GROEP, Vergunning
from inburgering.dates import MonthIndex
from inburgering.law.parameters import ParameterSet, law_start
from inburgering.rules.base import Context
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN
from inburgering.rules.naturalisatie import toelating
from inburgering.rules.person import BOOL_FIELDS, DATE_FIELDS, Lazy, Persons
from inburgering.rules.plicht import statushouder_mask
from inburgering.rules.vrijstelling import jaren_leerplicht_nl
from inburgering.sim.population import GEZIN, NAREIZIGER, Population
from inburgering.sim.state import State

_DOEL = VERBLIJFSDOEL_VAN_GROEP


def _family_link(groep: np.ndarray) -> np.ndarray:
    """Tri-state ``gezinVanStatushouder`` of each group: shown for a nareiziger, not for other family migrants."""
    return np.where(groep == NAREIZIGER, TRUE, np.where(groep == GEZIN, FALSE, UNKNOWN)).astype(np.int8)


def statushouders(pop: Population, idx: np.ndarray) -> np.ndarray:
    """Boolean: persons ``idx`` are asylum status holders or their joining family (art. 13.1), as the rulebook reads it."""
    groep = pop["groep"][idx]
    return np.asarray(statushouder_mask(_DOEL[groep], _family_link(groep)) == TRUE)


def _permit_start(pop: Population, idx: np.ndarray) -> np.ndarray:
    """The day the first permit takes effect: an asylum permit from the asylum application (Vw 2000 art. 44.2)."""
    return toelating(_DOEL[pop["groep"][idx]], pop["datumVerblijfsrecht"][idx], pop["datumAsielaanvraag"][idx])


def permit_starts(
    pop: Population, idx: np.ndarray, years: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Start days of each person's first and second fixed-term permit (validity ``years``: asylum, regular)."""
    begin = _permit_start(pop, idx)
    length = np.where(pop["groep"][idx] <= NAREIZIGER, years[0][idx], years[1][idx])
    return begin, MonthIndex(begin).plus(12 * length)


def _permits(state: State, idx: np.ndarray, years: tuple[np.ndarray, np.ndarray]) -> dict[str, np.ndarray]:
    """Two fixed-term permits per person: the first from the day it takes effect, the second after it."""
    asylum = state.pop["groep"][idx] <= NAREIZIGER
    begin, second = permit_starts(state.pop, idx, years)
    n = len(idx)
    kind = np.where(asylum, Vergunning.ASIEL_BEPAALD, Vergunning.REGULIER_BEPAALD).astype(np.int8)
    return {
        "persoon": np.r_[np.arange(n), np.arange(n)].astype(np.int64),
        "soort": np.r_[kind, kind],
        "begin": np.r_[begin, second],
        "einde": np.full(2 * n, np.datetime64("NaT", "D")),
    }


def persons_for(
    state: State,
    idx: np.ndarray,
    params_years: tuple[np.ndarray, np.ndarray] | None = None,
    given: Mapping[str, np.ndarray] | None = None,
    built: Mapping[str, Callable[[], np.ndarray]] | None = None,
    params: ParameterSet | None = None,
) -> Persons:
    """Rule inputs for persons ``idx`` from the population and the simulation state.

    ``params_years`` gives each person's permit validity in years (asylum, regular); without
    it the permit list is empty and naturalisation's permit condition counts as not shown.
    ``given`` sets inputs a phase decides itself (one value per person of ``idx``); ``built``
    describes inputs worked out only when a rule reads them. ``params`` (the run's law) gives the
    Z-route's participation hours of those who met the obligation; without it they are unknown.
    """
    pop = state.pop
    n = len(idx)

    def tri(column: np.ndarray) -> Callable[[], np.ndarray]:
        return lambda: np.where(column[idx], TRUE, FALSE).astype(np.int8)

    def const(value: Any, dtype: Any) -> Callable[[], np.ndarray]:
        return lambda: np.full(n, value, dtype)

    def gather(column: np.ndarray) -> Callable[[], np.ndarray]:
        return lambda: column[idx]

    build: dict[str, Callable[[], np.ndarray]] = {
        name: const(np.datetime64("NaT", "D"), "datetime64[D]") for name in DATE_FIELDS
    }
    build.update({name: const(UNKNOWN, np.int8) for name in BOOL_FIELDS})
    for name in ("geboortedatum", "datumVerblijfsrecht", "datumAsielaanvraag", "datumAfwijzing", "nationaliteit"):
        build[name] = gather(pop[name])
    for name in ("datumKennisgeving", "datumInschrijvingBrp", "datumPip", "datumPvtAfgerond", "datumMapAfgerond"):
        build[name] = gather(state.dates[name])
    build["gezinVanStatushouder"] = lambda: _family_link(pop["groep"][idx])
    build["kansrijk"] = tri(pop["kansrijk"])
    # the accelerated procedure the pact bars from work (a caseload file has no such column: unknown, read
    # from the class by the rulebook)
    build["versneldeProcedure"] = tri(pop["versneld"]) if "versneld" in pop.columns else const(UNKNOWN, np.int8)
    build["beroepSchorsend"] = tri(pop["beroepSchorsend"])
    build["alleenstaandeMinderjarige"] = tri(pop["amv"])
    for name in ("vrijstellendDiploma", "volgtVrijstellendeOpleiding", "ontheffing"):
        build[name] = const(FALSE, np.int8)
    build["lesurenNt2"] = lambda: state.uren[idx].astype(np.float64)
    # effort is in the behavioural decision rates; a caseload file may say it (its column voldoendeInzet)
    build["voldoendeInzet"] = gather(pop["voldoendeInzet"]) if "voldoendeInzet" in pop.columns else const(TRUE, np.int8)
    build["alleLessenGevolgd"] = const(TRUE, np.int8)  # and so is attendance
    build["lesurenKnm"] = const(0.0, np.float64)  # the simulation's hours are NT2 lessons
    build["afgeschaald"] = tri(state.doel_a2)  # or chose A2 at the step
    # the learnability test as the simulation knows it: it indicated A2 for whom the PIP set A2 (phases.leren.
    # afschaling_at_pip gives it then), not for the others; unknown would leave their obligation open
    build["leerbaarheidstoetsA2"] = tri(state.doel_a2)
    build["jarenLeerplichtNl"] = const(0.0, np.float64)
    build["ontheffingOnderdelen"] = const(0, np.int8)  # the simulation releases wholly or not at all
    build["afgeschaaldeOnderdelen"] = const(0, np.int8)  # and lowers all four components (afgeschaald)
    build["verlengingMaanden"] = lambda: state.verlenging[idx].astype(np.int32)
    build["verblijfsdoel"] = lambda: _DOEL[pop["groep"][idx]]
    build["leerroute"] = gather(state.leerroute)
    build["heeftVergunningenlijst"] = const(TRUE if params_years is not None else FALSE, np.int8)
    build["participatieurenZroute"] = const(np.nan, np.float64)
    if params is not None:
        build.update(_zroute_inputs(state, idx, params))
    build.update(built or {})
    ready = dict(given or {})

    def exams() -> dict[str, np.ndarray]:
        levels = state.niveau[idx]
        who, part = np.nonzero(levels > 0)  # one passed exam per component, at its level
        # np.nonzero gives row-major order: by person, then component, one row for each, which is
        # the order sort_exams makes (tested), so no sort is needed (~0.2 s a national run)
        return {
            "persoon": who.astype(np.int64),
            "onderdeel": part.astype(np.int8),
            "niveau": levels[who, part],
            "datum": state.behaald[idx[who], part],
            "geslaagd": np.ones(len(who), bool),
        }

    def permits() -> dict[str, np.ndarray]:
        if params_years is None:
            return _permits(state, idx[:0], (np.zeros(0), np.zeros(0)))
        return _permits(state, idx, params_years)

    columns = Lazy(ready, {k: v for k, v in build.items() if k not in ready})
    return Persons(range(n), columns, Lazy(group=exams), Lazy(group=permits))


def _zroute_inputs(state: State, idx: np.ndarray, params: ParameterSet) -> dict[str, Callable[[], np.ndarray]]:
    """The Z-route's final interview and participation hours, as the simulation knows them.

    The simulation does not follow the interview or the participation hours one by one: its
    completion step (:func:`inburgering.rules.voldaan.obligation_met`) finishes the route when
    the course hours and the participation months are behind the person, and then the interview
    is held. So the interview's day is the day the obligation was met, and whoever met it did the
    participation hours the route asked on that day; before that, none of either.
    """
    met = state.dates["datumVoldaan"]

    def hours() -> np.ndarray:
        day = met[idx]
        done = ~np.isnat(day)
        on = np.where(done, day, law_start(params))  # any day the parameters know, for those not done
        asylum = params["leerroute.zroute_participatieuren_asiel"].values_at(on).astype(np.float64)
        family = params["leerroute.zroute_participatieuren_gezin"].values_at(on).astype(np.float64)
        asked = np.where(statushouders(state.pop, idx), asylum, family)
        return np.where(done, asked, 0.0)

    return {"datumEindgesprekZroute": lambda: met[idx], "participatieurenZroute": hours}


def ask(
    state: State,
    idx: np.ndarray,
    peildatum: np.datetime64,
    params: ParameterSet,
    *names: str,
    permit_years: tuple[np.ndarray, np.ndarray] | None = None,
    given: Mapping[str, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Values of rules ``names`` for persons ``idx`` on ``peildatum`` (``given``: see :func:`persons_for`)."""
    if len(idx) == 0:
        return {name: np.zeros(0) for name in names}
    if given is None or "jarenLeerplichtNl" not in given:
        # the years of compulsory schooling here, from the first BRP registration (in COA or the
        # municipality); worked out only if a rule asked reads it. Given, they serve naturalisation
        # too (counted to 18, where Besluit naturalisatietoets 3.1.j counts to 16): the simulation has
        # no Dutch school diplomas (vrijstellendDiploma), and a child schooled here from 8 or 9 has one
        # by 18 that exempts from the test as well, so the longer count stands in for it (decision 0019)
        def years() -> np.ndarray:
            registered = np.fmin(state.dates["datumBsn"][idx], state.dates["datumInschrijvingBrp"][idx])
            return jaren_leerplicht_nl(params, peildatum, state.pop["geboortedatum"][idx], registered)

        built = {"jarenLeerplichtNl": years}
    else:
        built = {}
    ctx = Context(persons_for(state, idx, permit_years, given, built, params), peildatum, params, traced=False)
    return {name: ctx.get(name).value for name in names}
