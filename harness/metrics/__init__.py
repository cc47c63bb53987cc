"""Metrics: one module per family, each metric a class Hydra instantiates from ``conf/metrics/``."""

from harness.metrics.base import Metric, MetricResult, MetricUnavailable

__all__ = ["Metric", "MetricResult", "MetricUnavailable"]
