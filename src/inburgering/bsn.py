"""Numbers that look like a BSN, however they are written: one test for every door where an id comes in.

Why here: the caseload import and the person API both take an identifier that must never be a
BSN (burgerservicenummer). A BSN is 9 digits (8 when a leading 0 was lost) passing the 11-check;
people also write it ``1234.56.782``, ``123 456 782`` or ``BSN123456782``. Only those groupings
count (4-2-3, 3-3-3 or none), so a date (``1990-01-01``, 4-2-2) or a case number such as
``V-2023-0042`` is never read as one.
"""

from __future__ import annotations

import re

from stdnum.nl import bsn as _stdnum_bsn

_SEP = r"[.\s\-]?"
_SPELLING = rf"\d{{4}}{_SEP}\d{{2}}{_SEP}\d{{3}}|\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}|\d{{8}}"
_WHOLE = re.compile(rf"(?:bsn\s*:?\s*)?({_SPELLING})", re.IGNORECASE)
_INSIDE = re.compile(rf"(?<!\d)({_SPELLING})(?!\d)")


def passes_eleven_check(digits: str) -> bool:
    """True for 8 or 9 digits that pass the BSN 11-check (an 8-digit BSN lost its leading 0).

    The check itself is python-stdnum's (``stdnum.nl.bsn``), the maintained implementation; this
    module decides only which spellings are read as a BSN at all.
    """
    return digits.isdigit() and len(digits) in (8, 9) and bool(_stdnum_bsn.is_valid(digits))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def bsn_digits(value: str) -> str | None:
    """The 8 or 9 digits when the whole of ``value`` is written as a BSN is (with or without ``BSN``), else None."""
    match = _WHOLE.fullmatch(value.strip())
    return _digits(match.group(1)) if match else None


def looks_like_bsn(value: str) -> bool:
    """True if ``value`` holds, anywhere, a number written as a BSN is that passes the 11-check."""
    return any(passes_eleven_check(_digits(m)) for m in _INSIDE.findall(value))


def mask_bsn(text: str) -> str:
    """``text`` with every number written as a BSN that passes the 11-check replaced by ``<BSN>``.

    For messages that quote a cell or a column name as the file has it: a BSN typed into a text
    cell, or a file whose first row is data rather than column names, must not be repeated back
    (a robustness test found both quoted on the command line and the web page).
    """
    return _INSIDE.sub(lambda m: "<BSN>" if passes_eleven_check(_digits(m.group(1))) else m.group(1), text)
