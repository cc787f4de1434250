#!/bin/sh
# Start a local Oxigraph SPARQL server for mskio, in the foreground (Ctrl-C stops it).
#
#   scripts/oxigraph-server.sh [DIR] [PORT]      defaults: .oxigraph/ and 7878
#
# The server keeps its data in DIR (created if missing) and listens on 127.0.0.1 only:
#   SPARQL query endpoint         http://127.0.0.1:PORT/query
#   SPARQL update endpoint        http://127.0.0.1:PORT/update
#   Graph Store HTTP Protocol     http://127.0.0.1:PORT/store
# Load the dataset from another shell with
#   .venv/bin/mskio load --endpoint http://127.0.0.1:PORT/query
# The server stops any query after MSKIO_SERVER_TIMEOUT seconds (default 60).
# The binary is the one of the pinned `oxigraph` package in .venv (make install).
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
dir=${1:-"$here/.oxigraph"}
port=${2:-7878}
bin="$here/.venv/bin/oxigraph"
if [ ! -x "$bin" ]; then
    bin=$(command -v oxigraph || true)
fi
if [ -z "$bin" ]; then
    echo "oxigraph-server: no oxigraph binary in .venv/bin or on PATH (run: make install)" >&2
    exit 3
fi
mkdir -p "$dir"
echo "oxigraph-server: data in $dir; SPARQL endpoint http://127.0.0.1:$port/query, graph store http://127.0.0.1:$port/store" >&2
exec "$bin" serve --location "$dir" --bind "127.0.0.1:$port" --timeout-s "${MSKIO_SERVER_TIMEOUT:-60}"
