"""Parsing never raises anything but a clean refusal, on arbitrary bytes or HTML."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolefit.errors import RolefitError
from rolefit.ingest.files import check_bytes
from rolefit.parse import parse_page
from rolefit.types import Page

TAGS = ["div", "p", "ul", "li", "h1", "h2", "b", "strong", "br", "script", "a", "span", "table", "td"]


@st.composite
def html_docs(draw):
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.text(max_size=60)))
        elif kind == 3:
            parts.append('<script type="application/ld+json">' + draw(st.text(max_size=80)) + "</script>")
        else:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            '{"@type":"JobPosting","title":',
                            "<title>",
                            "</title>",
                            "<meta property='og:title' content='",
                            "'>",
                            "&lt;",
                            "\x00",
                            "<h1>Jobs in</h1>",
                        ]
                    )
                )
            )
    return "<html><body>" + "".join(parts)


def _parse(data: bytes) -> None:
    try:
        check_bytes(data, "fuzz")
        parse_page(Page(data, "fuzz"))
    except RolefitError:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    _parse(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_docs())
def test_arbitrary_html_never_crashes(doc):
    _parse(doc.encode("utf-8", "surrogatepass") if False else doc.encode("utf-8", "replace"))
