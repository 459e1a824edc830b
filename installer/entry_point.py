"""Entry point of the frozen application: the ``proforient`` command, guarded."""

from proforient_desktop.startup import main_guarded

raise SystemExit(main_guarded())
