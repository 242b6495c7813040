"""The handbook as read from its sources: mkdocs.yml loaded (errors at its lines) and its settings, each page
parsed once, the phrase cards, the one model every later step reads, and the addresses and file names derived
from them. Imports `core` only."""
