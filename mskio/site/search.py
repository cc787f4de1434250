"""The site's search: a lunr.js index built at build time (the Python `lunr` package writes the
index format lunr.js 2.3.9 loads), shipped as static files, so the search box works offline from
the files alone (any static web server, or `mskio serve`); nothing is fetched at run time.

Files (under `search/`): `index.html` (the results page the search box of every page submits to),
`data.js` (the serialised index and the documents' titles and paths, as a script so that it also
loads from `file://`), `lunr-2.3.9.min.js` (lunr.js as published on npm, `lunr@2.3.9`, MIT, with
`lunr-LICENSE.txt`; SHA-256 in `LUNR_SHA256`), `search.js` (reads `?q=`, runs the query, lists
the results).

Documents: every work (title, authors, journal, year), person, organization and journal (names),
and every term of the ontology (labels and alternative labels).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

LUNR_JS = "lunr-2.3.9.min.js"
"""lunr.js as shipped in the npm package lunr@2.3.9 (its `lunr.min.js`, unchanged)."""

LUNR_SHA256 = "0c50d9002b85780a842afffb567bb54ede402dae7c6dc5997a018614d8044fc8"
"""SHA-256 of `templates/lunr-2.3.9.min.js` (npm lunr@2.3.9 tarball integrity
sha512-zTU3DaZaF3Rt9rhN3uBMGQD3dD2/vFQqnvZCDv4dl5iOzq2IZQqTxu90r4E5J+nP70J3ilqVCrbho2eWaeW8Ow==)."""

FIELDS = ({"field_name": "title", "boost": 10}, {"field_name": "authors", "boost": 5},
          {"field_name": "journal", "boost": 2}, {"field_name": "labels", "boost": 8})
"""Indexed fields with their weights."""

FIELD_NAMES: tuple[str, ...] = tuple(str(field["field_name"]) for field in FIELDS)


class IndexTerms:
    """A field's index terms as lunr's default builder makes them, each distinct word's made once.

    lunr tokenizes a field by lower-casing it and splitting it on its separator characters
    (lunr.tokenizer.SEPARATOR_CHARS), then runs every token through its default builder's pipeline
    (trimmer, stop word filter, stemmer), each a function of the token's text alone; `__call__`
    does the same with that pipeline, run once for each distinct word. `builder` is lunr's default
    builder with that pipeline done already: it is given the terms as a list, which lunr's
    tokenizer takes as the tokens."""

    def __init__(self) -> None:
        from lunr.lunr import get_default_builder
        from lunr.tokenizer import SEPARATOR_CHARS

        self._default_builder = get_default_builder
        self._separators = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")
        self._run = get_default_builder().pipeline.run_string
        self._terms: dict[str, list[str]] = {}

    def __call__(self, value: str) -> list[str]:
        out: list[str] = []
        for word in self._separators.split(value.lower()):
            if word:
                terms = self._terms.get(word)
                if terms is None:
                    terms = self._terms[word] = self._run(word)
                out.extend(terms)
        return out

    def builder(self) -> Any:
        """lunr's default builder (lunr.get_default_builder), its indexing pipeline emptied."""
        builder = self._default_builder()
        builder.pipeline.reset()
        return builder


@dataclass(frozen=True)
class SearchDocument:
    """One searchable page (or anchor): what is indexed and what a result shows."""

    path: str
    """Site-relative URL of the result (e.g. `work/x.html`, `ontology.html#Cryoablation`)."""
    title: str
    kind: str
    detail: str = ""
    """One line under the title: authors, journal and year of a work; a term's definition ..."""
    authors: str = ""
    journal: str = ""
    labels: str = ""


def search_data(documents: list[SearchDocument]) -> bytes:
    """`search/data.js`: `window.mskioSearch = {index, docs}`; the index from the Python lunr
    package (lunr.js 2.3.9's serialisation), documents keyed by their position, in path order.

    The index is lunr's default one (the pipeline trimmer, stop word filter, stemmer; the search
    pipeline the stemmer), each field's terms made once for each distinct word (`IndexTerms`)
    and given to lunr's builder as the field's token list: the same index, byte for byte
    (tests/test_site_render.py builds both), with lunr's tokenizer (a Python loop over each
    character) and its three pipeline functions left out: 1,000 reviews' 115,370 documents in
    9.7 s instead of 13.3, the same 66 MB (alone, the collector off as in the build)."""
    from lunr import lunr  # only the build's site stage needs it

    ordered = sorted(documents, key=lambda d: (d.path, d.title))
    terms = IndexTerms()
    rows = [{"id": str(i), **{field: terms(getattr(d, field)) for field in FIELD_NAMES}}
            for i, d in enumerate(ordered)]
    index = lunr(ref="id", fields=list(FIELDS), documents=rows, builder=terms.builder()) if rows else None
    payload = {"index": index.serialize() if index is not None else None,
               "docs": [[d.path, d.title, d.kind, d.detail] for d in ordered]}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("</", "<\\/")
    return f"window.mskioSearch = {text};\n".encode("utf-8")


SEARCH_JS = """// mskio search: runs the lunr.js query of ?q= over the index in data.js and lists the results.
(function () {
  "use strict";
  var form = document.getElementById("search-page-form");
  var input = document.getElementById("search-page-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!window.mskioSearch || !window.mskioSearch.index) { status.textContent = "No search index."; return; }
  if (!query) { status.textContent = "Type a title word, an author, a journal or a term."; return; }
  var index = lunr.Index.load(window.mskioSearch.index);
  var docs = window.mskioSearch.docs;
  function run(text) {
    try { return index.search(text); } catch (error) { return null; }
  }
  var words = query.split(/\\s+/).map(function (w) { return w.replace(/[:~^*+\\-]/g, ""); })
                   .filter(function (w) { return w.length > 0; });
  var results = run(query);
  if (!results || results.length === 0) { results = run(words.map(function (w) { return "+" + w + "*"; }).join(" ")); }
  if (!results || results.length === 0) { results = run(words.map(function (w) { return w + "*"; }).join(" ")) || []; }
  status.textContent = results.length + (results.length === 1 ? " result" : " results") + " for \\u201c" + query + "\\u201d";
  results.slice(0, 100).forEach(function (result) {
    var doc = docs[Number(result.ref)];
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "../" + doc[0];
    link.textContent = doc[1];
    var kind = document.createElement("span");
    kind.className = "kind-tag";
    kind.textContent = doc[2];
    item.appendChild(kind);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(link);
    if (doc[3]) {
      var detail = document.createElement("div");
      detail.className = "note";
      detail.textContent = doc[3];
      item.appendChild(detail);
    }
    list.appendChild(item);
  });
  if (form) { form.setAttribute("data-ready", "true"); }
})();
"""
"""`search/search.js`: the results page's script (no framework; DOM text only, never innerHTML)."""
