"""Parties named in lists: the conjuncts, appositions and modifiers the parser hangs a list
of countries or people on ("Canada, Mexico, and the United States", "Hungarian and Romanian
officials", "the foreign ministers of France and Germany"), each one more party of the slot
it fills. A mixin of the ActorResolver."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.actors.coreference import reporting_speaker
from newsledger.nlp.actors.phrases import COUNTRY_KINDS
from newsledger.records import Entity


class PartyLists:
    """Finding every item of a list the parser breaks or hangs elsewhere."""

    def _listed_owners(self, head: Token) -> Token | None:
        """"Burkina Faso, Mali and Niger announced their withdrawal": "their" on an act of the
        clause whose subject is a list is every party of the list; so is "they" in what a
        list of speakers reports ("Macron and Scholz affirmed that they would work together")."""
        if head.lower_ in ("they", "we") and (speaker := reporting_speaker(head)) is not None:
            return speaker if speaker.conjuncts else None
        if head.lower_ != "their" or head.dep_ != "poss":
            return None
        verb = head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject if subject is not None and subject.conjuncts else None

    def _titled_name(self, head: Token, conjunct: Token) -> Token:
        """"President Biden and Prime Minister Modi": the parser makes "Minister" the
        conjunct and hangs "Modi" on "Biden" in apposition; the name right after a title
        conjunct is that conjunct's."""
        if conjunct is head or (conjunct.lemma_.lower(),) not in self.lexicon.roles:
            return conjunct
        return next((a for a in head.children if a.dep_ == "appos" and a.i == conjunct.i + 1 and a.pos_ == "PROPN"),
                    conjunct)

    def _names_after_title(self, head: Token) -> list[Token]:
        """"Chancellor Scholz and President Ruto": the parser may make the first title the
        head, its name an apposition and the second name that name's conjunct, or the first
        title a modifier of the second name; the names so joined are more parties of the slot."""
        found: list[Token] = []
        titles = [head, *(c for c in head.lefts if c.dep_ == "nmod")] if head.n_lefts else [head]
        for title in titles:
            if (title.lemma_.lower(),) not in self.lexicon.roles or not title.n_rights:
                continue
            name = next((a for a in title.rights if a.dep_ == "appos" and a.i == title.i + 1 and a.pos_ == "PROPN"), None)
            if name is None:
                continue
            if title is head:
                found += name.conjuncts
            elif any(c.dep_ == "cc" and c.lower_ == "and" for c in name.children):
                found.append(name)
        return found

    def _listed_appositions(self, head: Token) -> list[Token]:
        """"Canada, Mexico, and the United States": the parser hangs the middle of a list of
        countries on the first in apposition. A country is never another country's
        description, so in a list (a conjunction follows) it is one more item, with its own
        conjuncts. "Doha, Qatar" names a city, and stays one place."""
        listed: list[Token] = []
        for token in [head, *head.conjuncts]:
            for appos in (c for c in token.children if c.dep_ == "appos" and self._is_country(c, ("country",))
                          and self._is_country(token, ("country",))):
                if appos.conjuncts or head.conjuncts:
                    listed += [appos, *(c for c in appos.conjuncts if c not in listed)]
        return listed

    def _included(self, head: Token) -> list[Token]:
        """"warrants for 30 people, including US President Donald Trump", "sanctions on 12
        people including three Russian officers": the members a group includes, named or by
        role, are parties of the act done to it (not acts it includes: "steps including
        settler violence")."""
        if head.pos_ not in ("NOUN", "NUM") or head.ent_type_:
            return []
        members = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "including"
                   for p in c.children if p.dep_ == "pobj"]
        return [m for p in members for m in (p, *p.conjuncts) if m.pos_ == "PROPN" or (m.lemma_.lower(),) in self.lexicon.roles]

    def _broken_list(self, head: Token) -> list[Token]:
        """"Japan, India, and Australia held talks", "On Monday, Japan, India, and Australia
        met": with a comma before "and", the parser may make the last country a second
        subject, or the first ones conjuncts of something else; a country after "and" whose
        "and" hangs on another country ends that country's list."""
        if not self._is_country(head, ("country",)):
            return []
        items: list[Token] = []
        before = self.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
        if before is not None and before.dep_ == "cc" and before.lower_ == "and" and before.head.i < head.i:
            first = before.head  # the list hangs elsewhere; its items are this head's partners
            if self._is_country(first, ("country",)):
                items += [t for t in (first, *first.conjuncts, *first.children) if t.i < head.i
                          and (t.dep_ in ("conj", "appos") or t == first) and self._is_country(t, ("country",))]
        for cc in (c for c in head.children if c.dep_ == "cc" and c.lower_ == "and"):
            # the first item, with the last hung on the verb beside it as another subject
            last = [s for s in head.head.children if s.dep_ == head.dep_ and s.i > cc.i and s.left_edge.i == cc.i + 1
                    and self._is_country(s, ("country",))]
            middle = [a for a in head.children if a.dep_ == "appos" and self._is_country(a, ("country",))] if last else []
            items += middle + last
        return items

    def _conjoined_modifiers(self, head: Token) -> list[Entity | None]:
        """"Hungarian and Romanian officials", "the Sino-Russian partnership": one entity per
        conjoined or hyphen-joined country modifier."""
        extra: list[Entity | None] = []
        role = None
        for child in head.children:
            if child.dep_ not in ("amod", "compound") or child.i not in self.mention_at or self.for_or_against(child):
                continue
            joined = [t for t in child.lefts if t.i + 1 < child.i and self.doc[t.i + 1].text == "-"
                      and not self.doc[t.i].whitespace_ and t.i in self.mention_at]
            for conj in [*child.conjuncts, *joined]:
                mention = self.mention_at.get(conj.i)
                if mention and mention.kind in COUNTRY_KINDS:
                    role = role or self._role_in(self._np(head, with_preps=False))
                    extra.append(self._from_mention(mention, role, self.doc[conj.i : conj.i + 1]))
        return extra

    def _conjoined_places(self, head: Token) -> list[Entity | None]:
        """"the foreign ministers of France and Germany", "envoys from Kenya and Ghana": one
        entity per coordinated country the people of a role or group are of or from (the
        first is the head's own)."""
        if not self._names_by_phrase(head):
            return []
        extra: list[Entity | None] = []
        role = None
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                continue
            for pobj in prep.children:
                first = self.mention_at.get(pobj.i)
                if pobj.dep_ != "pobj" or first is None or first.kind not in COUNTRY_KINDS:
                    continue
                for conj in [*pobj.conjuncts, *self._listed_appositions(pobj)]:
                    mention = self.mention_at.get(conj.i)
                    if mention and mention.kind in COUNTRY_KINDS:
                        role = role or self._role_in(self._np(head, with_preps=False))
                        extra.append(self._from_mention(mention, role, self.doc[mention.start : mention.end]))
        return extra
