"""`mskio serve`: a local HTTP server for the site with the content negotiation of the shipped
`.htaccess` and nginx snippet (see `mskio.site.negotiation`): the static dist/site/, or with
`--live` the pages rendered on demand from dist/ (`mskio.site.live`).

GET /work/x answers with work/x.html, work/x.ttl or work/x.jsonld by the Accept header
(with `Vary: Accept` and `Content-Location`); paths with an extension are served as files;
`/` and paths ending in `/` are the `index` resource of that folder. No directory listings.
A part of a resource that has no page of its own (mskio.iris.part_of: /work/x/author/2) is
answered with 303 See Other to its owner's page and anchor (/work/x#author/2), as the shipped
`.htaccess` and nginx snippet do.
"""

from __future__ import annotations

import mimetypes
import os
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import quote, unquote, urlsplit

from mskio.errors import EnvironmentProblem, InputError
from mskio.iris import part_of
from mskio.site.negotiation import CONTENT_TYPES, VARIANTS, choose


MAX_SEGMENT = 250
"""Longest path segment (UTF-8 bytes) that can name a page: the site's file names are at most
this long with their extension (file systems allow 255); a longer one is 404 without touching the disk."""


class SiteFiles(Protocol):
    """Where the served files come from: a site directory, or the live renderer."""

    def exists(self, path: str) -> bool: ...

    def open(self, path: str) -> BinaryIO | None: ...


class DirectorySite:
    """The files of a static site directory (dist/site/)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()

    def _file(self, path: str) -> Path | None:
        target = self.directory / path
        try:
            return target if target.is_file() else None
        except (OSError, ValueError):  # a name the file system refuses
            return None

    def exists(self, path: str) -> bool:
        return self._file(path) is not None

    def open(self, path: str) -> BinaryIO | None:
        file = self._file(path)
        return None if file is None else file.open("rb")


class NegotiatingHandler(BaseHTTPRequestHandler):
    """Serves a site's files; extensionless paths are negotiated between .html/.ttl/.jsonld."""

    server_version = "mskio-serve"

    def __init__(self, *args: object, site: SiteFiles, **kwargs: object) -> None:
        self.site = site
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # handles the request

    def do_GET(self) -> None:
        body = self.respond()
        if body is not None:
            with body:
                while chunk := body.read(1 << 16):
                    self.wfile.write(chunk)

    def do_HEAD(self) -> None:
        body = self.respond()
        if body is not None:
            body.close()

    def respond(self) -> BinaryIO | None:
        """Send the status and headers; the body to send, if any."""
        path = unquote(urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") or len(p.encode("utf-8")) > MAX_SEGMENT for p in parts):
            self.send_error(HTTPStatus.NOT_FOUND, "not found")
            return None
        stem = "/".join([*parts, "index"] if path.endswith("/") else parts)
        if stem and self.site.exists(stem):
            return self._send(stem, [])
        available = [v.extension for v in VARIANTS if stem and self.site.exists(f"{stem}{v.extension}")]
        if not available:
            part = part_of("/" + stem)
            if part is not None and self.site.exists(f"{part[0].lstrip('/')}.html"):
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
        headers = [("Vary", "Accept"), ("Content-Location", f"/{stem}{variant.extension}")]
        headers += [("Link", f'</{stem}{v.extension}>; rel="alternate"; type="{v.media_types[0]}"')
                    for v in VARIANTS if v.extension in available and v != variant]
        return self._send(f"{stem}{variant.extension}", headers)

    def _send(self, path: str, headers: list[tuple[str, str]]) -> BinaryIO | None:
        body = self.site.open(path)
        if body is None:
            self.send_error(HTTPStatus.NOT_FOUND, "not found")
            return None
        size = body.seek(0, os.SEEK_END)
        body.seek(0)
        extension = "." + path.rsplit(".", 1)[-1]
        kind = CONTENT_TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(size))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        return body


def make_server(directory: Path, *, host: str = "127.0.0.1", port: int = 8000, live: Path | None = None) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0: any free port) for the site in `directory`, or, given
    `live` (a built dist/), for the site rendered on demand from it (mskio.site.live). InputError
    if there is no built site (or dist/); EnvironmentProblem if the address is taken."""
    site: SiteFiles
    if live is not None:
        from mskio.site.live import LiveSite

        site = LiveSite(live)
    else:
        if not (directory / "index.html").is_file():
            raise InputError("not a built site (no index.html); run `mskio build` first", path=directory)
        site = DirectorySite(directory)
    handler = partial(NegotiatingHandler, site=site)
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
