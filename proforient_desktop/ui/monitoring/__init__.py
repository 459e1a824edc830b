"""The «Сводка» screen of municipalities and the region."""
