"""What the model adds to MkDocs' pages: directives (phrase boxes, downloads, sources), the order and groups of
the card deck, the desk sheet's content, translation notices, and links that never break (lock, redirects, wiki
link forms). Imports `core`, `sources` and `translations`."""
