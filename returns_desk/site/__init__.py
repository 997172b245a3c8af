"""Site mode: several dock terminals of one site on a shared PostgreSQL database.

Each terminal stays local-first (every scan is committed to its own SQLite record before
the clerk hears it); ``SiteLink`` ships this terminal's scans and fetched shipments to the
site database, reads the other terminals', holds the polling lease of the FEs it leads and
claims each return's hand-on for the whole site. See docs/site.md.
"""
