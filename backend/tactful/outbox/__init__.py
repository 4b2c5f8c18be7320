"""Scheduled delivery: messages held until their instant, sent at most once, never outside contact hours."""
