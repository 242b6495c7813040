"""Translation tracking: the units a translator translates, the lock of sections and cards in step, their
history in git, and which sections lag. Imports `core` and `sources`."""
