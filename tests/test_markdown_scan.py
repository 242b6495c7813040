"""The Markdown scanner: positions of headings, links, boxes, checklists and directives; never a crash."""

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.sources.markdown_scan import scan_markdown

PAGE = """# Het gesprek {#conversation}

## Blijf kalm { #stay-calm }

Lees [dit](after.md#follow-up) en `[geen](link.md)`.

!!! tip "Tip"

    Adem in.

```
[in code](nope.md)
## Geen kop
```

- [ ] Eerste
- [x] Tweede

{% phrases calm %}
"""


def test_headings_keep_ids_titles_and_lines():
    scan = scan_markdown(PAGE, first_line=4)
    assert [(h.level, h.title, h.id, h.line) for h in scan.headings] == [
        (1, "Het gesprek", "conversation", 4),
        (2, "Blijf kalm", "stay-calm", 6),
    ]


def test_links_outside_code_only_with_columns():
    scan = scan_markdown(PAGE)
    assert [(link.target, link.line, link.col) for link in scan.links] == [("after.md#follow-up", 5, 6)]


def test_boxes_checklists_and_directives():
    scan = scan_markdown(PAGE)
    assert [(a.kind, a.title, a.line) for a in scan.admonitions] == [("tip", "Tip", 7)]
    assert [(t.section_id, [i.text for i in t.items]) for t in scan.tasklists] == [("stay-calm", ["Eerste", "Tweede"])]
    assert [(d.name, d.argument, d.line) for d in scan.directives] == [("phrases", "calm", 19)]


def test_paragraph_text_and_line():
    scan = scan_markdown("# T {#t}\n\nEen twee\ndrie.\n\n- vier\n- vijf\n")
    assert [(p.text, p.line) for p in scan.paragraphs] == [("Een twee drie.", 3), ("vier", 6), ("vijf", 7)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#[]()!{}%-*`~ \n\tab:./\"'<>=xyz")), max_size=400))
def test_scanner_never_crashes_on_random_markdown(text):
    scan = scan_markdown(text)
    for link in scan.links:
        assert link.line >= 1 and link.col >= 1
