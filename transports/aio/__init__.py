"""Async connections: one base, many kinds."""
