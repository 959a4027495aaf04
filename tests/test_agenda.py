"""The run's agenda (sim/agenda.py) against the plain dictionary it replaced, and its set union (issue #20)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.sim.agenda import MAX_CHUNKS, Agenda
from inburgering.sim.run import EventIndex
from inburgering.sim.sets import in_sorted, union

EVENTS = ("baan.start", "baan.einde")

# a run: per month, first some scheduling calls (event, [(person, month ahead)]), then a take of each event
calls = st.lists(
    st.tuples(
        st.sampled_from(EVENTS),
        st.lists(st.tuples(st.integers(0, 40), st.integers(-2, 30)), max_size=12),
    ),
    max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(calls, min_size=1, max_size=3 * MAX_CHUNKS))
def test_agenda_takes_what_a_dictionary_by_event_and_month_gives(months: list) -> None:
    agenda, plain = Agenda(), {}
    for m, scheduled in enumerate(months, start=600):
        for event, notes in scheduled:
            idx = np.array([p for p, _ in notes], np.int64)
            when = np.array([m + d for _, d in notes], np.int64)
            agenda.add(event, idx, when)
            for p, w in zip(idx.tolist(), when.tolist(), strict=True):
                plain.setdefault((event, w), []).append(p)
        for event in EVENTS:
            expected = sorted(set(plain.pop((event, m), [])))
            assert agenda.take(event, m).tolist() == expected
            assert agenda.take(event, m).tolist() == []  # taken once
    last = 600 + len(months) - 1
    for event in EVENTS:
        ahead = sum(len(v) for (e, w), v in plain.items() if e == event and w > last)
        assert agenda.pending(event) == ahead


def test_many_chunks_are_merged_and_past_months_dropped() -> None:
    agenda = Agenda()
    for m in range(3 * MAX_CHUNKS):
        agenda.add("e", np.array([m, m + 100]), np.array([m + 1, m + 50]))
        agenda.take("e", m)
    assert len(agenda.events["e"].chunks) <= MAX_CHUNKS
    assert agenda.pending("e") == 3 * MAX_CHUNKS + 1  # the month-ahead notes but the last month's
    assert agenda.take("e", 3 * MAX_CHUNKS).tolist() == [3 * MAX_CHUNKS - 1]


@given(st.lists(st.lists(st.integers(0, 60), max_size=30), min_size=1, max_size=4))
def test_union_is_numpys_union(parts: list[list[int]]) -> None:
    arrays = [np.array(p, np.int64) for p in parts]
    expected = np.unique(np.concatenate(arrays))
    got = union(*arrays)
    assert got.tolist() == expected.tolist()
    assert got.dtype == np.int64


extreme = st.sampled_from([np.iinfo(np.int64).max, np.iinfo(np.int64).min, 2**30, -(2**30), 40_000, -40_000])


@given(st.lists(st.one_of(st.integers(-5, 30), extreme), max_size=60), st.integers(-8, 33))
def test_event_index_finds_the_rows_of_a_month(months: list[int], m: int) -> None:
    # issue #20: the index sorts int16 month numbers by radix; "never" and "long ago" match no month
    values = np.array(months, np.int64)
    index = EventIndex.of_months(values)
    assert index.at_number(m).tolist() == np.flatnonzero(values == m).tolist()
    assert index.at_number(600 + m).tolist() == np.flatnonzero(values == 600 + m).tolist()


def test_months_go_forward() -> None:
    agenda = Agenda()
    assert agenda.take("e", 601).tolist() == []  # nothing noted yet: the month is still taken
    try:
        agenda.take("e", 600)
    except ValueError as e:
        assert "months go forward" in str(e)
    else:
        raise AssertionError("an earlier month was taken silently")


@given(st.lists(st.integers(0, 50), max_size=30), st.lists(st.integers(-5, 60), max_size=30))
def test_in_sorted_is_numpys_isin(members: list[int], x: list[int]) -> None:
    haystack = np.unique(np.array(members, np.int64))
    needles = np.array(x, np.int64)
    assert in_sorted(haystack, needles).tolist() == np.isin(needles, haystack).tolist()
