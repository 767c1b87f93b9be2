"""Spreading work over the machine's cores with forked worker processes.

Workers are forked after the parent has built everything they need (the
site plan, the template environment), so nothing large is pickled: a task is
just a range of indices into state the child inherited. Where fork is not
available (Windows, macOS' default), or there is one core, work runs in the
calling process; the output is byte-identical either way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from warta.linux import libc

T = TypeVar("T")
R = TypeVar("R")

# What the current parallel job's workers read; set by `map_shared` before forking.
shared: Any = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_shared(function: Callable[[T], R], tasks: Sequence[T], state: Any, jobs: int) -> list[R]:
    """`[function(t) for t in tasks]`, in worker processes that can read `state` as `parallel.shared`."""
    global shared
    shared = state
    try:
        jobs = min(jobs, len(tasks))
        if jobs <= 1 or not can_fork():
            return [function(task) for task in tasks]
        # The calling process takes every jobs-th task itself rather than waiting idle: one process
        # fewer for the same number of cores, and less memory (each fork copies pages it touches).
        mine = range(0, len(tasks), jobs)
        theirs = [i for i in range(len(tasks)) if i % jobs]
        results: list = [None] * len(tasks)
        with multiprocessing.get_context("fork").Pool(jobs - 1, _die_with, (os.getpid(),)) as pool:
            pending = pool.map_async(function, [tasks[i] for i in theirs], chunksize=1)
            for i in mine:
                results[i] = function(tasks[i])
            for i, result in zip(theirs, pending.get(), strict=True):
                results[i] = result
        return results
    finally:
        shared = None


def _die_with(parent: int) -> None:
    """Pool initializer: end this worker when the build that forked it is killed (SIGKILL, a cancelled CI job).

    Left alive, an orphaned worker finished its task, found the pipe to its parent gone and printed two
    BrokenPipeError tracebacks into the writer's terminal after the prompt had come back.
    """
    library = libc()
    if library is not None:
        library.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def ranges(total: int, jobs: int, per_job: int = 8) -> list[tuple[int, int]]:
    """Split range(total) into contiguous slices, several per worker for an even load."""
    if total == 0:
        return []
    count = max(1, min(total, jobs * per_job if jobs > 1 else 1))
    size = -(-total // count)
    return [(start, min(start + size, total)) for start in range(0, total, size)]
