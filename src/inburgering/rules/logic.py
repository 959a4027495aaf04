"""Three-valued logic on ``int8`` arrays: false, unknown, true.

Why: most inputs of the person calculator are optional, and the contract says a result
that needs a missing input is ``null``. Kleene's logic gives that for free when the codes
are ordered ``FALSE < UNKNOWN < TRUE``: AND is the minimum, OR the maximum, NOT is
``2 - x``. A known ``false`` still decides an AND with an unknown operand.

>>> import numpy as np
>>> int(t_and(np.int8(TRUE), np.int8(UNKNOWN))), int(t_and(np.int8(FALSE), np.int8(UNKNOWN)))
(1, 0)
>>> int(t_or(np.int8(TRUE), np.int8(UNKNOWN)))
2
>>> t_not(np.array([0, 1, 2], dtype=np.int8)).tolist()
[2, 1, 0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

FALSE = 0
UNKNOWN = 1
TRUE = 2


def tri(condition: Any, known: Any = True) -> Any:
    """Tri-state from a boolean condition, unknown where ``known`` is false."""
    out = np.where(np.asarray(condition, dtype=bool), TRUE, FALSE).astype(np.int8)
    return np.where(np.asarray(known, dtype=bool), out, UNKNOWN).astype(np.int8)


def t_and(*values: Any) -> Any:
    """Kleene AND: false if any is false, else unknown if any is unknown."""
    out = values[0]
    for v in values[1:]:
        out = np.minimum(out, v)
    return out


def t_or(*values: Any) -> Any:
    """Kleene OR: true if any is true, else unknown if any is unknown."""
    out = values[0]
    for v in values[1:]:
        out = np.maximum(out, v)
    return out


def t_not(value: Any) -> Any:
    """Kleene NOT."""
    return (TRUE - np.asarray(value)).astype(np.int8)


def to_json(value: int) -> bool | None:
    """JSON form: ``true``, ``false`` or ``null``."""
    return None if value == UNKNOWN else bool(value == TRUE)
