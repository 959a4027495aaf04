"""Checks on a partial release's list (``ontheffingOnderdelen``) against the person's route and group.

Kept apart from the parser (:mod:`inburgering.rules.person`): Besluit 2.7 lid 3 c releases the
Z-route's participation part, which only the Z-route of asylum status holders and their joining
family has (Besluit 3.14 lid 2 b, 3); a legal tester and a review found it accepted elsewhere and
answered "partly released".
"""

from __future__ import annotations

from typing import Any

from inburgering.i18n import N_
from inburgering.rules.person_schema import ZROUTE_PARTICIPATIE, FieldError


def check_participation_release(raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """Append an error where ``participatie`` is released from a route or group without that part."""
    parts = raw.get("ontheffingOnderdelen")
    # nor for family and other migrants in the Z-route, whose route has no participation part (Besluit 3.14
    # lid 3; the review of the day's change); a family migrant whose link to a status holder is not given may
    # owe it, so is accepted
    no_part = raw.get("verblijfsdoel") == "overig" or (
        raw.get("verblijfsdoel") == "gezin" and raw.get("gezinVanStatushouder") is False
    )
    if isinstance(parts, list) and ZROUTE_PARTICIPATIE in parts and no_part:
        errors.append(
            FieldError(
                person,
                "ontheffingOnderdelen",
                parts,
                N_(
                    "'participatie' only for asylum status holders and the family who joined them, whose Z-route "
                    "has a participation part (Besluit 3.14 lid 2 b, 3); {field} is '{value}'"
                ),
                {"field": "verblijfsdoel", "value": raw.get("verblijfsdoel")},
            )
        )
    elif isinstance(parts, list) and ZROUTE_PARTICIPATIE in parts and raw.get("leerroute") in ("b1", "onderwijs"):
        # Besluit 2.7 lid 3 c releases the Z-route's participation part; the B1-route and the onderwijsroute
        # have none (a legal tester found it accepted and answered "partly released")
        errors.append(
            FieldError(
                person,
                "ontheffingOnderdelen",
                parts,
                N_("'participatie' only in the Z-route (Besluit 2.7 lid 3 c); {field} is '{value}'"),
                {"field": "leerroute", "value": raw.get("leerroute")},
            )
        )
