"""Resolve the words that fill an event's actor or recipient slot, or a quote's speaker,
to coded entities.

An argument is the head token of a noun phrase. Its entity comes from the names inside
that phrase (people, organisations, countries, demonyms, capitals, seats of government),
the role nouns around them ("Russia's ambassador", "Putin spokesman Dmitry Peskov"), and
what the article said earlier (a surname, a pronoun or "the foreign secretary" after the
full mention). One module per step: `phrases` (noun phrases and role words), `people`
(names, titles and appositions), `coreference` (pronouns, royal address, bare titles),
`lists` (every item of a list of parties), `locations` (where a story and its acts are
set), `forces` (armed forces named by their country), `resolver` (the order of the steps)
and `speakers` (who a quote's speaker phrase is).
"""

from newsledger.nlp.actors.coreference import PERSON_PRONOUNS
from newsledger.nlp.actors.phrases import FOREIGN_HEADS
from newsledger.nlp.actors.resolver import ActorResolver

__all__ = ["FOREIGN_HEADS", "PERSON_PRONOUNS", "ActorResolver"]
