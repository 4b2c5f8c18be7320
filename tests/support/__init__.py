"""Helpers for tests that run real servers (PostgreSQL, SMTP, the service itself)."""
