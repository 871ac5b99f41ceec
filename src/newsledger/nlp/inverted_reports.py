"""Accusations wire copy tells after what was said ("Police beat students, a rights group
charged"), which the parser hangs on the clause they report."""

from __future__ import annotations

from spacy.tokens import Token


# Verbs of saying something against someone, which wire copy puts after what was said.
INVERTED_REPORT_LEMMAS = frozenset({"protest", "charge", "complain", "allege"})
AFTERTHOUGHT_DEPS = frozenset({"prep", "pobj", "npadvmod", "advmod", "punct", "det", "compound", "amod", "nummod"})


def inverted_report(verb: Token) -> Token | None:
    """"Police used excessive force against students, an opposition party charged on
    Friday": a verb of accusing at the end of a sentence, after a comma, with a reporter
    of its own and no object or clause, that the parser hung on the clause it reports (as
    an adverbial clause, a participle or a conjunct): that clause, whose subject is the
    one accused; None for any other verb."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in INVERTED_REPORT_LEMMAS \
            or verb.dep_ not in ("advcl", "acl", "conj"):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "nsubjpass", "auxpass") for c in verb.children):
        return None
    reporter = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if reporter is None or reporter.i > verb.i or reporter.left_edge.i == 0 \
            or verb.doc[reporter.left_edge.i - 1].text != ",":
        return None
    after = verb.doc[verb.i + 1 : verb.head.right_edge.i + 1 if verb.dep_ == "acl" else verb.right_edge.i + 1]
    if any(t.dep_ not in AFTERTHOUGHT_DEPS for t in after):
        return None
    main = verb.head
    if verb.dep_ == "acl":  # the reporter, read as the clause's object or in apposition to its subject
        main = reporter.head.head if reporter.dep_ == "appos" else reporter.head
    return main if main.pos_ in ("VERB", "AUX") and main.i < reporter.i else None
