"""Names of the files the print step adds under `site/downloads/`, shared by the print step and the download links."""

FOLDER = "downloads"  # in the site

HANDBOOK = "handbook-{lang}.pdf"
PHRASE_CARDS = "phrase-cards-{lang}.pdf"
CHECKLISTS = "checklists-{lang}.pdf"
DESK_SHEET = "desk-sheet-{lang}.pdf"
DUPLEX = "phrase-cards-{front}-{back}-duplex.pdf"
PRINT_SHOP = "phrase-cards-{lang}-print-shop.pdf"
PRINT_SHOP_TWO_SIDED = "phrase-cards-{front}-{back}-print-shop.pdf"
