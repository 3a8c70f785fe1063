"""Scaling past one process: the Dask engine (``newsgraph ingest ... --engine dask [--scheduler tcp://host:8786]``).

Workers load the pipeline (and its model) once, through a worker plugin; documents travel in partitions of
``batch_size`` items; the client keeps a bounded window of partitions in flight and yields results in input order,
so the caller stores them exactly as the local engine would.
"""
