"""What a trigger's clause holds beyond its subject and objects: the complements a governing
trigger absorbs ("urged Managua to free the priests"), the clauses that elaborate an act
("struck the town, killing 12"), the party a that-clause or a purpose clause names."""

from __future__ import annotations

from spacy.tokens import Token

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "advcl", "attr", "oprd"})


def complement_subject(verb: Token) -> Token | None:
    """"demanded that the US cancel": the party asked, told or refused is the recipient."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            for grandchild in child.children:
                if grandchild.dep_ in ("nsubj", "nsubjpass"):
                    return grandchild
    return None


# Prepositions that set a trigger in time, place or circumstance, not its content: "at a time
# of challenges, from Russia's invasion to inflation, the leaders pledged to work together".
SETTING_PREPS = frozenset({"at", "from", "during", "amid", "despite", "after", "before", "since", "in"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # tags of a finite verb or auxiliary: a clause of its own


def complements(token: Token, depth: int = 3) -> list[Token]:
    """Tokens a governing trigger takes as its content, nearest first (not its setting)."""
    out: list[Token] = []
    frontier = [token]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for child in node.children:
                if node is token and child.dep_ == "prep" and child.lower_ in SETTING_PREPS:
                    continue
                # "asked police to find and arrest them": a verb joined to a content clause in the
                # same form is one too; another form, a subject or a tense of its own makes it a
                # clause of its own ("asked Managua to free them and had been refused", "told the
                # crowd to leave and arrested twenty", which the parser may join to "leave")
                joined = node is not token and node.dep_ in ("xcomp", "ccomp") and child.dep_ == "conj" \
                    and child.pos_ == "VERB" and child.tag_ == node.tag_ and not any(
                        c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS)
                        for c in child.children)
                if child.dep_ in COMPLEMENT_DEPS or joined:
                    out.append(child)
                    nxt.append(child)
        frontier = nxt
    return out


def elaborates(token: Token, main: Token) -> bool:
    if token.dep_ == "conj":  # "struck the town, killing 12 and wounding 30": so does "wounding"
        return token.head.i != main.i and elaborates(token.head, main)
    node, of_chain = token, True
    for hop in range(5):
        if node.dep_ not in ("advcl", "xcomp", "pcomp", "prep", "pobj", "dobj") or node.head == node:
            return False
        # "the delivery of 40 tons of food aid": a chain of of-phrases may be longer
        of_chain = of_chain and (node.lower_ == "of" if node.dep_ == "prep" else node.dep_ == "pobj" and node.head.lower_ == "of")
        node = node.head
        if node.i == main.i:
            return True
        if hop >= 2 and not of_chain:
            return False
    return False


def purpose_object(verb: Token) -> Token | None:
    """The object of the act's "to" clause: "fired tear gas to disperse the crowd", "used
    water cannon to stop marchers crossing"."""
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and clause.pos_ == "VERB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            found = next((c for c in clause.children if c.dep_ == "dobj"), None)
            return found or next((s for c in clause.children if c.dep_ in ("ccomp", "xcomp")
                                  for s in c.children if s.dep_ == "nsubj"), None)
    return None
