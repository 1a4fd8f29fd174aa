"""``python -m gui.screenshot``: the demo window with traffic, saved as a PNG (a development
tool, run from a checkout; not part of the wheel).  See :mod:`gui.screenshot.shot`."""
