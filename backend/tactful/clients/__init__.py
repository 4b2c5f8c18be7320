"""Clients: who they are, how to reach them, when, and how often to report."""
