"""ProfOrient Desktop: career-guidance monitoring for schools, colleges,
municipalities and the region, offline, with signed exchange packages."""

__version__ = "0.1.0"
