"""Translation-quality evaluation harness: reference sets, pluggable MT systems, metrics, reports."""

__version__ = "0.1.0"
