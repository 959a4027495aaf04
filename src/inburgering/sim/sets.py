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
