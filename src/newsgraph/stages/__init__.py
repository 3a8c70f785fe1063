"""One module per layer; each exposes ``annotate(doc, parsed, ctx) -> None`` (see registry.py for the order)."""
