"""`mskio serve`: a local HTTP server for dist/site/ with the content negotiation of the shipped
`.htaccess` and nginx snippet (see `mskio.site.negotiation`).

GET /work/x answers with work/x.html, work/x.ttl or work/x.jsonld by the Accept header
(with `Vary: Accept` and `Content-Location`); paths with an extension are served as files;
`/` and paths ending in `/` are the `index` resource of that folder. No directory listings.
A part of a resource that has no page of its own (mskio.iris.part_of: /work/x/author/2) is
answered with 303 See Other to its owner's page and anchor (/work/x#author/2), as the shipped
`.htaccess` and nginx snippet do.
"""

from __future__ import annotations

from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from mskio.errors import EnvironmentProblem, InputError
from mskio.iris import part_of
from mskio.site.negotiation import CONTENT_TYPES, VARIANTS, choose


MAX_SEGMENT = 250
"""Longest path segment (UTF-8 bytes) that can name a page: the site's file names are at most
this long with their extension (file systems allow 255); a longer one is 404 without touching the disk."""


class NegotiatingHandler(SimpleHTTPRequestHandler):
    """Serves a site directory; extensionless paths are negotiated between .html/.ttl/.jsonld."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
    server_version = "mskio-serve"
    _extra_headers: list[tuple[str, str]]

    def send_head(self) -> Any:
        """Negotiate, then let SimpleHTTPRequestHandler serve the chosen file."""
        self._extra_headers = []
        path = unquote(urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") or len(p.encode("utf-8")) > MAX_SEGMENT for p in parts):
            self.send_error(HTTPStatus.NOT_FOUND, "not found")
            return None
        stem = "/".join([*parts, "index"] if path.endswith("/") else parts)
        if self._is_file("/" + stem):
            self.path = "/" + stem
            return super().send_head()
        available = [v.extension for v in VARIANTS if self._is_file(f"/{stem}{v.extension}")]
        if not available:
            part = part_of("/" + stem)
            if part is not None and self._is_file(f"{part[0]}.html"):
                self.send_response(HTTPStatus.SEE_OTHER)
                self.send_header("Location", quote(part[0]) + "#" + quote(part[1], safe="/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_error(HTTPStatus.NOT_FOUND, "not found")
            return None
        variant = choose(self.headers.get("Accept"), available)
        if variant is None:
            types = ", ".join(t for v in VARIANTS if v.extension in available for t in v.media_types)
            self.send_error(HTTPStatus.NOT_ACCEPTABLE, "Not Acceptable", f"available as {types}")
            return None
        self._extra_headers = [("Vary", "Accept"), ("Content-Location", f"/{stem}{variant.extension}")]
        self._extra_headers += [("Link", f'</{stem}{v.extension}>; rel="alternate"; type="{v.media_types[0]}"')
                                for v in VARIANTS if v.extension in available and v != variant]
        self.path = f"/{stem}{variant.extension}"
        return super().send_head()

    def _is_file(self, path: str) -> bool:
        """Whether the URL path `path` names a file of the site (False for names the file system
        refuses, such as a segment longer than it allows)."""
        try:
            return Path(self.translate_path(path)).is_file()
        except (OSError, ValueError):
            return False

    def end_headers(self) -> None:
        for name, value in getattr(self, "_extra_headers", []):
            self.send_header(name, value)
        self._extra_headers = []
        super().end_headers()

    def list_directory(self, path: Any) -> None:
        """No directory listings."""
        self.send_error(HTTPStatus.NOT_FOUND, "not found")
        return None


def make_server(directory: Path, *, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server for the site in `directory` bound to host:port (port 0: any free port).
    InputError if `directory` has no index.html; EnvironmentProblem if the address is taken."""
    if not (directory / "index.html").is_file():
        raise InputError("not a built site (no index.html); run `mskio build` first", path=directory)
    handler = partial(NegotiatingHandler, directory=str(directory.resolve()))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
