"""The publication date a story states at its head (a wire dateline), for stories with no known date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsgraph.times.patterns import EXPLICIT_YEAR
from newsgraph.times.tagger import tag

# After a date at the head of a story: an optional '(Agency)', then the dateline's separator ('-', '--', ':', '.').
DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:|]|\.(?!\d)|$)")
# Before it: only a place in capitalised words ('NEW YORK, ', 'Ankara, '), not a sentence ('The talks, held on ').
DATELINE_HEAD = re.compile(r"^\W*(?!(?:On|In|By|At|From|Since|Until|Before|After|The)\b)(?:[A-Z][\w.'’-]*[\s,/()]*){0,5}$")
FULL_DATE = re.compile(r"^(?:1[89]|20)\d\d-[01]\d-[0-3]\d(?:T|$)")
DATELINE_REACH = 60  # a dateline date sits within the first few words of the story


def dateline_date(text: str, segments: Iterable[Any]) -> str | None:
    """The publication date a story states at its head ('MOSCOW, 05.03.2023.', 'Ankara, 23.12.2023 -',
    'BEIJING, March 5, 2023 (Xinhua) --', '...2023年3月5日电'), as an ISO date, or None.

    Why so strict: a full date in an opening sentence is as often the date of an old event ('On March 5, 2003, the
    war began'), so outside a dateline segment the date must come first and be followed by a dateline separator
    (CJK datelines run straight into the text, so for them position alone counts)."""
    segs = list(segments)
    regions = [(sg.start, sg.end, True) for sg in segs if sg.kind == "dateline"]
    first_body = next((sg for sg in segs if sg.kind == "body"), None)
    if first_body is not None:
        regions.append((first_body.start, min(first_body.end, first_body.start + DATELINE_REACH + 30), False))
    for start, end, is_dateline in regions:
        for f in tag(text, None, [(start, end)]):
            if not FULL_DATE.match(f.value) or not EXPLICIT_YEAR.search(text, f.start, f.end):
                continue
            if not is_dateline:
                if f.start - start > DATELINE_REACH:
                    break
                cjk = "年" in text[f.start:f.end]
                head = text[start:f.start]
                if not cjk and (not DATELINE_HEAD.match(head) or not DATELINE_TAIL.match(text, f.end)):
                    break  # only the first full date counts; later ones belong to the story
            return f.value[:10]
    return None

