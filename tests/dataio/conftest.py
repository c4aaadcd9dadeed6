"""The real data sets are imported by the session fixtures in tests/conftest.py."""
