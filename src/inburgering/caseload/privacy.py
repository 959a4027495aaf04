"""Privacy guards for a caseload file: refuse what we must not hold, pseudonymise what we need.

- A column whose name says it holds a name, address, contact details, a BSN or v-number,
  health or religion is refused: the forecast needs none of these (AVG art. 5.1.c, data
  minimisation; health and religion are special categories, art. 9).
- A column whose values look like BSNs (8 or 9 digits passing the 11-check, the "elfproef")
  is refused, whatever its name, so a BSN used as case number is caught too.
- Case numbers are replaced by a keyed HMAC-SHA256 pseudonym. The key comes from the
  environment (``INBURGERING_SLEUTEL``) or a file the user keeps; it is never written to any
  output, and without it no pseudonym can be traced back.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path

from inburgering.bsn import bsn_digits, looks_like_bsn, mask_bsn, passes_eleven_check
from inburgering.i18n import N_, Said

KEY_ENV = "INBURGERING_SLEUTEL"
MIN_KEY_BYTES = 32
_REFUSED = (
    ("naam", N_("name")),
    ("voornaam", N_("name")),
    ("achternaam", N_("name")),
    ("name", N_("name")),
    ("adres", N_("address")),
    ("address", N_("address")),
    ("straat", N_("address")),
    ("huisnummer", N_("address")),
    ("postcode", N_("address")),
    ("woonplaats", N_("address")),
    ("telefoon", N_("contact details")),
    ("phone", N_("contact details")),
    ("email", N_("contact details")),
    ("bsn", N_("BSN")),
    ("burgerservicenummer", N_("BSN")),
    ("sofinummer", N_("BSN")),
    ("vnummer", N_("v-number")),
    ("vreemdelingennummer", N_("v-number")),
    ("gezondheid", N_("health")),
    ("health", N_("health")),
    ("medisch", N_("health")),
    ("medical", N_("health")),
    ("diagnose", N_("health")),
    ("religie", N_("religion")),
    ("religion", N_("religion")),
    ("geloof", N_("religion")),
    ("godsdienst", N_("religion")),
)


class PrivacyError(ValueError):
    """A file refused for privacy reasons; ``reasons`` explains each refusal."""

    def __init__(self, reasons: Sequence[str]):
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def refused_header(header: str) -> str | None:
    """What kind of personal data a column name announces (None if it is not refused)."""
    name = _normal(header)
    for word, kind in _REFUSED:
        if word in name:
            return kind
    return None


def is_bsn(value: str) -> bool:
    """True for 8 or 9 digits that pass the BSN 11-check (an 8-digit BSN lost its leading 0)."""
    return passes_eleven_check(value.strip())


def bsn_columns(header: list[str], rows: list[list[str]], id_column: str = "id") -> list[str]:
    """Columns that hold BSNs, however written (``1234.56.782``, ``BSN123456782``).

    In any column: at least half of the values written as a BSN is pass the 11-check (chance gives
    about 9%). In the case-number column, where a BSN must never be, one is enough when the case
    numbers are mostly not written so (then a passing one is no chance: it is a BSN typed in
    place of a case number).
    """
    found = []
    for j, name in enumerate(header):
        cells = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        numbers = [n for n in (bsn_digits(c) for c in cells) if n is not None]
        passing = sum(passes_eleven_check(n) for n in numbers)
        if (numbers and passing * 2 >= len(numbers)) or (
            name == id_column and len(numbers) * 2 < len(cells) and any(looks_like_bsn(c) for c in cells)
        ):
            found.append(name)
    return found


def _bsn_rows(header: list[str], rows: list[list[str]], name: str, numbers: list[int] | None) -> str:
    """The file's row numbers (at most ten) whose cell in column ``name`` looks like a BSN; never the values."""
    j = header.index(name)
    at = numbers or list(range(2, len(rows) + 2))
    hits = [at[i] for i, r in enumerate(rows) if j < len(r) and looks_like_bsn(r[j].strip())]
    shown = ", ".join(str(n) for n in hits[:10])
    return shown + (" …" if len(hits) > 10 else "")


def check_privacy(header: list[str], rows: list[list[str]], numbers: list[int] | None = None) -> None:
    """Raise :class:`PrivacyError` naming every refused column and why (with the rows of a BSN, not the BSN)."""
    reasons = []
    if any(looks_like_bsn(name) for name in header):
        # the first row is data, not the column names, and holds a BSN: say so without repeating it
        reasons.append(
            Said(
                N_(
                    "the first row holds a number that passes the BSN 11-check, not column names: the file must "
                    "start with the template's column names, and the BSN must not be in the file at all"
                )
            )
        )
    for name in header:
        kind = refused_header(name)
        if kind:
            reasons.append(
                Said(
                    N_("column {name!r} holds {kind}: not needed for the forecast and not accepted; remove the column"),
                    name=name,
                    kind=Said(kind),
                )
            )
    for name in bsn_columns(header, rows):
        reasons.append(
            Said(
                N_(
                    "column {name!r} holds numbers that pass the BSN 11-check (rows {rows}): do not use the BSN, "
                    "use your own case number (it is pseudonymised)"
                ),
                name=mask_bsn(name),
                rows=_bsn_rows(header, rows, name, numbers),
            )
        )
    if reasons:
        raise PrivacyError(reasons)


def load_key(key_file: Path | None) -> bytes:
    """The pseudonymisation key from ``key_file`` or the environment; explains how to make one when missing."""
    raw: bytes | None = None
    if key_file is not None:
        try:
            raw = key_file.read_bytes().strip()
        except OSError as exc:
            raise PrivacyError([f"key file {str(key_file)!r} cannot be read: {exc.strerror}"]) from None
    elif os.environ.get(KEY_ENV):
        raw = os.environ[KEY_ENV].encode()
    if raw is None:
        raise PrivacyError(
            [
                f"no pseudonymisation key: set {KEY_ENV} or pass --key FILE; "
                "make one with 'inburgering caseload sleutel --out FILE' and keep it safe"
            ]
        )
    if len(raw) < MIN_KEY_BYTES:
        raise PrivacyError([f"the pseudonymisation key is too short: use at least {MIN_KEY_BYTES} characters"])
    return raw


def new_key() -> str:
    """A fresh random key (64 hex characters)."""
    return secrets.token_hex(32)


def pseudonym(key: bytes, case_id: str) -> str:
    """A stable pseudonym for ``case_id`` under ``key`` (HMAC-SHA256, 16 hex characters)."""
    return "p-" + hmac.new(key, case_id.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:16]
