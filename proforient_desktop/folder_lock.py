"""The data folder's lock: one window per folder, and no command-line writes beside a window.

The window holds an exclusive lock on ``proforient.lock`` in the data folder
for as long as it runs, and a command that writes holds a shared lock while
it runs. So a second window, or a writing command beside an open window, is
rejected at once, while several commands may still run side by side (SQLite
or the server orders their writes). The lock is the operating system's own
(``flock`` on POSIX, ``LockFileEx`` on Windows): it is released when its
process ends, crashed or not, so no stale lock is left behind. The file
itself stays in the folder, because removing it would let a second process
lock a new file of the same name.

The module needs only the standard library, because the window takes the
lock before its first paint, when the data layer is not imported yet.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

LOCK_FILE = "proforient.lock"


class FolderLock:
    """A held lock on a data folder; ``unlock`` releases it (closing the file does too)."""

    def __init__(self, file: BinaryIO, path: Path, exclusive: bool) -> None:
        self._file: BinaryIO | None = file
        self.path = path
        self.exclusive = exclusive

    def unlock(self) -> None:
        if self._file is None:
            return
        _release(self._file.fileno())
        self._file.close()
        self._file = None


def try_lock(data_dir: Path, *, exclusive: bool) -> FolderLock | None:
    """Lock the data folder without waiting; None when another process holds a conflicting lock.

    An exclusive lock conflicts with any other lock, a shared one only with
    an exclusive one. Creates the folder when needed and raises OSError when
    it or the lock file cannot be created.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE
    file = open(path, "a+b")
    try:
        locked = _acquire(file.fileno(), exclusive)
    except BaseException:
        file.close()
        raise
    if not locked:
        file.close()
        log.info("Data folder %s is locked by another process", data_dir)
        return None
    return FolderLock(file, path, exclusive)


def held_by_commands(data_dir: Path) -> bool:
    """Return whether commands (shared locks) rather than a window (the exclusive lock) hold the data folder.

    For the message after an exclusive lock was refused: a shared lock is
    granted only while no window holds the folder. It is released at once.
    A command that ends between the two attempts also gives True, which
    only changes the message.
    """
    try:
        probe = try_lock(data_dir, exclusive=False)
    except OSError as error:
        log.warning("Data folder %s cannot be probed for its lock: %s", data_dir, error)
        return False
    if probe is None:
        return False
    probe.unlock()
    return True


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2
    _ERROR_LOCK_VIOLATION = 33

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.LockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                                     wintypes.DWORD, ctypes.POINTER(_Overlapped)]
    _kernel32.LockFileEx.restype = wintypes.BOOL
    _kernel32.UnlockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                                       ctypes.POINTER(_Overlapped)]
    _kernel32.UnlockFileEx.restype = wintypes.BOOL

    # NOTE: the tests run on Linux only, so this Windows branch is checked by hand on Windows.
    def _acquire(fd: int, exclusive: bool) -> bool:
        # The first byte is locked; Windows allows locking past the end of an empty file.
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        handle = msvcrt.get_osfhandle(fd)
        if _kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())):
            return True
        error = ctypes.get_last_error()
        if error == _ERROR_LOCK_VIOLATION:
            return False
        raise ctypes.WinError(error)

    def _release(fd: int) -> None:
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(_Overlapped()))

else:
    import fcntl

    def _acquire(fd: int, exclusive: bool) -> bool:
        # flock, unlike fcntl's record locks, also keeps two opens within one process apart.
        operation = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        try:
            fcntl.flock(fd, operation)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

