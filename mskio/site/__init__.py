"""The browsable linked-data site (`dist/site/`) and `mskio serve`.

`render.render_site(SiteInput) -> dict[path, bytes]` makes the pages (what each shows follows from
`describe.SiteGraph`: which pages exist and the RDF of each); `charts` draws their inline SVG
pictures; `search` builds the lunr index of the search page; `formats` writes a page's Turtle and
JSON-LD and the site's SHA256SUMS; `negotiation` chooses a representation for an Accept header;
`serve` is the local server with the same negotiation as the shipped `.htaccess` and nginx snippet.
"""
