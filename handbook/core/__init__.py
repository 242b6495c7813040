"""What every other room uses: problem codes and the one report format, library log capture, YAML with line
numbers, whole-file writes and reading git. Imports nothing of the handbook's own."""
