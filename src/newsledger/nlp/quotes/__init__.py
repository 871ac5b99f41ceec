"""Who said what: direct quotations and reported speech, tied to a resolved speaker.

Why this approach:

* Quotation marks are found by scanning the characters, not the tokens. The tokenizer and
  the sentence splitter are unreliable around quote marks (a closing mark often lands in
  the next sentence), while the marks themselves follow simple typographic rules: a curly
  mark says which side it is on, a straight one is told apart by its neighbours, and an
  apostrophe sits between letters. Scanning paragraph by paragraph also gives the news
  conventions for free: a quote left open at the end of a paragraph continues when the
  next paragraph opens with a mark, and otherwise closes at the paragraph end, so odd
  marks degrade instead of swallowing the article.
* The attribution is read from the dependency parse in the clause right before or right
  after the quote (up to the nearest sentence end, paragraph break or other quote): first
  a reporting verb that governs the quote (then "according to" in the same clause), else
  one that stands next to it with nothing but its own subject and modifiers in between
  ("...," he said / said Peskov / So says X). A reporting verb inside the complement of
  another ("X said Beijing would respond "firmly"") gives way to the outer one. The
  speaker is that verb's subject, resolved by the engine's `ActorResolver`, so pronouns,
  surnames and role nouns share the event coder's coreference. The small model misparses
  attributions often, so a few narrow repairs follow known mistakes: a subject inside the
  quote is never the speaker, "said a shopkeeper selling ..." takes the noun after an
  inverted verb, a speaker hung on the wrong noun is found left of the verb, and a
  reporting verb tagged as a noun ("the readout states that") still counts.
* A quote without its own attribution inherits the speaker of the quote it continues
  (`"A," he said. "B."`); a short quoted span with no reporting verb (scare quotes,
  titles) is not a statement and is dropped; a long one with a finite verb is kept
  without a speaker.
* Reported speech is a that-clause (or bare complement clause) of a non-negated reporting
  verb, or the rest of a sentence carrying "according to X" when no verb in it reports
  speech already. Indirect questions ("tell us where he was") and elliptical clauses ("said
  it would not") state nothing and are skipped. A that-clause holding a direct quotation
  attributed to the same verb (or one it depends on) is left to the quotation (`Putin added
  that they enjoy a "..."` is one direct record); further that-clauses of the verb then
  stand alone (`said it was "being studied" and that no date had been set`), and when none
  is quoted they form one record. Speech reported inside other speech ("He told the guards
  that ...", within a quotation or a that-clause) is a record of its own. A trailing
  apposition or time clause the reporter added after a comma is not part of the content.

Conventions: split quotes (`"A," he said, "B."`) give two records with the same speaker;
a trailing comma inside the marks is left out of `content` (it belongs to the attribution,
and British style puts it outside anyway); a multi-paragraph quote is one record whose
content holds the paragraph break and the continuation mark as written; coordinated
speakers ("Antonov and Qin said") are represented by the first conjunct; "according to"
in mid-sentence gives the whole sentence as content (the statement is not contiguous);
a speaker the resolver cannot code keeps the phrase as written as its name ("the letter").
Record ids hash doc id, content start and "quote" (direct) or "reported".
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.nlp.actors.resolver import ActorResolver
from newsledger.nlp.quotes.attribution import REPORTING_VERBS
from newsledger.nlp.quotes.direct import direct_quotes
from newsledger.nlp.quotes.marks import quote_spans
from newsledger.nlp.quotes.reported import reported_speech
from newsledger.nlp.sentences import doc_text
from newsledger.records import QuoteRecord


def find_quotes(doc: Doc, resolver: ActorResolver, doc_id: str) -> list[QuoteRecord]:
    """Direct quotations and reported speech of one parsed article, in text order."""
    text = doc_text(doc)
    spans = quote_spans(text)
    direct, attributed = direct_quotes(doc, resolver, doc_id, spans)
    reported = reported_speech(doc, text, resolver, doc_id, spans, attributed)
    unique = {r.id: r for r in reversed(direct + reported)}  # one record per id, the first kept
    return sorted(unique.values(), key=lambda r: (r.start, not r.direct))


__all__ = ["REPORTING_VERBS", "find_quotes", "quote_spans"]
