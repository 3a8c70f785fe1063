"""Live feeds: ``newsgraph watch FEEDS.txt --db URL --every 15m`` polls RSS/Atom feeds and pages, ingests new
articles through ``jobs.ingest`` (so they are stored and fused like any input) and remembers what it has seen in
the store (tables ``feed_state`` and ``feed_items``)."""
