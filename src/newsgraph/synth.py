"""Synthetic news text of any length, for the length and throughput benchmarks and the scale tests.

Why generated: the cost bars are about length, not content, so the text must be realistic enough to exercise every
stage (named sources, pronouns, quotations, places, dates, event verbs, datelines) yet be reproducible from a seed
at 50k or 3.2M characters. The sentences are written for this project; slots are filled from small word lists.
"""

from __future__ import annotations

import random

PEOPLE = ["Amina Darwish", "Colonel Pavel Sirko", "Maria Ochoa", "Minister Kwame Boateng", "Li Wenjun",
          "General Farid Haddad", "Sofia Marchetti", "Ahmet Yilmaz", "Governor Elena Rusu", "Tomas Kowalczyk",
          "Nadia Benali", "Senator Ruth Adeyemi", "Omar Khalil", "Ingrid Solberg", "Rafael Quintero"]
ROLES = ["a police spokesman", "the interior ministry", "a senior diplomat", "local officials", "the army",
         "a hospital director", "witnesses", "the rebel command", "an aid worker", "the foreign ministry"]
GROUPS = ["government forces", "the rebels", "the militia", "border guards", "the opposition", "protesters",
          "the coalition", "the navy", "security forces", "striking miners"]
PLACES = ["Kharkiv", "Mosul", "Tripoli", "Goma", "Aleppo", "Mogadishu", "Kabul", "Odesa", "Bamako", "Tbilisi",
          "Khartoum", "Donetsk", "Benghazi", "Juba", "Kherson", "Idlib", "Niamey", "Gaza", "Herat", "Sittwe"]
COUNTRIES = ["Ukraine", "Iraq", "Libya", "Congo", "Syria", "Somalia", "Afghanistan", "Mali", "Georgia", "Sudan",
             "Niger", "Myanmar", "Lebanon", "Yemen", "Colombia"]
DAYS = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday", "early on Friday", "on Saturday",
        "on Sunday", "last week", "on March 3", "in mid-April", "two days ago", "overnight"]
VERBS = ["shelled", "attacked", "seized", "blockaded", "raided", "bombed", "surrounded", "captured"]
TALK = ["met", "negotiated with", "signed a ceasefire with", "agreed to talks with", "exchanged prisoners with"]
CUES = ["said", "told reporters", "said in a statement", "claimed", "denied", "warned", "confirmed", "insisted"]

TEMPLATES = [
    "{g1} {verb} positions held by {g2} near {p1} {day}, {role} said.",
    "{person} said {g1} had {verb} a checkpoint outside {p1}, killing at least {n} people.",
    "\u201cWe will not leave {p1},\u201d {person} told reporters in {p2}. \u201cThe attacks must stop.\u201d",
    "According to {role}, {n} civilians were wounded when a shell hit a market in {p1} {day}.",
    "{g1} {talk} {g2} in {p2} {day}, the first such meeting since the fighting began in {c1}.",
    "{person} {cue} that the convoy had reached {p1}. She added that more aid would follow {day}.",
    "He {cue} the reports, saying {g1} had not {verb} any village in {c1}.",
    "{role} {cue} that about {n} families had fled {p1} for {p2} {day}.",
    "Residents of {p1} said they heard explosions {day}, and {role} confirmed that {g1} had {verb} the airport.",
    "The United Nations called on {g1} and {g2} to allow aid into {p1}, {person} said.",
    "{person}, speaking by telephone from {p2}, said the situation in {c1} was \u201cextremely tense\u201d.",
    "They {cue} that {n} fighters had been detained after {g2} {verb} a base north of {p1}.",
]


def _sentence(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    text = template.format(
        g1=rng.choice(GROUPS), g2=rng.choice(GROUPS), p1=rng.choice(PLACES), p2=rng.choice(PLACES),
        c1=rng.choice(COUNTRIES), day=rng.choice(DAYS), role=rng.choice(ROLES), person=rng.choice(PEOPLE),
        verb=rng.choice(VERBS), talk=rng.choice(TALK), cue=rng.choice(CUES), n=rng.randint(2, 400),
    )
    return text[0].upper() + text[1:]


def synthetic_article(n_chars: int, seed: int = 0) -> str:
    """A headline, a dateline and paragraphs of 2-5 sentences until ``n_chars`` is reached (then cut at a
    sentence end, so the length is within one sentence of the request)."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    parts = [f"Fighting spreads around {place} as talks stall", f"{place.upper()}, March 4 (Wire) - " + _sentence(rng)]
    size = sum(len(p) + 2 for p in parts)
    while size < n_chars:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)[: max(n_chars, 1)].rsplit(".", 1)[0] + "."


def synthetic_batch(n_docs: int, words: int = 600, seed: int = 0) -> list[str]:
    """``n_docs`` different articles of about ``words`` words each (6 characters a word on average)."""
    return [synthetic_article(words * 6, seed=seed + i) for i in range(n_docs)]
