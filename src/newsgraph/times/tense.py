"""Tense hints from the one spaCy parse: which way a bare weekday or month points.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going", "gonna"})
# Verbs whose time expression names the future event they arrange ('scheduled a news conference Thursday').
SCHEDULING_VERBS = frozenset({"schedule", "reschedule", "plan", "postpone", "delay", "slate", "adjourn", "defer"})
FORWARD_VERBS = frozenset({"plan", "expect", "schedule", "hope", "intend", "want", "aim", "prepare", "promise", "vow",
                           "threaten", "seek", "try", "set", "due", "likely", "able", "need", "agree", "decide"})
# Verbs whose past tense is spelled like their present ('hurt', 'shut', 'cut'): a tagger's VBP/VBD on them is a coin
# toss, so their form says nothing about which way a weekday points ('stocks hurt the index on Friday').
INVARIANT_VERBS = frozenset({"hurt", "shut", "cut", "hit", "set", "put", "let", "cost", "spread", "quit", "cast", "bet",
                             "burst", "split", "shed", "thrust", "upset", "broadcast", "forecast", "bid", "rid", "read",
                             "wed", "fit", "knit", "undercut", "offset", "outbid", "recast", "reset", "telecast"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "be"})


class ParseHints:
    """Tense facts read from the one spaCy parse, looked up by character offset."""

    def __init__(self, parsed: Any) -> None:
        self.doc = parsed
        self.starts = [t.idx for t in parsed] if parsed is not None else []

    def token_at(self, pos: int) -> Any:
        i = bisect_right(self.starts, pos) - 1
        return self.doc[i] if i >= 0 else None

    def governing_verb(self, pos: int) -> Any:
        """The verb an expression at ``pos`` hangs from (up to six heads up), or None."""
        verb = self.token_at(pos)
        for _ in range(6):
            if verb is None or verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        return verb if verb is not None and verb.pos_ in ("VERB", "AUX") else None

    def present_perfect(self, pos: int) -> bool:
        """Is the governing verb a present perfect ('has extended', 'have been banned')?"""
        verb = self.governing_verb(pos)
        return verb is not None and verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)

    def tense(self, pos: int, headline: bool = False) -> int:
        """-1 past, +1 future, 0 present or unknown: from the verb that governs the expression.

        Headlines tell past news in the simple present ('Rebels seize bridge on Tuesday') and the future with a
        bare 'to' ('Minister to resign Friday'), so in a headline a simple present points back."""
        verb = self.governing_verb(pos)
        if verb is None:
            return 0
        tense = verb_tense(verb)
        if headline and verb.tag_ == "VBD" and verb.lower_ in INVARIANT_VERBS and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children):
            return 0  # 'Schools shut until Wednesday': headlines do not tell the past in the past tense
        if headline and tense > 0 and verb.tag_ in ("VBZ", "VBP") and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children):
            return -1
        return tense



def verb_tense(verb: Any, depth: int = 0) -> int:
    """-1 past (past tense, perfect), +1 future ('will', 'is to', scheduled present: 'they meet Monday'), 0 unknown.
    A 'to' infinitive takes the time of the verb it depends on, unless that verb looks forward ('plan to')."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return 1
    if verb.tag_ == "VBN" and verb.lemma_ in FORWARD_VERBS and lowers & PRESENT_BE and not lowers & {"been", "was", "were"}:
        return 1  # 'winds are expected from Saturday evening', 'the vote is set for Monday': a present passive plan
    if verb.tag_ == "VBN" and verb.lemma_ in ("expect", "anticipate", "intend") and not auxes:
        return 1  # 'Election results expected Monday', 'a decision, expected Friday, ...'
    if verb.lemma_ in SCHEDULING_VERBS:
        return -1 if "had" in lowers else 1  # 'had been scheduled to expire Friday': a plan already past
    if "to" in lowers and (verb.tag_ == "VB" or (verb.tag_ == "VBN" and "be" in lowers)):  # 'to be lifted'
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return 1  # 'Storm to hit coast on Sunday': a headline's 'X to do' with its own subject is a future
        head = verb.head
        if head.lemma_ in SCHEDULING_VERBS and head.pos_ in ("VERB", "AUX"):
            return verb_tense(head, depth + 1)
        if head is verb or depth > 2 or head.lemma_ in FORWARD_VERBS or head.pos_ not in ("VERB", "AUX"):
            return 1
        return verb_tense(head, depth + 1) or 1
    if verb.tag_ in ("VBZ", "VBP") and not auxes and verb.lemma_ not in ("be", "have", "say"):
        return 0 if verb.tag_ == "VBP" and verb.lower_ in INVARIANT_VERBS else 1
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'re", "'s"}:
        return 1
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ == "VBN" and lowers & {"has", "have", "had", "'ve", "'s"}:
        return -1
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return -1
    if "would" in lowers:
        return 1
    return 0


