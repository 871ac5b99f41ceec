"""What a pronoun, "His Majesty" or a bare title refers to: the person, state or body the
article named before it, or the dictionary's holder of the office on the article's date."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.actors.people import Known
from newsledger.nlp.lexicon import Role
from newsledger.nlp.mentions import in_office_at
from newsledger.records import Entity

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "us", "our"})
# "His Majesty", "Her Royal Highness": a monarch named earlier, whoever was named last.
ROYAL_ADDRESS = frozenset({"majesty", "highness"})
MONARCHS = frozenset({"king", "queen", "emir", "sultan", "prince", "monarch", "emperor", "empress", "sheikh"})


class Coreference:
    """Antecedents of pronouns and titles (a mixin of ActorResolver: needs `recent`,
    `mention_at`, `lexicon` and `published`)."""

    def _antecedent(self, token: Token) -> Known | Entity | None:
        if token.lower_ in PERSON_PRONOUNS:  # the last person named before it
            before = [known for i, known in self.recent if i < token.i]
            return before[-1] if before else None
        for i in range(token.i - 1, -1, -1):  # "it", "they": the last state or body named
            mention = self.mention_at.get(i)
            if mention and mention.kind != "person" and mention.term and mention.term.code:
                return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        return None

    def _last_monarch(self, before: int) -> Known | None:
        for i, known in reversed(self.recent):
            if i < before and known.role is not None and known.role.words[-1] in MONARCHS:
                return known
        return None

    def _person_with_role(self, role: Role, country: str | None, before: int) -> Known | None:
        """"The foreign minister": the last person the article gave that title, else the
        dictionary's holder of the office in that country on the publication date."""
        for i, known in reversed(self.recent):
            if i < before and known.role == role and (country is None or known.country == country):
                return replace(known, resolution="coreference")
        if country is None or not self.published:
            return None
        role_name = " ".join(role.words)
        for terms in self.lexicon.surnames.values():
            for term in terms:
                if term.role == role_name and term.code == country and in_office_at(term, self.published):
                    return Known(term.name, term.code, term.sector, role, "title")
        return None
