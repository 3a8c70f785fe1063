"""The pipeline: stage order, batching through ``nlp.pipe``, error isolation per document.

One direction, one parse per text: pre-parse stages (segments, language) run on raw text, then every text is
parsed once, in batches, with bylines, captions and boilerplate blanked (offsets unchanged), then the remaining
stages add their layers in order. Long texts are parsed in paragraph-aligned chunks merged back into one Doc
(chunks.py), so parser memory stays bounded and stages still see one Doc with the text's offsets. A failing stage records a coded warning on that document and the others go on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from itertools import islice

from newsgraph.chunks import pipe_chunked
from newsgraph.config import Settings
from newsgraph.context import Context
from newsgraph.document import Document
from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc
from newsgraph.nlp import load_model
from newsgraph.registry import StageSpec, check_order, default_stages
from newsgraph.spans import masked_text

log = logging.getLogger("newsgraph")

Item = RawDoc | InputError
Result = Document | InputError


class Pipeline:
    """Streams documents through the stages: ``Pipeline().run(items)`` yields results in input order."""

    def __init__(self, settings: Settings | None = None, stages: list[StageSpec] | None = None) -> None:
        self.settings = settings or Settings()
        self.stages = stages if stages is not None else default_stages()
        problems = check_order(self.stages)
        if problems:
            raise ValueError("; ".join(problems))
        self.ctx = Context(settings=self.settings)
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.settings.spacy_model)
        return self._nlp

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        it = iter(items)
        while batch := list(islice(it, self.settings.batch_size)):
            yield from self._run_batch(batch)

    def process(self, raw: RawDoc) -> Document:
        """One document (the Python API's ``extract``)."""
        result = next(iter(self._run_batch([raw])))
        assert isinstance(result, Document)
        return result

    def _run_batch(self, batch: list[Item]) -> Iterator[Result]:
        """Results in batch order, each yielded as soon as its stages are done (so a caller storing them loses at
        most the document in flight when the run is killed)."""
        docs = [item.to_document() if isinstance(item, RawDoc) else item for item in batch]
        real = [d for d in docs if isinstance(d, Document)]
        pre = [s for s in self.stages if not s.needs_parse]
        post = [s for s in self.stages if s.needs_parse]
        for doc in real:
            for spec in pre:
                self._apply(spec, doc, None)
        if not (post and real):
            yield from docs
            return
        t0 = time.perf_counter()
        parsed_docs = pipe_chunked(self.nlp, (masked_text(d) for d in real), self.settings.batch_size,
                                   self.settings.chunk_chars)
        for doc in docs:  # one parsed Doc at a time: a long text's Doc is released before the next is parsed
            if not isinstance(doc, Document):
                yield doc
                continue
            parsed = next(parsed_docs)
            self.ctx.timings["parse"] += time.perf_counter() - t0
            for spec in post:
                self._apply(spec, doc, parsed)
            del parsed
            yield doc
            t0 = time.perf_counter()

    def _apply(self, spec: StageSpec, doc: Document, parsed: object) -> None:
        t0 = time.perf_counter()
        try:
            spec.func(doc, parsed, self.ctx)
        except Exception as exc:  # one stage's bug must not lose the document or the batch
            msg = Errors.E020.fmt(stage=spec.short, detail=f"{type(exc).__name__}: {exc}")
            log.warning("%s: %s", doc.id, msg)
            doc.warnings.append(msg)
        finally:
            self.ctx.timings[spec.short] += time.perf_counter() - t0
