"""The codes, in one place: residence purposes, routes, exam components and levels, groups, permits.

Why one module: the person input, the rules, the simulation, the caseload import and the
exports all store these as small integers in numpy columns and show them as strings. Each is an
:class:`~enum.IntEnum` whose value is the column's code and whose order is the order of the
names; the name tuples are the strings of the JSON input, the CSV columns and the exports.
Everything else imports from here (nothing depends on anything: this is the bottom layer).

>>> int(Leerroute.Z), LEERROUTES[Leerroute.ONDERWIJS], NIVEAUS.index("B1") + 1 == Niveau.B1
(2, 'onderwijs', True)
>>> VERBLIJFSDOEL_VAN_GROEP[Groep.NAREIZIGER] == Verblijfsdoel.GEZIN
np.True_
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Verblijfsdoel(IntEnum):
    """Purpose of residence (the input ``verblijfsdoel``)."""

    ASIEL = 0
    GEZIN = 1
    OVERIG = 2
    TIJDELIJK = 3


class Leerroute(IntEnum):
    """The three routes of art. 7, 8 and 9 (``-1`` in a column: not known or none yet)."""

    B1 = 0
    ONDERWIJS = 1
    Z = 2


class Onderdeel(IntEnum):
    """Exam components: the four language skills and KNM."""

    LEZEN = 0
    LUISTEREN = 1
    SCHRIJVEN = 2
    SPREKEN = 3
    KNM = 4


class Niveau(IntEnum):
    """CEFR level codes; 0 means nothing passed."""

    GEEN = 0
    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4


class Groep(IntEnum):
    """The simulation's migrant groups."""

    ASIEL = 0
    NAREIZIGER = 1
    GEZIN = 2
    OVERIG = 3
    AFGEWEZEN = 4


class Vergunning(IntEnum):
    """Kinds of residence permit (the input ``verblijfsvergunningen[].soort``)."""

    ASIEL_BEPAALD = 0
    ASIEL_ONBEPAALD = 1
    REGULIER_BEPAALD = 2
    REGULIER_ONBEPAALD = 3


MEERDERJARIG = 18
"""Age of majority (BW 1:233): a guardian's guidance of an unaccompanied minor ends here without
an extension, and an unaccompanied minor applies for asylum before it. Not a Wi2021 parameter (no
scenario changes the Civil Code), so a constant; here, the bottom layer, so that the rulebook and
the person input read one fact and the simulation does not write it a second time."""

VERBLIJFSDOELEN = ("asiel", "gezin", "overig", "tijdelijk")
LEERROUTES = ("b1", "onderwijs", "z")
ONDERDELEN = ("lezen", "luisteren", "schrijven", "spreken", "knm")
NIVEAUS = ("A1", "A2", "B1", "B2")  # code = index + 1 (Niveau)
GROEPEN = ("asiel", "nareiziger", "gezin", "overig", "afgewezen")
SOORTEN_VERGUNNING = ("asiel-bepaald", "asiel-onbepaald", "regulier-bepaald", "regulier-onbepaald")
TIJDELIJKE_VERGUNNINGEN = (Vergunning.ASIEL_BEPAALD, Vergunning.REGULIER_BEPAALD)

VERBLIJFSDOEL_VAN_GROEP = np.array(
    [Verblijfsdoel.ASIEL, Verblijfsdoel.GEZIN, Verblijfsdoel.GEZIN, Verblijfsdoel.OVERIG, Verblijfsdoel.ASIEL],
    dtype=np.int8,
)
"""Residence purpose of each group: a nareiziger joins a status holder on a family permit; a
rejected applicant who later gets a permit has an asylum one."""


def niveau(name: str) -> int:
    """Level code of ``A1`` ... ``B2`` (``Niveau``)."""
    return int(Niveau[name])


for _enum, _names in (
    (Verblijfsdoel, VERBLIJFSDOELEN),
    (Leerroute, LEERROUTES),
    (Onderdeel, ONDERDELEN),
    (Groep, GROEPEN),
    (Vergunning, SOORTEN_VERGUNNING),
):
    assert len(_enum) == len(_names), _enum  # the names follow the codes one to one
