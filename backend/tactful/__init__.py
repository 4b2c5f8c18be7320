"""Tactful: calm, timely client e-mail for people who serve clients remotely."""

__version__ = "0.1.0"
