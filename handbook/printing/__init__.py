"""The print step: the handbook, phrase cards and checklists as PDFs, typeset by WeasyPrint.

Documents are assembled from the HTML that MkDocs already rendered for each page, so the PDFs show
exactly the website's content, and rendered in parallel processes. Imports `core`, `sources`, `translations`
and `pages`.
"""
