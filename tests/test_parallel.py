"""warta.parallel: work spread over forked processes gets its shared state passed explicitly, never pickled."""

from __future__ import annotations

import os
import threading

import pytest

from warta import parallel

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")


class _Unpicklable:
    """State that cannot travel to a worker except through fork (a lock cannot be pickled)."""

    def __init__(self, words: list[str]):
        self.words = words
        self.lock = threading.Lock()


def _shout(state: _Unpicklable, bounds: tuple[int, int]) -> tuple[list[str], int]:
    return [word.upper() for word in state.words[bounds[0]:bounds[1]]], os.getpid()


def test_workers_apply_the_function_to_the_state_they_inherited():
    words = [f"kata{n}" for n in range(40)]
    tasks = parallel.ranges(len(words), 3)
    chunks = parallel.map_shared(_shout, tasks, _Unpicklable(words), 3)
    assert [word for chunk, _ in chunks for word in chunk] == [word.upper() for word in words]
    # The calling process took every third task; the others ran in (forked) workers.
    assert {pid for _, pid in chunks[0::3]} == {os.getpid()}
    assert os.getpid() not in {pid for n, (_, pid) in enumerate(chunks) if n % 3}


def test_one_job_runs_in_the_calling_process():
    chunks = parallel.map_shared(_shout, [(0, 2), (2, 3)], _Unpicklable(["a", "b", "c"]), 1)
    assert chunks == [(["A", "B"], os.getpid()), (["C"], os.getpid())]


def test_nothing_of_a_job_stays_behind_in_the_module():
    parallel.map_shared(_shout, parallel.ranges(10, 2), _Unpicklable(["x"] * 10), 2)
    assert not hasattr(parallel, "shared")
    assert parallel._worker_job is None  # set only inside the forked workers
