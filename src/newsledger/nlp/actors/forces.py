"""Whose side unnamed armed men are on: the forces an article names with their country,
and the group an unnamed group is said to belong to.

"Israeli troops raided Nablus ... Soldiers fired tear gas": a story that names a foreign
force at work in the country it is set in goes on calling that force "soldiers" or "the
troops"; they are that force, not the army of the place (which the home-country guess
would give them). "Insurgents linked to the Islamic State" are that group's.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from newsledger.nlp.mentions import Mention
from newsledger.nlp.sentences import sentence_number

FORCE_REACH = 2  # sentences back: further on, "soldiers" may be anyone's again
# the fighting forces (word_classes.yaml: fighting_force) that are men, not their weapons
PERSONNEL = frozenset({"soldier", "troop", "force", "army", "military", "navy", "marine"})


def names_a_force(doc: Doc, mention: Mention, forces: set[str]) -> bool:
    """"Israeli forces", "Russia's jets": a country named on a fighting force says whose it
    is, not where the story happens."""
    last = doc[mention.end - 1]
    return last.dep_ in ("amod", "compound", "poss") and last.head.lemma_.lower() in forces


class NamedForces:
    """The article's fighting forces named with a country, in order."""

    def __init__(self, doc: Doc, mentions: list[Mention], forces: set[str]) -> None:
        named = [(doc[m.end - 1].head, m.term.code) for m in mentions
                 if m.term and m.term.code and m.kind in ("country", "adjective") and names_a_force(doc, m, forces)]
        self.at = [head.i for head, _ in named]
        self.named = named
        self.forces = forces

    def troops_of(self, head: Token, home: str | None) -> str | None:
        """The country of the force that unnamed troops ("soldiers", "the troops", "forces")
        continue: the force last named with a country within FORCE_REACH sentences before
        them, when it is a foreign one; None when that is the home country's own, or none is
        named near."""
        if head.tag_ != "NNS" or head.lemma_.lower() not in self.forces:
            return None
        near = [(force, code) for force, code in self.named[: bisect_right(self.at, head.i - 1)]
                if sentence_number(head) - sentence_number(force) <= FORCE_REACH]
        # "Somali troops backed by U.S. drones ... soldiers opened fire": men continue the
        # last force of men named, not a weapon named after it
        men = [(force, code) for force, code in near if force.lemma_.lower() in PERSONNEL]
        if not (men or near):
            return None
        code = (men or near)[-1][1]
        return None if code == home else code


# "insurgents linked to the Islamic State", "gunmen loyal to the junta", "fighters affiliated
# with al-Shabaab": words that say whose side an armed group is on
AFFILIATION_WORDS = frozenset({"link", "affiliate", "ally", "tie", "connect", "loyal", "align", "belong"})


def affiliated_with(head: Token) -> Token | None:
    """The side named after an unnamed group as the one it belongs to: on a participle or
    adjective after it ("linked to X", "loyal to X"), or on the participle the parser made
    its verb ("Insurgents linked to X beheaded ...", parsed as "Insurgents linked")."""
    words = [c for c in head.children if c.dep_ in ("acl", "amod") and c.i > head.i]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.tag_ in ("VBN", "VBD") and head.head.i == head.i + 1:
        words.append(head.head)
    for word in words:
        if word.lemma_.lower() not in AFFILIATION_WORDS:
            continue
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in ("to", "with")):
            side = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if side is not None:
                return side
    return None
