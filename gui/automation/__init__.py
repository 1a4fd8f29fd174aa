"""Automation (Qt-free): checksums, payload templates, frame matchers and auto-reply rules.

Used by the window (composer preview, Rules panel) and by headless runners alike; never imports
PySide6 (an import-linter contract says so).
"""
