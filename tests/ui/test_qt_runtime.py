"""Checks on the installed Qt bindings that the whole window depends on."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# Python 3.11 does not make True immortal, so a binding that returns True from emit()
# without a new reference frees it after a few thousand emits and the interpreter aborts.
EMIT_SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Sender(QObject):
        changed = Signal(int)

    app = QCoreApplication([])
    sender = Sender()
    received = []
    sender.changed.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(200):
        sender.changed.emit(number)
    print(before - sys.getrefcount(True), len(received))
""")


def test_signal_emit_keeps_true_alive():
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run([sys.executable, "-c", EMIT_SCRIPT], capture_output=True, text=True,
                               env=environment, timeout=120)

    assert completed.returncode == 0, completed.stderr
    lost_references, received = completed.stdout.split()
    assert received == "200"
    assert lost_references == "0", (
        f"emit() lost {lost_references} references to True: this PySide6 release aborts the program "
        "after a few thousand signals; install the version pyproject.toml allows")
