"""Dates and country names in the reader's language, from Babel's CLDR data.

Why Babel: "1 januari 2027" and "Syrië" are locale data, not strings to keep by hand; CLDR is
what browsers and office software use, so the page reads as the rest of the reader's computer.
The codes stay the contract (ISO dates, ISO 3166 codes); only what people read is localised.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from functools import cache
from typing import Any

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def format_day(value: Any, lang: str) -> str:
    """A date as people write it: ``1 januari 2027`` in Dutch, ``1 January 2027`` in English.

    >>> format_day("2027-01-01", "nl"), format_day("2027-01-01", "en")
    ('1 januari 2027', '1 January 2027')
    """
    from babel.dates import format_date

    day = value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value)[:10])
    return format_date(day, format="long", locale=LOCALES[lang])


def is_iso_day(value: Any) -> bool:
    """Whether ``value`` is a date written ``YYYY-MM-DD`` (as the rulebook's answers are)."""
    if not (isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """Every ISO 3166-1 alpha-2 code the calculator accepts with its name in ``lang``, by name.

    >>> dict(countries("nl"))["SY"], dict(countries("en"))["SY"]
    ('Syrië', 'Syria')
    """
    from babel import Locale

    from inburgering.rules.person import country_codes

    names = Locale.parse(LOCALES[lang]).territories
    pairs = [(code, names.get(code, code)) for code in country_codes()]
    return tuple(sorted(pairs, key=lambda pair: _collation(pair[1])))


def _collation(name: str) -> str:
    """A sort key that puts "Åland" with the A's and "Île" with the I's."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
