"""The browsable linked-data site (`dist/site/`) and `mskio serve`.

`render.render_site(SiteInput) -> dict[path, bytes]` makes the pages; `negotiation` chooses a
representation for an Accept header; `serve` is the local server with the same negotiation as
the shipped `.htaccess` and nginx snippet.
"""
