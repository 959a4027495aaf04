"""Person input: the ``explain`` contract's JSON keys, validated into numpy columns.

Why one module: the person calculator, the API and (later) the caseload import all take
persons in this shape; validating in one place means one set of messages. Every problem of
every person is collected before anything is computed, and each message names the person,
the field, the value and what is allowed. Values are never logged.

Nullable booleans are stored as tri-state ``int8`` (see :mod:`inburgering.rules.logic`),
missing dates as ``NaT``, missing numbers as ``NaN``, missing codes as ``-1``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from inburgering.bsn import looks_like_bsn
from inburgering.codes import LEERROUTES, NIVEAUS, ONDERDELEN, SOORTEN_VERGUNNING, VERBLIJFSDOELEN
from inburgering.i18n import N_, country_codes
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN
from inburgering.rules.person_order import check_order
from inburgering.rules.person_parts import check_participation_release
from inburgering.rules.person_schema import ALL_FIELDS as ALL_FIELDS
from inburgering.rules.person_schema import BOOL_FIELDS as BOOL_FIELDS
from inburgering.rules.person_schema import DATE_FIELDS as DATE_FIELDS
from inburgering.rules.person_schema import ID_MAX_LENGTH as ID_MAX_LENGTH
from inburgering.rules.person_schema import NUMBER_FIELDS as NUMBER_FIELDS
from inburgering.rules.person_schema import PART_FIELDS as PART_FIELDS
from inburgering.rules.person_schema import REQUIRED as REQUIRED
from inburgering.rules.person_schema import ZROUTE_PARTICIPATIE as ZROUTE_PARTICIPATIE
from inburgering.rules.person_schema import FieldError as FieldError

_EXAM_KEYS = ("onderdeel", "niveau", "datum", "geslaagd")
_PERMIT_KEYS = ("soort", "begin", "einde")


class PersonInputError(ValueError):
    """Invalid person input; ``errors`` holds every :class:`FieldError` found."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("\n".join(e.message() for e in errors))


class Lazy(Mapping[str, np.ndarray]):
    """Columns built when first read, each once.

    Why: the simulation asks the rulebook about two thousand times a run, each time for a few
    rules that read a few of the thirty-odd inputs; building every input each time cost a fifth
    of the run. The bridge describes every column (a function that gathers it), and only the
    ones a rule reads (:meth:`Context.col`) are gathered. ``group`` builds a table whose columns
    come together (the exams, the permits) with one function returning them all.
    """

    def __init__(
        self,
        ready: Mapping[str, np.ndarray] | None = None,
        builders: Mapping[str, Callable[[], np.ndarray]] | None = None,
        group: Callable[[], Mapping[str, np.ndarray]] | None = None,
    ):
        self._ready: dict[str, np.ndarray] = dict(ready or {})
        self._build: dict[str, Callable[[], np.ndarray]] = dict(builders or {})
        self._group = group

    def __getitem__(self, name: str) -> np.ndarray:
        if name in self._ready:
            return self._ready[name]
        if self._group is not None:
            self._whole_group()
            return self._ready[name]
        value = self._build.pop(name)()  # a name nobody describes is a KeyError, as in a dict
        self._ready[name] = value
        return value

    def _whole_group(self) -> None:
        if self._group is not None:
            self._ready.update(self._group())
            self._group = None

    def __iter__(self) -> Iterator[str]:
        self._whole_group()  # a group's names are known once it is built
        return iter([*self._ready, *self._build])

    def __len__(self) -> int:
        self._whole_group()
        return len(self._ready) + len(self._build)

    def __contains__(self, name: object) -> bool:
        if name in self._ready or name in self._build:
            return True
        self._whole_group()
        return name in self._ready


@dataclass(frozen=True)
class Persons:
    """Columns of a person table, one row per person (see module docstring for encodings).

    ``columns``, ``examens`` and ``vergunningen`` are read-only mappings: plain dicts from the
    input parser, :class:`Lazy` ones from the simulation's bridge.
    """

    ids: Sequence[Any]  # person ids as given (strings); the simulation passes row numbers
    columns: Mapping[str, np.ndarray]
    examens: Mapping[str, np.ndarray]
    vergunningen: Mapping[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]


def _date(value: Any, person: str, field: str, errors: list[FieldError]) -> np.datetime64:
    allowed = N_("an existing date written YYYY-MM-DD")
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return np.datetime64(value, "D")
    if not isinstance(value, str) or len(value) != 10:
        errors.append(FieldError(person, field, value, allowed))
        return np.datetime64("NaT", "D")
    try:
        return np.datetime64(_dt.date.fromisoformat(value), "D")
    except ValueError:
        errors.append(FieldError(person, field, value, allowed))
        return np.datetime64("NaT", "D")


def _row(raw: Any, index: int, errors: list[FieldError]) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        errors.append(FieldError(f"#{index + 1}", "(persoon)", raw, N_("a JSON object")))
        return None
    pid = raw.get("id")
    person = pid if isinstance(pid, str) and pid else f"#{index + 1}"
    if pid is not None and not (isinstance(pid, str) and pid.strip()):  # a missing id is reported below, once
        errors.append(FieldError(person, "id", pid, N_("a non-empty string")))
    elif isinstance(pid, str) and len(pid) > ID_MAX_LENGTH:
        person = f"#{index + 1}"
        errors.append(
            FieldError(
                person, "id", pid[:20] + "...", N_("a string of at most {most} characters"), {"most": ID_MAX_LENGTH}
            )
        )
    elif isinstance(pid, str) and looks_like_bsn(pid):  # never echo it: the message names the row, not the value
        person = f"#{index + 1}"
        errors.append(FieldError(person, "id", "(weggelaten)", N_("an id that is not a BSN (it passes the 11-check)")))
    for key in raw:
        if key not in ALL_FIELDS:
            errors.append(
                FieldError(person, key, raw[key], N_("one of the keys {keys}"), {"keys": ", ".join(ALL_FIELDS)})
            )
    for key in REQUIRED:
        if raw.get(key) is None:
            errors.append(FieldError(person, key, None, N_("a value: this field is required")))
    row: dict[str, Any] = {"id": person}
    for key in DATE_FIELDS:
        value = raw.get(key)
        row[key] = np.datetime64("NaT", "D") if value is None else _date(value, person, key, errors)
    for key in BOOL_FIELDS:
        value = raw.get(key)
        if value is None:
            row[key] = UNKNOWN
        elif isinstance(value, bool):
            row[key] = TRUE if value else FALSE
        else:
            errors.append(FieldError(person, key, value, N_("true or false")))
            row[key] = UNKNOWN
    for key, top in NUMBER_FIELDS.items():
        value = raw.get(key)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= top
        if value is not None and not (ok and value == value):
            errors.append(FieldError(person, key, value, N_("a number from 0 to {top}"), {"top": top}))
        row[key] = float(value) if value is not None and ok else np.nan
    ext = raw.get("verlengingMaanden", 0)
    if ext is None:
        ext = 0
    if not (isinstance(ext, int) and not isinstance(ext, bool) and 0 <= ext <= 120):
        errors.append(
            FieldError(person, "verlengingMaanden", ext, N_("a whole number of months from 0 to {most}"), {"most": 120})
        )
        ext = 0
    row["verlengingMaanden"] = ext
    row["nationaliteit"] = _code(raw.get("nationaliteit"), person, errors)
    row["verblijfsdoel"] = _enum(raw, "verblijfsdoel", VERBLIJFSDOELEN, person, errors)
    row["leerroute"] = _enum(raw, "leerroute", LEERROUTES, person, errors)
    for key, (allowed, most) in PART_FIELDS.items():
        row[key] = _parts(raw.get(key), key, allowed, most, person, errors)
    if raw.get("verblijfsdoel") == "tijdelijk" and raw.get("gezinVanStatushouder") is True:
        errors.append(
            FieldError(
                person,
                "gezinVanStatushouder",
                True,
                N_(
                    "false or empty when {field} is 'tijdelijk': family reunion with a status holder (art. 13.1.b) is "
                    "no temporary purpose (Besluit 2.2)"
                ),
                {"field": "verblijfsdoel"},
            )
        )
    if row["ontheffingOnderdelen"] and raw.get("ontheffing") is True:
        errors.append(
            FieldError(
                person,
                "ontheffingOnderdelen",
                raw.get("ontheffingOnderdelen"),
                N_("no list when 'ontheffing' is true (a whole ontheffing); give the list for a partial one"),
            )
        )
    check_participation_release(raw, person, errors)
    if row["afgeschaaldeOnderdelen"] and raw.get("afgeschaald") is True:
        errors.append(
            FieldError(
                person,
                "afgeschaaldeOnderdelen",
                raw.get("afgeschaaldeOnderdelen"),
                N_("no list when 'afgeschaald' is true (all four lowered); give the list for a partial afschaling"),
            )
        )
    row["examens"] = _items(raw, "examens", _EXAM_KEYS, person, errors, _exam)
    row["verblijfsvergunningen"] = _items(raw, "verblijfsvergunningen", _PERMIT_KEYS, person, errors, _permit)
    check_order(row, raw, person, errors)
    return row


def _code(value: Any, person: str, errors: list[FieldError]) -> str:
    if value is None:
        return ""
    if not (isinstance(value, str) and value in country_codes()):
        errors.append(
            FieldError(person, "nationaliteit", value, N_("an ISO 3166-1 alpha-2 code in capitals, e.g. SY, TR, ER"))
        )
        return ""
    return value


def _enum(raw: dict[str, Any], key: str, allowed: tuple[str, ...], person: str, errors: list[FieldError]) -> int:
    value = raw.get(key)
    if value is None:
        return -1
    if value not in allowed:
        errors.append(FieldError(person, key, value, N_("one of {choices}"), {"choices": " | ".join(allowed)}))
        return -1
    return allowed.index(value)


def _parts(value: Any, key: str, allowed: tuple[str, ...], most: int, person: str, errors: list[FieldError]) -> int:
    """A list of component names as a bitmask; at most ``most`` of the four language components."""
    if value is None:
        return 0
    what = N_("a list of distinct names from {names}, at most {most} of the four language components")
    params = {"names": ", ".join(allowed), "most": most}
    if not isinstance(value, list) or not all(isinstance(v, str) and v in allowed for v in value):
        errors.append(FieldError(person, key, value, what, params))
        return 0
    if len(set(value)) != len(value) or sum(v in ONDERDELEN[:4] for v in value) > most:
        errors.append(FieldError(person, key, value, what, params))
        return 0
    return sum(1 << allowed.index(v) for v in value)


def _items(
    raw: dict[str, Any], key: str, keys: tuple[str, ...], person: str, errors: list[FieldError], parse: Any
) -> list[tuple[Any, ...]] | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        errors.append(
            FieldError(person, key, value, N_("a list of objects with keys {keys}"), {"keys": ", ".join(keys)})
        )
        return None
    out = []
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        required = set(keys) - {"einde"}
        if not isinstance(item, dict) or not required <= set(item) or set(item) - set(keys):
            errors.append(
                FieldError(person, where, item, N_("an object with the keys {keys}"), {"keys": ", ".join(keys)})
            )
            continue
        parsed = parse(item, person, where, errors)
        if parsed is not None:
            out.append(parsed)
    return out


def _exam(item: dict[str, Any], person: str, where: str, errors: list[FieldError]) -> tuple[Any, ...] | None:
    n_before = len(errors)
    if item["onderdeel"] not in ONDERDELEN:
        errors.append(
            FieldError(
                person,
                f"{where}.onderdeel",
                item["onderdeel"],
                N_("one of {choices}"),
                {"choices": " | ".join(ONDERDELEN)},
            )
        )
    if item["niveau"] not in NIVEAUS:
        errors.append(
            FieldError(
                person, f"{where}.niveau", item["niveau"], N_("one of {choices}"), {"choices": " | ".join(NIVEAUS)}
            )
        )
    if not isinstance(item["geslaagd"], bool):
        errors.append(FieldError(person, f"{where}.geslaagd", item["geslaagd"], N_("true or false")))
    day = _date(item["datum"], person, f"{where}.datum", errors)
    if len(errors) > n_before:
        return None
    return ONDERDELEN.index(item["onderdeel"]), NIVEAUS.index(item["niveau"]) + 1, day, item["geslaagd"]


def _permit(item: dict[str, Any], person: str, where: str, errors: list[FieldError]) -> tuple[Any, ...] | None:
    n_before = len(errors)
    if item["soort"] not in SOORTEN_VERGUNNING:
        errors.append(
            FieldError(
                person,
                f"{where}.soort",
                item["soort"],
                N_("one of {choices}"),
                {"choices": " | ".join(SOORTEN_VERGUNNING)},
            )
        )
    begin = _date(item["begin"], person, f"{where}.begin", errors)
    end = (
        np.datetime64("NaT", "D")
        if item.get("einde") is None
        else _date(item["einde"], person, f"{where}.einde", errors)
    )
    if len(errors) == n_before and not np.isnat(end) and end < begin:
        errors.append(
            FieldError(
                person,
                f"{where}.einde",
                item.get("einde"),
                N_("a date on or after {field} ({date})"),
                {"field": "begin", "date": str(begin)},
            )
        )
    if len(errors) > n_before:
        return None
    return SOORTEN_VERGUNNING.index(item["soort"]), begin, end


def parse_persons(raw: Any) -> Persons:
    """Validate one person object or a list of them; raise :class:`PersonInputError` on any error."""
    items = raw if isinstance(raw, list) else [raw]
    errors: list[FieldError] = []
    if not items:
        raise PersonInputError([FieldError("-", "(invoer)", raw, N_("one person object or a non-empty list"))])
    rows = [_row(item, i, errors) for i, item in enumerate(items)]
    seen: set[str] = set()
    for row in rows:
        if row is not None and row["id"] in seen:
            errors.append(FieldError(row["id"], "id", row["id"], N_("an id not used by another person")))
        if row is not None:
            seen.add(row["id"])
    if errors:
        raise PersonInputError(errors)
    return _columns([r for r in rows if r is not None])


def _columns(rows: list[dict[str, Any]]) -> Persons:
    cols: dict[str, np.ndarray] = {}
    for key in DATE_FIELDS:
        cols[key] = np.array([r[key] for r in rows], dtype="datetime64[D]")
    for key in BOOL_FIELDS:
        cols[key] = np.array([r[key] for r in rows], dtype=np.int8)
    for key in NUMBER_FIELDS:
        cols[key] = np.array([r[key] for r in rows], dtype=np.float64)
    cols["verlengingMaanden"] = np.array([r["verlengingMaanden"] for r in rows], dtype=np.int32)
    for key in PART_FIELDS:
        cols[key] = np.array([r[key] for r in rows], dtype=np.int8)
    cols["nationaliteit"] = np.array([r["nationaliteit"] for r in rows], dtype="U2")
    cols["verblijfsdoel"] = np.array([r["verblijfsdoel"] for r in rows], dtype=np.int8)
    cols["leerroute"] = np.array([r["leerroute"] for r in rows], dtype=np.int8)
    exams = [(i, *e) for i, r in enumerate(rows) for e in (r["examens"] or [])]
    permits = [(i, *p) for i, r in enumerate(rows) for p in (r["verblijfsvergunningen"] or [])]
    cols["heeftVergunningenlijst"] = np.array(
        [TRUE if r["verblijfsvergunningen"] is not None else FALSE for r in rows], dtype=np.int8
    )
    examens: dict[str, np.ndarray] = {
        "persoon": np.array([e[0] for e in exams], dtype=np.int64),
        "onderdeel": np.array([e[1] for e in exams], dtype=np.int8),
        "niveau": np.array([e[2] for e in exams], dtype=np.int8),
        "datum": np.array([e[3] for e in exams], dtype="datetime64[D]"),
        "geslaagd": np.array([e[4] for e in exams], dtype=bool),
    }
    vergunningen: dict[str, np.ndarray] = {
        "persoon": np.array([p[0] for p in permits], dtype=np.int64),
        "soort": np.array([p[1] for p in permits], dtype=np.int8),
        "begin": np.array([p[2] for p in permits], dtype="datetime64[D]"),
        "einde": np.array([p[3] for p in permits], dtype="datetime64[D]"),
    }
    return Persons(tuple(r["id"] for r in rows), cols, sort_exams(examens), vergunningen)


def sort_exams(examens: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Order the exam table by person, component and date (the order rules rely on).

    Sorting once when the table is built lets every summary on every peildatum pick the
    first row of each (person, component) run instead of scattering with ``ufunc.at``.
    """
    order = np.lexsort((examens["datum"], examens["onderdeel"], examens["persoon"]))
    return {key: value[order] for key, value in examens.items()}
