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

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_shared(function: Callable[[S, T], R], tasks: Sequence[T], state: S, jobs: int) -> list[R]:
    """`[function(state, t) for t in tasks]`, spread over up to `jobs` processes; results keep the order of `tasks`.

    The workers are forked with `state` already in their memory, so it is never pickled: only each task
    and its result travel between processes. `function` must be a module-level function (the pool sends
    it by name), and so must be everything the results contain.
    """
    jobs = min(jobs, len(tasks))
    if jobs <= 1 or not can_fork():
        return [function(state, task) for task in tasks]
    # The calling process takes every jobs-th task itself rather than waiting idle: one process
    # fewer for the same number of cores, and less memory (each fork copies pages it touches).
    mine = range(0, len(tasks), jobs)
    theirs = [i for i in range(len(tasks)) if i % jobs]
    results: dict[int, R] = {}
    # With fork, the initializer and its arguments reach the child in the memory it inherits, not pickled.
    with multiprocessing.get_context("fork").Pool(jobs - 1, _start_worker, (os.getpid(), _Work(function, state))) as pool:
        pending = pool.map_async(_run_in_worker, [tasks[i] for i in theirs], chunksize=1)
        for i in mine:
            results[i] = function(state, tasks[i])
        results.update(zip(theirs, pending.get(), strict=True))
    return [results[i] for i in range(len(tasks))]


class _Work:
    """A function and the state it is applied to, as a forked worker holds them."""

    def __init__(self, function: Callable[[Any, Any], Any], state: Any):
        self.function = function
        self.state = state

    def __call__(self, task: Any) -> Any:
        return self.function(self.state, task)

    def __reduce__(self) -> Any:
        raise TypeError("the shared state reaches workers by fork, never pickled")


# A forked worker's job, set in the worker by `_start_worker`; always None in the process that forks.
_worker_job: _Work | None = None


def _start_worker(parent: int, work: _Work) -> None:
    """Pool initializer, run in each forked worker: end with the build, and take the job to run."""
    global _worker_job
    _die_with(parent)
    _worker_job = work


def _run_in_worker(task: Any) -> Any:
    """What the pool sends to a worker (by name): one task, applied to the state the worker inherited."""
    assert _worker_job is not None, "a pool worker without _start_worker"
    return _worker_job(task)


def _die_with(parent: int) -> None:
    """End this worker when the build that forked it is killed (SIGKILL, a cancelled CI job).

    Left alive, an orphaned worker finished its task, found the pipe to its parent gone and printed two
    BrokenPipeError tracebacks into the writer's terminal after the prompt had come back.
    """
    library = libc()
    if library is not None:
        library.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)  # a forked child never runs the parent's atexit handlers or flushes its buffers twice


_PR_SET_PDEATHSIG = 1


def ranges(total: int, jobs: int, per_job: int = 8) -> list[tuple[int, int]]:
    """Split range(total) into contiguous slices, several per worker for an even load."""
    if total == 0:
        return []
    count = max(1, min(total, jobs * per_job if jobs > 1 else 1))
    size = -(-total // count)
    return [(start, min(start + size, total)) for start in range(0, total, size)]
