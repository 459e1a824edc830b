"""Emit Qt signals from Python without the reference leak of PySide6 6.12.0.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without a new
reference, so every call from Python takes one reference from ``True``. After
some thousands of calls the interpreter aborts with "Fatal Python error:
bool_dealloc: deallocating True or False". ``QMetaObject.invokeMethod()``
calls the same signal through the meta-object system and keeps the count.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QObject, Qt


def emit_signal(sender: QObject, signal: str, *arguments) -> None:
    """Emit the signal named ``signal`` of ``sender`` to its connected slots.

    ``arguments`` are ``Q_ARG(type, value)`` holders, one for each parameter of the signal.
    """
    # TODO: call SignalInstance.emit() again once a PySide6 release leaves sys.getrefcount(True)
    # unchanged across it; tests/ui/test_activities_model.py checks the count through this function.
    QMetaObject.invokeMethod(sender, signal, Qt.ConnectionType.DirectConnection, *arguments)
