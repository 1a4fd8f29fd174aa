"""``python -m gui.cli``."""

from gui.cli import main

raise SystemExit(main())
