"""Qt item models: thin adapters over the Qt-free session and message store."""
