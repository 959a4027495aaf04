"""inburgering: the Dutch civic-integration system (Wet inburgering 2021) as executable, cited rules.

The Python API (docs/python.md): :func:`simulate`, :func:`compare_scenarios` and :func:`explain`, typed,
importing their machinery only when called so that ``import inburgering`` stays light.
"""

from inburgering.library import coming, compare_scenarios, explain, simulate
from inburgering.version import __version__

__all__ = ["__version__", "coming", "compare_scenarios", "explain", "simulate"]
