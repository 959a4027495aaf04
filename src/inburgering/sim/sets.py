"""Sets of row numbers, as the engine merges them every month."""

from __future__ import annotations

import numpy as np


def union(*arrays: np.ndarray) -> np.ndarray:
    """Sorted row numbers in any of ``arrays``, each once: ``np.union1d`` for the engine's index sets.

    Why not ``np.union1d``: from numpy 2.3 ``np.unique`` hashes before it sorts, about 30 times
    slower than a sort for the integer sets the engine merges every month (issue #20).

    >>> union(np.array([5, 1, 3]), np.array([3, 2]), np.array([], np.int64)).tolist()
    [1, 2, 3, 5]
    """
    merged = np.concatenate([np.ravel(a) for a in arrays])  # flattened, as np.union1d does
    merged.sort()
    if len(merged) < 2:
        return merged
    keep = np.empty(len(merged), bool)
    keep[0] = True
    np.not_equal(merged[1:], merged[:-1], out=keep[1:])
    return merged[keep]


def in_sorted(members: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Boolean per element of ``x``: it is in ``members`` (sorted ascending).

    A binary search per element, for the same reason as :func:`union`: numpy 2.4's ``np.isin``
    hashes first and is many times slower on the few hundred persons a phase compares.

    >>> in_sorted(np.array([2, 5, 9]), np.array([5, 1, 9, 10])).tolist()
    [True, False, True, False]
    """
    if len(members) == 0:
        return np.zeros(len(x), bool)
    at = np.minimum(np.searchsorted(members, x), len(members) - 1)
    return members[at] == x
