"""The built website's finishing and how it is served: one search index and 404 per language, hashed asset
names, CSP, offline files, web fonts, precompressed copies and the nginx configuration. Imports the rooms below
it up to `printing` (web fonts share the print faces)."""
