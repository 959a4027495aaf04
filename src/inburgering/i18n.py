"""Words, dates, numbers and country names in the reader's language: gettext catalogues and Babel's CLDR data.

Why one mechanism: the words of the pages, the reports and the messages are written once, in
English, as ``_("...")``; their Dutch is in ``locale/nl/LC_MESSAGES/messages.po``, a gettext
catalogue that translators edit with their usual tools and that ``make messages`` brings up to
date with Babel (``pybabel extract`` over the Python code and the Jinja templates). The catalogue
is compiled in memory on first use, so the package needs no build step. Dates ("1 januari 2027"),
numbers ("1.234,5") and country names ("Syrië") are CLDR locale data from Babel, not strings to
keep by hand; the codes stay the contract (ISO dates, ISO 3166 codes).
"""

from __future__ import annotations

import datetime as _dt
import gettext as _gettext
import io
import math
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
LANGUAGES = tuple(LOCALES)
SOURCE = "en"  # the language the code is written in: its catalogue is the identity
DOMAIN = "messages"


class Said(str):
    """A message in English that can be said again in another language.

    It is the English text (so every ``str`` use of it stays as it was), and it keeps its
    ``template`` (a catalogue msgid) and values, so an API answer or a page can say it in the
    reader's language with :func:`say`. The values are put in as they are; a date or a code in
    them is the same in every language. A value that can itself be said (a :class:`Said`, a
    :class:`Count`) is said in the reader's language too.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Said:  # noqa: D102
        said = super().__new__(cls, template.format(**params))
        said.template, said.params = template, params
        return said

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (to a Dask worker) as what it is
        return (_said, (self.template, self.params))

    def in_language(self, lang: str) -> str:
        """The message in ``lang`` (a value that is itself a :class:`Said` or :class:`Count` is said in ``lang`` too)."""
        values = {k: v.in_language(lang) if isinstance(v, Said | Count) else v for k, v in self.params.items()}
        return gettext_for(lang)(self.template).format(**values)


class Count(int):
    """A whole number in a message, grouped as the reader writes it: 12,000,000 or 12.000.000.

    Why: a limit in a message ("at most 10,000,000 bytes") reads as a decimal fraction to a Dutch
    reader when it keeps the English comma. Row numbers stay plain ints (no grouping).

    >>> str(Said("{n} bytes", n=Count(12_000_000))), say(Said("{n} bytes", n=Count(12_000_000)), "nl")
    ('12,000,000 bytes', '12.000.000 bytes')
    """

    def __format__(self, spec: str) -> str:
        return self.in_language(SOURCE) if not spec else super().__format__(spec)

    def in_language(self, lang: str) -> str:
        """The number with the digit grouping of ``lang``."""
        return format_number(int(self), lang)


def _said(template: str, params: dict[str, Any]) -> Said:
    return Said(template, **params)


def say(message: str, lang: str) -> str:
    """``message`` in ``lang`` when it is a :class:`Said`, else as it is.

    >>> say(Said("{where}: unknown parameter; 'inburgering parameters' lists them", where="x"), "nl")[:20]
    'x: onbekende paramet'
    """
    return message.in_language(lang) if isinstance(message, Said) else str(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined; translate it with ``gettext_for`` where shown."""
    return message


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English: none, the code is English)."""
    if lang not in LOCALES:
        raise ValueError(f"language {lang!r} is not offered; allowed: {', '.join(LANGUAGES)}")
    if lang == SOURCE:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[lang], domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def catalogue_path(lang: str) -> Any:
    """Where the catalogue of ``lang`` is (a traversable inside the package)."""
    return resources.files("inburgering").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")


def gettext_for(lang: str) -> Callable[[str], str]:
    """The ``_`` of ``lang``: English text in, the text in ``lang`` out.

    >>> gettext_for("nl")("Calculate"), gettext_for("en")("Calculate")
    ('Bereken', 'Calculate')
    """
    return translations(lang).gettext


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """A number as people in ``lang`` write it: ``1.234,5`` in Dutch, ``1,234.5`` in English.

    >>> format_number(1234.5, "nl", 1), format_number(1234.5, "en", 1)
    ('1.234,5', '1,234.5')
    """
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def format_significant(value: float, lang: str, digits: int) -> str:
    """A number with up to ``digits`` significant digits, no trailing zeros, never in e-notation.

    >>> format_significant(0.51234, "nl", 4), format_significant(12.5, "en", 4), format_significant(7.0, "en", 4)
    ('0,5123', '12.5', '7')
    """
    from babel.numbers import format_decimal

    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value)))) if value else 0
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def format_money(value: float, lang: str) -> str:
    r"""An amount in euros, whole: ``€ 1.234`` in Dutch, ``€1,234`` in English.

    >>> format_money(1234.4, "nl").replace("\xa0", " "), format_money(-1234.4, "en")
    ('€ 1.234', '-€1,234')
    """
    from babel import Locale
    from babel.numbers import format_currency

    whole = Locale.parse(LOCALES[lang]).currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(round(value), "EUR", format=whole, locale=LOCALES[lang], currency_digits=False)


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

    names = Locale.parse(LOCALES[lang]).territories
    pairs = [(code, names.get(code, code)) for code in country_codes()]
    return tuple(sorted(pairs, key=lambda pair: _collation(pair[1])))


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (from pycountry, loaded on first use): what ``nationaliteit`` accepts."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def _collation(name: str) -> str:
    """A sort key that puts "Åland" with the A's and "Île" with the I's."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
