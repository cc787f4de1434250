"""A private Virtuoso 7 server for the tests (Debian's `virtuoso-opensource-7-bin`: virtuoso-t).

`start_virtuoso(directory)` writes a virtuoso.ini into `directory` (database, logs and the
bulk loader's allowed directory all inside it), starts `virtuoso-t +foreground` listening on
127.0.0.1 only (free ports for ISQL and HTTP), waits until its SPARQL endpoint answers and
returns a `Virtuoso`; `stop()` ends that one process (SIGTERM, then SIGKILL).

Endpoints of the running server:
    SPARQL query endpoint        http://127.0.0.1:HTTP/sparql            (no authentication)
    Graph Store HTTP Protocol    http://127.0.0.1:HTTP/sparql-graph-crud-auth  (HTTP Digest, user dba)
`mskio load --endpoint http://127.0.0.1:HTTP/sparql` finds the Graph Store URL itself and answers
the Digest challenge with MSKIO_SPARQL_USER / MSKIO_SPARQL_PASSWORD.

Without the binary the tests skip, except in CI (CI=true), where they fail: .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

BINARY = "virtuoso-t"
USER, PASSWORD = "dba", "dba"
"""Virtuoso's built-in administrator; a fresh database has this password (loopback only, temporary)."""

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
ServerThreads = 10
DirsAllowed = ., {dir}
MaxQueryMem = 200M

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = 1000000
"""


def virtuoso_binary() -> str:
    """The virtuoso-t executable; pytest.skip without it, or pytest.fail in CI (CI=true)."""
    found = shutil.which(BINARY)
    if found:
        return found
    message = f"{BINARY} not found (apt-get install virtuoso-opensource-7-bin; .ci/run does)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + " - in CI the Virtuoso tests must run, never skip")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Virtuoso:
    """A running private virtuoso-t."""

    process: subprocess.Popen[bytes]
    directory: Path
    http_port: int
    isql_port: int

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def log(self) -> str:
        path = self.directory / "virtuoso.log"
        return path.read_text(errors="replace")[-3000:] if path.is_file() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def start_virtuoso(directory: Path, *, timeout: float = 60) -> Virtuoso:
    """A private virtuoso-t with its database in `directory`, answering on loopback."""
    binary = virtuoso_binary()
    for _attempt in range(3):  # a free port may be taken between choosing and binding it
        run = directory / f"run-{_attempt}"
        run.mkdir(parents=True)
        http, isql = free_port(), free_port()
        ini = run / "virtuoso.ini"
        ini.write_text(INI.format(dir=run, http=http, isql=isql), encoding="utf-8")
        with (run / "stdout.log").open("wb") as out:
            process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=run,
                                       stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        server = Virtuoso(process, run, http, isql)
        deadline = time.monotonic() + timeout
        while process.poll() is None and time.monotonic() < deadline:
            if _answers(server.sparql):
                return server
            time.sleep(0.2)
        server.stop()
    pytest.fail(f"virtuoso-t did not start: {server.log()}")
