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
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from inburgering.bsn import looks_like_bsn
from inburgering.codes import LEERROUTES, NIVEAUS, ONDERDELEN, SOORTEN_VERGUNNING, VERBLIJFSDOELEN, Verblijfsdoel
from inburgering.i18n import N_, country_codes, gettext_for
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN

REQUIRED = ("id", "geboortedatum", "nationaliteit", "verblijfsdoel")
ID_MAX_LENGTH = 100  # the API schema's maxLength too
DATE_FIELDS = (
    "geboortedatum",
    "datumVerblijfsrecht",
    "datumAsielaanvraag",
    "datumKennisgeving",
    "datumInschrijvingBrp",
    "datumPip",
    "datumPvtAfgerond",
    "datumMapAfgerond",
    "datumAfwijzing",
    "datumEindeSchorsing",
    "datumNaturalisatieverzoek",
    "datumEindgesprekZroute",
)
BOOL_FIELDS = (
    "gezinVanStatushouder",
    "kansrijk",
    "voldoendeInzet",
    "vrijstellendDiploma",
    "volgtVrijstellendeOpleiding",
    "vrijstellingOpleidingWi2013",
    "ontheffing",
    "alleenstaandeMinderjarige",
    "kwetsbareAmv",
    "leerbaarheidstoetsA2",
    "aantoonbaarNietInStaatTaaleis",
    "afgeschaald",
    "alleLessenGevolgd",
    "beroepSchorsend",
)
NUMBER_FIELDS = {
    "lesurenNt2": 100_000,
    "lesurenKnm": 100_000,
    "jarenLeerplichtNl": 100,
    "participatieurenZroute": 100_000,
}
ZROUTE_PARTICIPATIE = "participatie"
"""The Z-route's participation part (Besluit 3.14 lid 2 b), which a partial ontheffing may release (2.7 lid 3 c)."""
PART_FIELDS = {
    # a partial ontheffing (art. 5.1 "geheel of gedeeltelijk", Besluit 2.7 lid 3): at most 3 of the 4
    # language components, and/or KNM (a), or the Z-route's participation part (c)
    "ontheffingOnderdelen": ((*ONDERDELEN, ZROUTE_PARTICIPATIE), 3),
    # a partial afschaling (art. 17.3 "geheel of gedeeltelijk op het niveau A2"): language components only
    "afgeschaaldeOnderdelen": (ONDERDELEN[:4], 4),
}
"""Lists of parts, stored as an ``int8`` bitmask (bit i: the i-th allowed name; the exam components first, as
``ONDERDELEN``): (allowed, most language parts)."""
ALL_FIELDS = (
    *REQUIRED,
    *DATE_FIELDS[1:],
    *BOOL_FIELDS,
    *NUMBER_FIELDS,
    *PART_FIELDS,
    "leerroute",
    "verlengingMaanden",
    "examens",
    "verblijfsvergunningen",
)
_EXAM_KEYS = ("onderdeel", "niveau", "datum", "geslaagd")
_PERMIT_KEYS = ("soort", "begin", "einde")


@dataclass(frozen=True)
class FieldError:
    """One problem in the input: which person, which field, which value, what is allowed.

    ``template`` says what is allowed in English with ``{name}`` placeholders for ``params``; it
    is a msgid of the catalogue, so the API, the page and the command line say it in the reader's
    language (:meth:`allowed`) without a table of patterns per language.
    """

    persoon: str
    veld: str
    waarde: Any
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def toegestaan(self) -> str:
        """What is allowed, in English."""
        return self.allowed("en")

    def allowed(self, lang: str) -> str:
        """What is allowed, in ``lang``."""
        return gettext_for(lang)(self.template).format(**self.params)

    def message(self, lang: str = "en") -> str:
        """The whole message: person, field, value and what is allowed."""
        _ = gettext_for(lang)
        text = _("person {person}: field {field}: value {value} is not allowed; allowed: {allowed}")
        return text.format(
            person=repr(self.persoon), field=repr(self.veld), value=repr(self.waarde), allowed=self.allowed(lang)
        )

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """JSON form for the API, in ``lang``."""
        return {
            "persoon": self.persoon,
            "veld": self.veld,
            "waarde": _safe(self.waarde),
            "toegestaan": self.allowed(lang),
            "melding": self.message(lang),
        }


def _safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


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
    if row["ontheffingOnderdelen"] and raw.get("ontheffing") is True:
        errors.append(
            FieldError(
                person,
                "ontheffingOnderdelen",
                raw.get("ontheffingOnderdelen"),
                N_("no list when 'ontheffing' is true (a whole ontheffing); give the list for a partial one"),
            )
        )
    row["examens"] = _items(raw, "examens", _EXAM_KEYS, person, errors, _exam)
    row["verblijfsvergunningen"] = _items(raw, "verblijfsvergunningen", _PERMIT_KEYS, person, errors, _permit)
    _check_order(row, raw, person, errors)
    return row


# (field, the field it may not come before, why) — orders that no real case can have (also the
# caseload import's, :mod:`inburgering.caseload.check`, for the columns it has). A PIP
# before DUO's notice is *not* among them: the obligation arises with lawful residence (art. 3.1),
# the notice only tells the person, and a municipality may hold the intake and adopt the PIP of a
# status holder assigned to it before the notice arrives.
DATE_ORDER = (
    *((key, "geboortedatum", "") for key in DATE_FIELDS[1:]),
    (
        "datumKennisgeving",
        "datumVerblijfsrecht",
        N_(
            "a date on or after {field} ({date}): DUO's notice follows the obligation, which arises with lawful residence"
        ),
    ),
    (
        "datumPip",
        "datumVerblijfsrecht",
        N_(
            "a date on or after {field} ({date}): the college adopts a PIP for someone who is obliged, from lawful residence"
        ),
    ),
    (
        "datumPvtAfgerond",
        "datumVerblijfsrecht",
        N_("a date on or after {field} ({date}): the PVT is part of an obligation that arises with lawful residence"),
    ),
    (
        "datumMapAfgerond",
        "datumVerblijfsrecht",
        N_("a date on or after {field} ({date}): the MAP is part of an obligation that arises with lawful residence"),
    ),
    (
        "datumAfwijzing",
        "datumAsielaanvraag",
        N_("a date on or after {field} ({date}): a rejection decides an asylum application"),
    ),
    (
        "datumEindeSchorsing",
        "datumAfwijzing",
        N_("a date on or after {field} ({date}): the suspension is of the rejection's effect (Vw 2000 art. 82)"),
    ),
)


ORDER_DEFAULT = N_("a date on or after {field} ({date})")


def _check_rejection(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """A rejection's facts that cannot go together (Vw 2000 art. 82: the suspension is of a rejection's effect)."""
    rejected, permit, ended = row["datumAfwijzing"], row["datumVerblijfsrecht"], row["datumEindeSchorsing"]
    reported = {e.veld for e in errors if e.persoon == person}  # one message per field
    if "datumEindeSchorsing" in reported:
        pass
    elif not np.isnat(ended) and np.isnat(rejected):
        errors.append(
            FieldError(
                person,
                "datumEindeSchorsing",
                raw.get("datumEindeSchorsing"),
                N_("empty without {field}"),
                {"field": "datumAfwijzing"},
            )
        )
    elif not np.isnat(ended) and row["beroepSchorsend"] == FALSE:
        errors.append(
            FieldError(
                person,
                "datumEindeSchorsing",
                raw.get("datumEindeSchorsing"),
                N_("empty when {field} is false (a rejection whose effect was not suspended)"),
                {"field": "beroepSchorsend"},
            )
        )
    if "datumAfwijzing" not in reported and not np.isnat(rejected) and not np.isnat(permit) and rejected > permit:
        errors.append(
            FieldError(
                person,
                "datumAfwijzing",
                raw.get("datumAfwijzing"),
                N_(
                    "a date on or before {field} ({date}): this field is the rejection of the asylum application "
                    "before any permit (a permit on appeal or a new application may follow it); a refused extension "
                    "or a revoked permit is not covered by it"
                ),
                {"field": "datumVerblijfsrecht", "date": str(permit)},
            )
        )


def _check_request(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """A naturalisation request before the rulebook's first day: its rules are not in the rulebook."""
    from inburgering.law.parameters import law_start, load_parameters

    request, first = row["datumNaturalisatieverzoek"], law_start(load_parameters())
    reported = {e.veld for e in errors if e.persoon == person}
    if "datumNaturalisatieverzoek" not in reported and not np.isnat(request) and request < first:
        errors.append(
            FieldError(
                person,
                "datumNaturalisatieverzoek",
                raw.get("datumNaturalisatieverzoek"),
                N_(
                    "a date on or after {date}: the rulebook holds the rules from the Wet inburgering 2021's entry "
                    "into force, and a request is judged by the rules of its day"
                ),
                {"date": str(first)},
            )
        )


def _check_order(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """One message per date that comes before a date it cannot precede (names the field and both dates)."""
    reported: set[str] = set()
    for key, before, why in DATE_ORDER:
        if key in reported or np.isnat(row[key]) or np.isnat(row[before]) or row[key] >= row[before]:
            continue
        reported.add(key)  # a date before birth is not also reported as before the permit
        params = {"field": before, "date": str(row[before])}
        errors.append(FieldError(person, key, raw.get(key), why or ORDER_DEFAULT, params))
    app, permit = row["datumAsielaanvraag"], row["datumVerblijfsrecht"]
    if row["verblijfsdoel"] == Verblijfsdoel.ASIEL and not np.isnat(app) and not np.isnat(permit) and permit < app:
        errors.append(
            FieldError(
                person,
                "datumVerblijfsrecht",
                raw.get("datumVerblijfsrecht"),
                N_("a date on or after {field} ({date}): an asylum permit follows the application"),
                {"field": "datumAsielaanvraag", "date": str(app)},
            )
        )
    _check_rejection(row, raw, person, errors)
    _check_request(row, raw, person, errors)
    born = row["geboortedatum"]
    for key, items, where in (
        ("examens", row["examens"], "datum"),
        ("verblijfsvergunningen", row["verblijfsvergunningen"], "begin"),
    ):
        for i, item in enumerate(items or []):
            day = item[2] if key == "examens" else item[1]
            if not np.isnat(born) and day < born:
                errors.append(
                    FieldError(
                        person,
                        f"{key}[{i}].{where}",
                        str(day),
                        N_("a date on or after {field} ({date})"),
                        {"field": "geboortedatum", "date": str(born)},
                    )
                )


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
