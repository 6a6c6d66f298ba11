"""Throughput and memory benchmark of the whole pipeline (``make bench``)."""
