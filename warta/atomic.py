"""Replacing a whole folder in one step, so that a kill at any instant leaves the old or the new one.

On Linux, renameat2(RENAME_EXCHANGE) swaps two paths in one system call
(since kernel 3.15, on ext4, XFS, Btrfs, tmpfs and most local filesystems).
Python has no wrapper for it, so it is called through the C library. Where
it is missing (another OS, an old C library, a filesystem that refuses it)
`exchange` says so and the caller falls back to replacing files one by one.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Callable
from functools import lru_cache

from warta.linux import libc

_AT_FDCWD = -100
_RENAME_EXCHANGE = 1 << 1


@lru_cache(maxsize=1)
def _renameat2() -> Callable[..., int] | None:
    library = libc()
    if library is None:  # not Linux
        return None
    try:
        function = library.renameat2  # glibc 2.28+, musl 1.2.2+
    except AttributeError:  # a C library without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


# What renameat2 answers when the system or the filesystem cannot exchange: worth a fallback, not an error.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def exchange(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Swap two existing folders atomically. False when this system cannot; OSError for other failures."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), os.fspath(first), None, os.fspath(second))


def can_exchange() -> bool:
    return _renameat2() is not None
