"""The files a print document loads, as the typesetter itself fetches them.

Two things need to know them. The PDF cache: a PDF is reused only while every file it loaded (images, fonts) is
unchanged, and only the typesetter knows which ones it loaded. And the problem report: WeasyPrint merely logs
an image it could not load, naming the URL as the record's argument; a URL it was asked for is matched against
the images of the model's pages, so the problem points at the line that shows the image.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast
from urllib.parse import unquote, urlparse

from handbook.printing.svg_fonts import with_handbook_faces

if TYPE_CHECKING:
    from email.message import EmailMessage


class RecordingFetcher(Protocol):
    """A WeasyPrint URL fetcher that keeps every URL it was asked for."""

    requested: list[str]


class _Response(Protocol):
    """What the fetcher reads of WeasyPrint's URLFetcherResponse."""

    url: str
    status: int
    headers: EmailMessage
    content_type: str | None

    def read(self) -> bytes: ...

    def close(self) -> None: ...


def recording_fetcher() -> RecordingFetcher:
    """A WeasyPrint URL fetcher that keeps every URL it is asked for, in order, in its `requested` list, and hands
    the typesetter each local SVG with its text in the handbook's faces (`svg_fonts`)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # pyright: ignore[reportMissingTypeStubs]

    class Fetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__()  # pyright: ignore[reportUnknownMemberType] (WeasyPrint ships no types)
            self.requested: list[str] = []

        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
            self.requested.append(url)
            response = super().fetch(url, headers)  # pyright: ignore[reportUnknownMemberType] (WeasyPrint ships no types)
            fetched = cast(_Response, response)  # and so the response's attributes are typed once, here
            if not url.startswith("file:") or fetched.content_type != "image/svg+xml":
                return response
            try:
                body = fetched.read()
            finally:
                fetched.close()
            with contextlib.suppress(UnicodeDecodeError):  # the typesetter then reports the file as it is
                body = with_handbook_faces(body.decode("utf-8")).encode("utf-8")
            return URLFetcherResponse(fetched.url, body, fetched.headers, fetched.status)

    return Fetcher()


def file_digests(urls: list[str]) -> dict[str, str]:
    """The digest of each local file among `urls` ("missing" when it is not there); other URLs are left out."""
    digests: dict[str, str] = {}
    for url in dict.fromkeys(urls):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            continue
        path = Path(unquote(parsed.path))
        digests[url] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
    return digests


def unchanged(digests: dict[str, str]) -> bool:
    """Whether every file still has the digest it had."""
    return file_digests(list(digests)) == digests


class FailedResources(logging.Handler):
    """The requested URLs that a log record of the typesetter names as failing, with the record's message."""

    def __init__(self, requested: list[str]):
        super().__init__(logging.WARNING)
        self.requested = requested
        self.failures: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        url = next((arg for arg in args if isinstance(arg, str) and arg in self.requested), None)
        if url is not None:
            self.failures.append((url, record.getMessage()))
