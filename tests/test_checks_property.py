"""Random pages and links fed through every check: the checks report problems, they never crash."""

from conftest import GOOD_PAGES, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from handbook.checks import run_checks
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

fragments = st.sampled_from(
    [
        "# T {#t}",
        "## A {#a}",
        "## B",
        "[x](talk.md#stay-calm)",
        "[y](missing.md)",
        "[z](#nope)",
        "![](img.png)",
        "!!! tip",
        '!!! keypoint "K"',
        "- [ ] item",
        "- [ ] ",
        "{% phrases x %}",
        "{% nope %}",
        "```",
        "<script>",
        "---",
        "sources: [x",
        "TODO",
        "{{ v }}",
        "de klant is boos en wil dat je luistert",
        "[a](../en/talk/)",
        "",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nl=st.lists(fragments, max_size=12), en=st.lists(fragments, max_size=12))
def test_checks_never_crash(tmp_path_factory, nl, en):
    root = tmp_path_factory.mktemp("random")
    pages = {**GOOD_PAGES, "talk.nl.md": "\n\n".join(nl), "talk.en.md": "\n\n".join(en)}
    handbook = load_handbook(settings_from_mkdocs(load_config(str(write_site(root, pages)))))
    for problem in run_checks(handbook):
        assert problem.path.startswith(("docs/", "mkdocs.yml")) and problem.line >= 1
