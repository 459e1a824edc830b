"""Indicators, aggregation and validation rules: no Qt, no SQL."""
