"""The world outside the core: sound, screen-awake, logs, file watching, preferences,
the launcher and the desktop bus. Each is small, best effort, and replaceable by a fake."""
