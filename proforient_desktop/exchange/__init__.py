"""Signed exchange packages: the container, keys, verification and merge rules."""
