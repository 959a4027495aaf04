"""A checked caseload file as the simulation's starting point: a population and its state.

Each row becomes one person in the state the file gives on its date (``peildatum``): where
they live, where they are in the obligation, their route, hours, exam results, PVT, MAP and
extensions. The same engine and rules then run forward from the month after.

What the file does not say is imputed, and every imputation is counted so the report can
say so:

- Attributes the file must not hold or need not hold (sex, education, a young child,
  learnability, the latent language level) come from a *donor* in the same situation
  (:mod:`inburgering.caseload.donors`). Donors are drawn again in every draw, so the
  forecast's interval includes what the file does not say.
- Missing dates (permit, DUO's notice, BRP registration) are set from the dates the file
  does give; missing lesson hours from the months since the PIP at the route's pace.
- The latent language level is the donor's, moved by the difference in lesson hours, and
  at least the level of every component passed less the exam-readiness margin.

Dates the law sets (end of the term, last day to change the route, the PIP deadline) and
the right to MB come from the rulebook under the scenario, unless the file gives them (DUO's
end of the term wins: it is the authoritative one). Rows are ordered by their content
(:func:`order`), so a forecast depends neither on the order of the file nor on the key.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from inburgering.caseload.donors import Donors, find
from inburgering.caseload.parsed import FileColumns, content_hash
from inburgering.codes import Leerroute, Niveau, Onderdeel
from inburgering.dates import DAYS_PER_MONTH, NAT, month_numbers
from inburgering.law.scenario import Scenario
from inburgering.rules.leerroute import afschaling_urengrens
from inburgering.rules.logic import FALSE, TRUE
from inburgering.rules.person import LEERROUTES
from inburgering.rules.plicht import aow_datum
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.bridge import ask
from inburgering.sim.phases.gemeente import AOW_EVENT, cutoffs
from inburgering.sim.phases.handhaving import fined_before
from inburgering.sim.phases.leren import gain_for_hours
from inburgering.sim.population import ASIEL, GEZIN, NAREIZIGER, OVERIG, VROUW, Population, without_wi2013_stock
from inburgering.sim.run import Run, month_number
from inburgering.sim.state import (
    COA_VERGUNNING,
    GEMEENTE,
    NIET_PLICHTIG,
    ONTHEVEN,
    OVERSCHREDEN,
    TERMIJN,
    VERLENGD,
    VOLDAAN_IN_TERMIJN,
    VOLDAAN_MET_VERLENGING,
    VOLDAAN_NA_TERMIJN,
    WACHT_INTAKE,
    State,
)

_GROUP = {"asiel": ASIEL, "gezin": GEZIN, "overig": OVERIG}


@dataclass
class Start:
    """The population and state a forecast starts from, and what had to be imputed."""

    pop: Population
    state: State
    peildatum: np.datetime64
    imputed: Counter[str] = field(default_factory=Counter)  # item -> persons
    route_cutoffs: dict[bool, tuple[float, float]] = field(default_factory=dict)

    @property
    def begin(self) -> np.datetime64:
        """The first month the simulation runs: the one after the file's date."""
        return self.peildatum.astype("datetime64[M]") + np.timedelta64(1, "M")


def order(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered by a hash of what they say (not the id, not the row number), then by pseudonym.

    A person's random numbers follow from what their row says (and, among rows that say the
    same, from their rank in this order: :func:`inburgering.caseload.parsed.stream_keys`), so the
    forecast is a function of the file's content alone: not of the order of its rows, not of the
    key that pseudonymised it (each web upload draws a new key; three uploads of one file gave
    451, 448 and 461 in term), and a person's own forecast not of the other rows. Only rows that
    say exactly the same are ordered by their pseudonyms, and they are interchangeable.
    """
    return sorted(rows, key=lambda r: (content_hash(r), str(r["id"])))


def _earliest(*columns: np.ndarray) -> np.ndarray:
    out = columns[0].copy()
    for c in columns[1:]:
        out = np.where(np.isnat(out), c, np.where(np.isnat(c), out, np.minimum(out, c)))
    return out


def permits(cols: FileColumns, peil: np.datetime64) -> tuple[np.ndarray, int]:
    """Permit dates, missing ones set to the earliest date the file gives after it; and how many were missing."""
    given = cols.dates("datumVerblijfsrecht")
    later = _earliest(
        *(cols.dates(c) for c in ("datumKennisgeving", "datumInschrijvingBrp", "datumPip", "startTermijn")),
        cols.first_pip(),
    )
    missing = np.isnat(given)
    return np.where(missing, np.where(np.isnat(later), peil, later), given), int(missing.sum())


def population(cols: FileColumns, permit: np.ndarray, peil: np.datetime64, donors: Donors) -> Population:
    """The persons of the file as a population: the file's facts, the donors' unobserved attributes."""
    n, rp, d = len(cols), donors.ref.pop, donors.row
    born = cols.dates("geboortedatum").copy()
    groep = np.zeros(n, np.int8)
    for doel, code in _GROUP.items():
        groep[cols.text("verblijfsdoel") == doel] = code
    age = (permit - born).astype(np.int64) / 365.2425
    woman = rp["geslacht"][d] == VROUW
    return Population(
        {
            "groep": groep,
            "sleutel": cols.keys(),  # each person's draws keyed by what their row says, not its place
            "sponsor": np.full(n, -1, np.int64),
            "cohort": (permit.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.int16),
            "geslacht": rp["geslacht"][d],
            "geboortedatum": born,
            "nationaliteit": cols.text("nationaliteit").astype("U2"),
            "opleiding": rp["opleiding"][d],
            "geletterd": rp["geletterd"][d],
            "jongKind": rp["jongKind"][d] & woman & (age >= 18) & (age < 45),
            "amv": np.zeros(n, bool),
            "kansrijk": np.zeros(n, bool),
            "datumAsielaanvraag": np.full(n, NAT),
            "datumVerblijfsrecht": permit,
            "datumAfwijzing": np.full(n, NAT),
            "vertrekUitCoa": np.full(n, NAT),
            "instroom": permit,
            "leerbaarheid": rp["leerbaarheid"][d],
            "bekendOp": np.full(n, peil),
            "rol": np.zeros(n, np.int8),  # every row of a caseload file is a person with an obligation
            "ouder": np.full(n, -1, np.int64),
            "sponsorVergunning": np.full(n, NAT),  # a file names no sponsor
            "beroepSchorsend": np.zeros(n, bool),  # nor a rejection
            # the college's judgement of effort (Besluit 5.5, 4.4): "nee" holds afschaling and the efforts
            # extension back; not given, sufficient, as the simulation assumes (a review found it ignored)
            "voldoendeInzet": np.where(cols.flags("voldoendeInzet") == 0, FALSE, TRUE).astype(np.int8),
            **without_wi2013_stock(n),  # a caseload row is a Wi2021 obligation
        }
    )


def build(cols: FileColumns, peildatum: _dt.date, scenario: Scenario, b: Behaviour, ref: State, seed: int) -> Start:
    """The start of a forecast of the file ``cols`` (checked rows, in pseudonym order) under ``scenario``.

    ``ref`` is the donors' population (:func:`inburgering.caseload.donors.reference`).
    """
    peil = np.datetime64(peildatum, "D")
    imputed: Counter[str] = Counter()
    permit, missing = permits(cols, peil)
    imputed["datumVerblijfsrecht"] += missing
    pace = np.array([b.v(f"leren.uren_per_maand_{r}") for r in LEERROUTES]) * (1 - b.v("leren.verzuim"))
    donors = find(cols, ref, permit, peil, seed, pace)
    imputed["geslacht, jongKind, leerbaarheid (donor)"] += len(cols)
    pop = population(cols, permit, peil, donors)
    st = State.start(pop)
    run = Run(st, scenario.parameters, b, seed)
    has_pip = ~np.isnat(cols.first_pip())
    from_term = ~np.isnat(cols.dates("startTermijn")) & ~(cols.first_pip() == cols.dates("datumPip"))
    imputed["datumPip (startTermijn)"] += int(from_term.sum())
    # DUO's end of a term whose start the file does not give (neither startTermijn nor datumPip): no term
    # can run without its start, so the end is not used (a municipal review found it dropped silently)
    imputed["eindeTermijn (unused)"] += int((~has_pip & ~np.isnat(cols.dates("eindeTermijn"))).sum())
    _where(run, cols, has_pip, peil, imputed)
    _route_and_hours(run, cols, has_pip, donors, pace, imputed)
    _exams(st, cols, peil)
    st.verlenging[:] = cols.count("verlengingMaanden")
    lowered = cols.dates("datumAfschaling")
    st.doel_a2[:] = ~np.isnat(lowered) & (st.leerroute == Leerroute.B1)
    st.dates["datumAfschaling"][st.doel_a2] = lowered[st.doel_a2]
    _obligation(run, cols, has_pip, peil, imputed)
    _until_aow(run, peil)
    _language(run, has_pip, donors)
    _afschaling_now(run, peil)
    # a head start from voorinburgering counts at the PIP (leren.start_learning); the file does not say it
    took = np.flatnonzero(donors.waiting)
    st.dates["datumVoorinburgeringAfgerond"][took] = ref.dates["datumVoorinburgeringAfgerond"][donors.row[took]]
    return Start(pop, st, peil, imputed, cutoffs(ref.pop, b.v))


def _where(run: Run, cols: FileColumns, has_pip: np.ndarray, peil: np.datetime64, imputed: Counter[str]) -> None:
    """Housed or still in COA, with the BRP date, DUO's notice and the PIP date."""
    st, pop, n = run.state, run.state.pop, len(cols)
    asylum = pop["groep"] <= NAREIZIGER
    pip = cols.first_pip()
    brp = cols.dates("datumInschrijvingBrp")
    housed = ~np.isnat(brp) | has_pip | ~asylum
    fill_brp = housed & np.isnat(brp)
    imputed["datumInschrijvingBrp"] += int(fill_brp.sum())
    permit = pop["datumVerblijfsrecht"]
    # family and other migrants arrive housed; a status holder with a PIP was housed by then
    brp = np.where(fill_brp, np.where(asylum, _earliest(pip, np.full(n, peil)), permit), brp)
    # whoever moved here was housed at the first registration: the MB began, and the SPUK counts the
    # person in that year's cohort (Besluit 10.2, 10.4), not in the year of the move
    brp = np.where(np.isnat(first := cols.dates("datumEersteInschrijvingBrp")), brp, first)
    st.verblijf[:] = np.where(housed, GEMEENTE, COA_VERGUNNING)
    notice = cols.dates("datumKennisgeving")
    fill_notice = np.isnat(notice)
    imputed["datumKennisgeving"] += int(fill_notice.sum())
    half = round(run.v("gemeente.kennisgeving_max_maanden") * DAYS_PER_MONTH / 2)
    guess = np.minimum(permit + np.timedelta64(half, "D"), _earliest(pip, np.full(n, peil)))
    st.dates["datumKennisgeving"][:] = np.where(fill_notice, np.maximum(guess, permit), notice)
    st.dates["datumInschrijvingBrp"][:] = brp
    st.dates["datumPip"][:] = pip
    st.dates["datumPvtAfgerond"][:] = cols.dates("datumPvtAfgerond")
    st.dates["datumMapAfgerond"][:] = cols.dates("datumMapAfgerond")


def _route_and_hours(
    run: Run,
    cols: FileColumns,
    has_pip: np.ndarray,
    donors: Donors,
    pace: np.ndarray,
    imputed: Counter[str],
) -> None:
    """The route (the donor's where the file has none) and the hours (at the route's pace where missing)."""
    st = run.state
    route = cols.route()
    fill = has_pip & (route < 0)
    imputed["leerroute (donor)"] += int(fill.sum())
    # a route without a PIP (or DUO's start of the term) is not one yet (W 15: the PIP sets it): not used,
    # and said so (a municipal review found it dropped silently)
    imputed["leerroute (unused)"] += int((~has_pip & (route >= 0)).sum())
    from_donor = np.where(donors.learner, donors.ref.leerroute[donors.row], 0)
    st.leerroute[:] = np.where(has_pip, np.where(fill, from_donor, route), -1)
    st.route_bij_pip[:] = st.leerroute
    hours = cols.number("lesurenNt2")
    fill_hours = has_pip & np.isnan(hours)
    imputed["lesurenNt2"] += int(fill_hours.sum())
    months = np.nan_to_num((st.pop["bekendOp"] - st.dates["datumPip"]).astype("float64") / DAYS_PER_MONTH)
    expected = pace[np.maximum(st.leerroute, 0)] * np.maximum(months, 0)
    st.uren[:] = np.where(fill_hours, expected, np.nan_to_num(hours)).astype(np.float32)


def _exams(st: State, cols: FileColumns, peil: np.datetime64) -> None:
    """The exams the file says were passed, dated as early as the file allows.

    The file gives no exam dates. Dated on the file's date, a row whose term had ended read as met
    after the term, which the file does not show and which carries DUO's fine (a municipal review);
    so a pass is dated on the latest day the file gives for the trajectory (the PIP, the PVT, the MAP),
    the file's date only where it gives none. Whether the obligation was met is unchanged.
    """
    st.niveau[:, :4] = cols.levels()
    st.niveau[:, Onderdeel.KNM] = np.where(cols.flags("knmBehaald") == 1, Niveau.A2, Niveau.GEEN)
    known = np.stack([cols.first_pip(), cols.dates("datumPvtAfgerond"), cols.dates("datumMapAfgerond")])
    latest = np.where(np.isnat(known), np.datetime64("1900-01-01", "D"), known).max(axis=0)
    day = np.where(np.isnat(known).all(axis=0), peil, np.minimum(latest, peil))
    st.behaald[:] = np.where(st.niveau > 0, day[:, None], NAT)


def _obligation(run: Run, cols: FileColumns, has_pip: np.ndarray, peil: np.datetime64, imputed: Counter[str]) -> None:
    """Where each person is in the obligation, with the dates the law sets and the right to MB.

    The rulebook decides for every row, PIP or not (a review found rows with a PIP forecast as
    obliged whom the law does not oblige: an EU national, a Turkish national or someone under the
    old Act from before 2022, someone of the AOW age): not obliged, the row has no trajectory,
    notice, route costs or MB; already met on the file's date (every part the file gives done),
    it starts as met, not as a completion to come.
    """
    st = run.state
    n = len(cols)
    exempt = cols.flags("vrijgesteld") == 1
    released = (cols.flags("ontheffing") == 1) & ~exempt
    asked = np.flatnonzero(~exempt & ~released)
    out = ask(st, asked, peil, run.params, "moetInburgeren", "plichtVoldaanOp")
    met_on = np.full(n, NAT)
    met_on[asked] = out["plichtVoldaanOp"]
    must = np.zeros(n, bool)
    must[asked] = out["moetInburgeren"] == TRUE
    # with a PIP an unknown answer keeps the trajectory (the file says it runs); without one it waits for none
    not_obliged = np.zeros(n, bool)
    not_obliged[asked] = np.where(has_pip[asked], out["moetInburgeren"] == FALSE, ~must[asked])
    not_obliged &= np.isnat(met_on)
    waiting = np.flatnonzero(~has_pip & ~exempt & ~released & ~not_obliged & np.isnat(met_on))
    st.traject[:] = np.where(has_pip, TERMIJN, NIET_PLICHTIG)
    st.traject[waiting] = WACHT_INTAKE
    st.traject[has_pip & (st.verlenging > 0)] = VERLENGD
    imputed["nietPlichtig (rulebook)"] += int(not_obliged.sum())
    learning = np.flatnonzero(has_pip & ~exempt & ~released & ~not_obliged)
    if len(learning):
        law = ask(st, learning, peil, run.params, "eindeTermijn", "laatsteDagRoutewijziging")
        end_file = cols.dates("eindeTermijn")[learning]
        imputed["eindeTermijn (rulebook)"] += int(np.isnat(end_file).sum())
        end = np.where(np.isnat(end_file), law["eindeTermijn"], end_file)
        st.dates["eindeTermijn"][learning] = end
        st.dates["laatsteDagRoutewijziging"][learning] = law["laatsteDagRoutewijziging"]
        st.traject[learning[end < peil]] = OVERSCHREDEN
        done = ~np.isnat(met_on[learning])
        # a term that ran out before the file's date, not met: DUO's fines then and the new term running now
        overrun = (end < peil) & ~done
        fined_before(run, learning[overrun], end[overrun], peil)
        if done.any():
            who, day, until = learning[done], met_on[learning][done], end[done]
            in_term = np.where(st.verlenging[who] > 0, VOLDAAN_MET_VERLENGING, VOLDAAN_IN_TERMIJN)
            st.traject[who] = np.where(day <= until, in_term, VOLDAAN_NA_TERMIJN)
            st.dates["datumVoldaan"][who] = day
            imputed["voldaan (rulebook)"] += int(done.sum())
    if len(waiting):
        # the state holds the first registration (the SPUK's cohort, the MB); the PIP's deadline of someone
        # who moved here runs from the registration here (Besluit 5.3 lid 3; a municipal review)
        here = cols.dates("datumInschrijvingBrp")[waiting]
        given = {
            "datumInschrijvingBrp": np.where(np.isnat(here), st.dates["datumInschrijvingBrp"][waiting], here),
            "datumEersteInschrijvingBrp": cols.dates("datumEersteInschrijvingBrp")[waiting],
        }
        st.dates["deadlinePip"][waiting] = ask(st, waiting, peil, run.params, "deadlinePip", given=given)["deadlinePip"]
    st.traject[exempt | not_obliged] = NIET_PLICHTIG
    st.traject[released] = ONTHEVEN
    # no obligation, no trajectory: no notice (the SPUK and the execution follow it), no PIP, term or route
    # (the route's costs follow the PIP; a review found an exempt row with a PIP costing route money)
    none = st.traject == NIET_PLICHTIG
    for name in ("datumKennisgeving", "datumPip", "eindeTermijn", "laatsteDagRoutewijziging"):
        st.dates[name][none] = NAT
    st.leerroute[none] = -1
    st.route_bij_pip[none] = -1
    st.dates["datumOntheffing"][released] = peil
    mb_file = cols.flags("maatschappelijkeBegeleiding")
    # the file's exemption and ontheffing reach the rulebook (a review found MB costed for exempt and released
    # rows: the rulebook was told neither, so it took them as obliged); DUO's exemption read as the diploma's
    given = {
        "vrijstellendDiploma": np.where(exempt, TRUE, FALSE).astype(np.int8),
        "ontheffing": np.where(released, TRUE, FALSE).astype(np.int8),
    }
    mb_law = ask(st, np.arange(n), peil, run.params, "rechtOpMaatschappelijkeBegeleiding", given=given)
    by_law = mb_law["rechtOpMaatschappelijkeBegeleiding"] == TRUE
    imputed["maatschappelijkeBegeleiding (rulebook)"] += int((mb_file < 0).sum())
    # the file's MB answer where the law can give it; without an obligation only the law's (W 13.1 offers MB to
    # the inburgeringsplichtige; a scenario may widen it): a review found MB costed for an EU national
    st.mb[:] = np.where((mb_file < 0) | none | released, by_law, mb_file == 1)
    # the right held on the file's date: MB counts from BRP registration (or from that date if none is known)
    registered = st.dates["datumInschrijvingBrp"]
    st.dates["datumRechtMb"][:] = np.where(st.mb, np.where(np.isnat(registered), peil, registered), NAT)


def _until_aow(run: Run, peil: np.datetime64) -> None:
    """Ask again, in the month each obliged person reaches the AOW age, whether the obligation ends (art. 3.1).

    As :func:`inburgering.sim.phases.gemeente.start_obligation` does for the simulation's own
    persons: the obligation lasts while the person is below the AOW age in force. Someone who
    reached it before the forecast begins is asked in its first month; the rulebook decides.
    """
    st = run.state
    obliged = np.flatnonzero((st.traject >= WACHT_INTAKE) & (st.traject <= OVERSCHREDEN))
    pension = aow_datum(run.params, st.pop["geboortedatum"][obliged])
    first = month_number(peil) + 1  # the forecast's first month (Start.begin)
    run.schedule_months(AOW_EVENT, obliged, np.maximum(month_numbers(pension), first))


def _afschaling_now(run: Run, peil: np.datetime64) -> None:
    """B1-route learners for whom the rulebook already allows afschaling on the file's date (as leren.afschaling asks)."""
    st = run.state
    b1 = np.flatnonzero(
        (st.leerroute == Leerroute.B1)
        & ~st.doel_a2
        & (st.traject >= TERMIJN)
        & (st.traject <= OVERSCHREDEN)
        & (st.uren >= afschaling_urengrens(run.params, peil))
    )
    if len(b1):
        possible = ask(st, b1, peil, run.params, "afschalingMogelijk")["afschalingMogelijk"] == TRUE
        st.dates["afschalingMogelijkVanaf"][b1[possible]] = peil


def _language(run: Run, has_pip: np.ndarray, donors: Donors) -> None:
    """Latent level: the donor learner's, moved by the difference in hours; at least each passed level less the margin.

    A donor who is not a learner (no match) gives only the learning rate: the starting level plus what the hours bring.
    """
    st, ref = run.state, donors.ref
    idx = np.flatnonzero(has_pip)
    d = donors.row[idx]
    own = run.v("leren.taal_start") + gain_for_hours(run, idx, st.uren[idx])
    extra = gain_for_hours(run, idx, st.uren[idx] - ref.uren[d])
    level = np.where(donors.learner[idx], ref.taal[d] + extra, own)
    passed = st.niveau[idx, :4].max(axis=1).astype(np.float32) - run.v("leren.examen_klaar_marge")
    st.taal[idx] = np.clip(np.maximum(level, passed), run.v("leren.taal_start"), 4.5).astype(np.float32)
