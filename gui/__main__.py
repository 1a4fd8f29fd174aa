"""``python -m gui [workspace]``."""

from gui.app import main

raise SystemExit(main())
