"""The Sockscope desktop application (PySide6 on a qasync loop)."""

APP_NAME = "Sockscope"
