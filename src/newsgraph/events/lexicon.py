"""The PLOVER trigger lexicons (``lexicons/plover_*.tsv``) as small typed records.

Triggers are data, not code, so an analyst can read and extend them: one row per (lemma, condition), tried in
file order, first match wins. Conditions are parsed once here into :class:`Condition` tuples that the matcher
checks against a token's dependents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
VERBAL_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on a trigger's dependents: ``kind`` (obj, prt, prep, pobj, subj, mod, noobj, comp, passive)
    and the allowed lemmas (already expanded from @classes)."""

    kind: str
    words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Rule:
    lemma: str
    conditions: tuple[Condition, ...]
    type: str  # a PLOVER type, or NONE to block the lemma in this frame
    mode: str | None
    frame: str  # verbs: - | content | modal | harm; nouns: strong | weak


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[Rule]] = field(default_factory=dict)
    nouns: dict[str, list[Rule]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    unions: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _triggers: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def cls(self, *names: str) -> frozenset[str]:
        """The words of one class, or of several together (their union is built once, not per token)."""
        if len(names) == 1:
            return self.classes.get(names[0], frozenset())
        found = self.unions.get(names)
        if found is None:
            found = self.unions[names] = frozenset().union(*(self.classes.get(n, frozenset()) for n in names))
        return found

    def trigger_words(self) -> frozenset[str]:
        """Every key with at least one verb or noun rule. A token none of whose keys is here can start no
        candidate, so the per-token matchers skip it at once (most tokens of a sentence); built on first use,
        as the rules do not change once loaded."""
        if self._triggers is None:
            self._triggers = frozenset(k for rules in (self.verbs, self.nouns) for k, v in rules.items() if v)
        return self._triggers


def _rows(text: str) -> list[list[str]]:
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([c.strip() for c in line.split("\t")])
    return out


def parse_classes(text: str) -> dict[str, frozenset[str]]:
    """'class<TAB>a|b|c' lines -> {class: {a, b, c}}; a class may span several lines."""
    acc: dict[str, set[str]] = {}
    for row in _rows(text):
        if len(row) >= 2:
            acc.setdefault(row[0], set()).update(w.strip().lower() for w in row[1].split("|") if w.strip())
    return {k: frozenset(v) for k, v in acc.items()}


CONDITION_KINDS = frozenset({"obj", "noobj", "prt", "prep", "pobj", "subj", "comp", "passive", "mod", "sup", "rawobj",
                             "objmod", "notmilitary", "oprd", "notdisaster", "adv", "compverb", "from", "with"})


def parse_condition(spec: str, classes: dict[str, frozenset[str]]) -> tuple[Condition, ...]:
    """'obj=a|@cls;prt=up' -> (Condition('obj', {a, ...cls}), Condition('prt', {up})); typos fail at load time."""
    if spec in ("", "-"):
        return ()
    conds = []
    for part in spec.split(";"):
        part = part.strip()
        kind = part.split("=", 1)[0].strip()
        if kind not in CONDITION_KINDS:
            raise ValueError(f"unknown condition {kind!r} in {spec!r}")
        if "=" not in part:
            conds.append(Condition(part))
            continue
        kind, values = part.split("=", 1)
        words: set[str] = set()
        for v in values.split("|"):
            v = v.strip().lower()
            if v == "@agentive":  # any named or human party, checked by the matcher
                words.add(v)
            elif v.startswith("@"):
                if v[1:] not in classes:
                    raise ValueError(f"unknown word class {v!r} in condition {spec!r}")
                words |= classes[v[1:]]
            elif v:
                words.add(v)
        conds.append(Condition(kind.strip(), frozenset(words)))
    return tuple(conds)


def parse_rules(text: str, classes: dict[str, frozenset[str]]) -> dict[str, list[Rule]]:
    rules: dict[str, list[Rule]] = {}
    for row in _rows(text):
        if len(row) < 5:
            raise ValueError(f"lexicon row needs 5 columns: {row!r}")
        lemma, cond, typ, mode, frame = row[:5]
        rule = Rule(lemma.lower(), parse_condition(cond, classes), typ.upper(), None if mode == "-" else mode, frame)
        rules.setdefault(rule.lemma, []).append(rule)
    return rules


def _read(name: str) -> str:
    return resources.files("newsgraph.lexicons").joinpath(name).read_text(encoding="utf-8")


def load_lexicon() -> Lexicon:
    """The packaged lexicons (load through ``ctx.resource`` so it happens once per process)."""
    classes = parse_classes(_read("plover_cues.tsv"))
    return Lexicon(verbs=parse_rules(_read("plover_verbs.tsv"), classes),
                   nouns=parse_rules(_read("plover_nouns.tsv"), classes), classes=classes)
