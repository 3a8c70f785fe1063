"""Alembic migrations of the store, shipped inside the package and run by ``open_engine`` / ``newsgraph db upgrade``."""
