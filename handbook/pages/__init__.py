"""What the model adds to MkDocs' pages: directives (phrase boxes, downloads, sources), the desk sheet's content,
translation notices, and links that never break (lock, redirects, wiki link forms). Imports `core`, `sources` and
`translations`."""
