"""Use cases shared by the command line and the window: setup, counts, indicators."""
