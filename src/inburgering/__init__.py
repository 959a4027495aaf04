"""inburgering: the Dutch civic-integration system (Wet inburgering 2021) as executable, cited rules."""

__version__ = "0.1.0"


def simulate(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Simulate the national population; see :func:`inburgering.sim.simulate.simulate`.

    Imported lazily so that the person calculator does not pay for pandas.
    """
    from inburgering.sim.simulate import simulate as _simulate

    return _simulate(*args, **kwargs)
