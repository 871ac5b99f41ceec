"""What a pronoun, "His Majesty", "the kingdom", "the bloc" or a bare title refers to: the
person, state or body the article named before it, or the dictionary's holder of the office
on the article's date."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.actors.people import Known
from newsledger.nlp.actors.phrases import STATE_SECTORS
from newsledger.nlp.grammar import grammatical_subject
from newsledger.nlp.lexicon import Role
from newsledger.nlp.mentions import in_office_at
from newsledger.nlp.modality import DENIAL_VERBS, REPORTING_VERBS
from newsledger.nlp.sentences import sentence_number, sentence_of, sentence_starts
from newsledger.records import Entity

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
PUBLISHER_PRONOUNS = frozenset({"we", "us", "our"})  # a government's statement speaking for itself
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "us", "our"})
# "His Majesty", "Her Royal Highness": a monarch named earlier, whoever was named last.
ROYAL_ADDRESS = frozenset({"majesty", "highness"})
MONARCHS = frozenset({"king", "queen", "emir", "sultan", "prince", "monarch", "emperor", "empress", "sheikh"})
# "The kingdom also froze trade", "the bloc condemned": a description of a state or of an
# intergovernmental body named before ("the state" is left out: a US state, the Islamic State).
STATE_DESCRIPTIONS = frozenset({"country", "kingdom", "nation", "republic", "emirate", "sultanate", "monarchy"})
BODY_DESCRIPTIONS = frozenset({"bloc", "alliance", "union", "organisation", "organization", "grouping"})
# "The group accused the military ...": a description of a non-state body (an armed group, a
# movement, a rights group) named before.
GROUP_DESCRIPTIONS = frozenset({"group", "movement", "militia", "faction"})
INTERGOVERNMENTAL = frozenset({"IGO", "UNO", "EUR"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
DESCRIPTION_REACH = 3  # sentences back, the one holding the description included
# A subject pronoun continues the last person who was a clause's subject, this near
# (subject parallelism: "Biden spoke with Netanyahu. He condemned ..." is Biden); else it is
# the last person named.
PRONOUN_REACH = 3


class Coreference:
    """Antecedents of pronouns and titles (a mixin of ActorResolver: needs `recent`,
    `mention_at`, `lexicon` and `published`)."""

    def _antecedent(self, token: Token) -> Known | Entity | None:
        if token.lower_ in PERSON_PRONOUNS:
            before = [(i, known) for i, known in self.recent if i < token.i]
            if not before:
                return None
            if token.dep_ in SUBJECTS and (subject := self._last_person_subject(token, before)) is not None:
                return subject  # "Biden spoke with Netanyahu. He condemned ...": Biden
            return before[-1][1]  # else the last person named before it
        if token.lower_ in PUBLISHER_PRONOUNS and self.source_country and not _quoted(token):
            # "assured him that we stand firmly with our allies" in a government's own statement: that government
            return Entity(token.text, "government", self.source_country, "GOV", token.idx, token.idx + len(token), "source")
        if (parallel := self._parallel_owner(token)) is not None:
            return parallel
        if (speaker := reporting_speaker(token)) is not None and (found := self.entity(speaker)) is not None:
            return found  # "police said they had detained three gunmen": the police
        if token.dep_ in SUBJECTS and token.lower_ in ("it", "they"):
            # "MSF held the RSF responsible ... It urged": a subject continues the last subject
            earliest = self._sentence_start_back(token, PRONOUN_REACH)
            for i in range(token.i - 1, earliest - 1, -1):
                mention = self.mention_at.get(i)
                if mention and mention.start == i and mention.kind != "person" and mention.term and mention.term.code \
                        and _a_verbs_subject(self.doc[mention.end - 1]):
                    return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        if (people := self._plural_people_before(token)) is not None:
            return people  # "torched the houses of three legislators, accusing them of ..."
        if token.lower_ in ("it", "them") and token.dep_ not in SUBJECTS and (crowd := self._crowd_before(token)) is not None:
            return crowd  # "as the crowd moved on parliament, officers threw stun grenades into it"
        for i in range(token.i - 1, -1, -1):  # "it", "they": the last state or body named
            mention = self.mention_at.get(i)
            if mention and mention.kind != "person" and mention.term and mention.term.code:
                return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        return None

    def _crowd_before(self, pronoun: Token) -> Entity | None:
        """The crowd (or mob, protesters) that is a clause's subject earlier in the pronoun's
        sentence: what is done to "it" or "them" there is done to those people, not to the
        last state named."""
        sent = sentence_of(pronoun)
        protesters = self.lexicon.word_classes["protester"]
        for token in reversed(sent[: pronoun.i - sent.start]):
            if token.dep_ in SUBJECTS and token.lemma_.lower() in protesters and (token.tag_ == "NNS") == (pronoun.lower_ == "them"):
                return self.unnamed(token)
        return None

    def _last_person_subject(self, pronoun: Token, before: list[tuple[int, Known]]) -> Known | Entity | None:
        """The person who was last a clause's subject, this near: named ("Harris met Gantz.
        She ..."), by a title that resolves to a person ("The Vice President discussed ... She
        called ..." is the Vice President, not Gantz named before), or by a pronoun already
        resolved."""
        earliest = self._sentence_start_back(pronoun, PRONOUN_REACH)
        named = {i: known for i, known in before}
        for i in range(pronoun.i - 1, earliest - 1, -1):
            token = self.doc[i]
            mention = self.mention_at.get(i)
            if mention is not None and mention.start in named and _heads_a_subject(self.doc[mention.end - 1]):
                return named[mention.start]
            if token.dep_ not in SUBJECTS or mention is not None:
                continue
            if token.lower_ in ("he", "she"):
                return self._antecedent(token)
            if token.pos_ in ("NOUN", "PROPN") and (role := self._role_in(self._np(token, with_preps=False))) is not None \
                    and role.is_person and role.words[-1] == token.lemma_.lower():
                if known := self._person_with_role(role, self.source_country if role.sector == "GOV" else None, i):
                    return known
                if role.sector == "GOV" and token.tag_ in ("NN", "NNP") and (titled := self.entity(token)) is not None \
                        and titled.country:
                    return titled  # "The Secretary met Hayashi. She ...", "The Japanese envoy ... He": an official unnamed, still the subject
        return None

    def _plural_people_before(self, pronoun: Token) -> Entity | None:
        """"them" or "their" after people named by a plural role noun in the same sentence,
        nearer than any state or body ("beat the protesters and detained them"): those
        people, unless they are the subject of the pronoun's own clause."""
        if pronoun.lower_ not in ("them", "their"):
            return None
        clause = pronoun.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        own_subject = grammatical_subject(clause)
        for i in range(pronoun.i - 1, sentence_of(pronoun).start - 1, -1):
            token = self.doc[i]
            mention = self.mention_at.get(i)
            if mention is not None and mention.kind != "person" and mention.term and mention.term.code:
                head = self.doc[mention.end - 1].head  # "four Nepali councillors": the people, of that country
                if self.doc[mention.end - 1].dep_ in ("amod", "compound") and head.tag_ == "NNS" and head != own_subject \
                        and (role := self._role_in({head.i})) is not None and role.is_person:
                    return self.entity(head)
                return None  # a state or body named nearer
            if token.tag_ != "NNS" or token == own_subject or mention is not None:
                continue
            role = self._role_in({token.i})
            if role is not None and role.is_person:
                return self.entity(token)
        return None

    def _parallel_owner(self, pronoun: Token) -> Known | Entity | None:
        """"Sweden's aid to Kyiv and its role in training pilots": an owner pronoun
        on a noun conjoined with another noun is that noun's owner (Sweden, not the Kyiv
        named in between); on a noun conjoined with a state, that state ("sanctions on Iran
        and its allies")."""
        if pronoun.dep_ != "poss" or pronoun.lower_ not in ("its", "their") or pronoun.head.dep_ != "conj":
            return None
        first = pronoun.head.head
        mention = self.mention_at.get(first.i)
        if mention is not None and mention.kind != "person" and mention.term and mention.term.code:
            return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        owner = next((c for c in first.children if c.dep_ == "poss"), None)
        if owner is None or owner.i >= pronoun.i:
            return None
        if owner.lower_ in GROUP_PRONOUNS:
            return self._antecedent(owner)
        mention = self.mention_at.get(owner.i)
        if mention is not None and mention.kind != "person" and mention.term and mention.term.code:
            return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        return None

    def _sentence_start_back(self, token: Token, reach: int) -> int:
        """Where the sentence `reach - 1` sentences before the token's own starts."""
        return sentence_starts(self.doc)[max(0, sentence_number(token) - reach + 1)]

    def _described(self, head: Token) -> Entity | None:
        """"The kingdom", "the country", "the bloc", "the alliance", "the group": the state (the
        intergovernmental body, the non-state body) that was last the subject of a main clause,
        or that the text called so in apposition, in this sentence before
        the description or in the two before it ("Saudi Arabia recalled its envoy from Ottawa.
        The kingdom also froze trade": Saudi Arabia, not Ottawa). Left unresolved when no such
        subject is that near, or when the phrase names its own ("the country of Chad")."""
        lemma = head.lemma_.lower()
        if head.tag_ not in ("NN", "NNP") or lemma not in STATE_DESCRIPTIONS | BODY_DESCRIPTIONS | GROUP_DESCRIPTIONS:
            return None  # "the Kingdom" of a Saudi readout is tagged as a name
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        if any(i in self.mention_at for i in self._np(head, with_preps=True)):
            return None
        earliest = self._sentence_start_back(head, DESCRIPTION_REACH)
        seen: set[int] = set()
        for i in range(head.left_edge.i - 1, earliest - 1, -1):
            mention = self.mention_at.get(i)
            if mention is None or mention.start in seen or mention.term is None or not mention.term.code:
                continue
            seen.add(mention.start)
            if lemma in STATE_DESCRIPTIONS:
                fits = mention.kind in ("country", "capital", "seat") and mention.term.code not in INTERGOVERNMENTAL
            elif lemma in GROUP_DESCRIPTIONS:
                fits = mention.kind == "organisation" and mention.term.code not in INTERGOVERNMENTAL and (
                    mention.term.sector not in STATE_SECTORS)
            else:
                fits = mention.kind == "organisation" and mention.term.code in INTERGOVERNMENTAL
            last = self.doc[mention.end - 1]
            if fits and (_is_subject(last) or _described_as(last, lemma)):
                return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        return None

    def _same_body_before(self, head: Token) -> Entity | None:
        """"The Chilean foreign ministry condemned ... The ministry also summoned ...": a bare
        definite body is the last one of that name the text gave a country, this near."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
                or any(c.dep_ in ("amod", "compound", "poss", "prep") for c in head.children):
            return None
        lemma = head.lemma_.lower()
        for i in range(head.left_edge.i - 1, self._sentence_start_back(head, DESCRIPTION_REACH) - 1, -1):
            token = self.doc[i]
            if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() == lemma and (found := self.entity(token)) is not None \
                    and found.country and found.resolution not in ("home_country", "source", "unresolved", "coreference"):
                return found
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


SPEAKING_VERBS = REPORTING_VERBS | DENIAL_VERBS  # "Rwanda denied it had sent troops": it is Rwanda


def reporting_speaker(pronoun: Token) -> Token | None:
    """"Police said on Monday they had detained ...", "the ministry said it would ...", "the
    group says its fighters detonated ...": the subject of what a speaker named by a noun
    reports about itself (or the subject's owner) is that speaker, also when the reporting
    verb shares an earlier verb's subject ("the rebels rejected the plan and said they ...")."""
    if pronoun.dep_ == "poss" and pronoun.lower_ in ("its", "their") and pronoun.head.dep_ in SUBJECTS:
        clause, told = pronoun.head.head, {"its": "it", "their": "they"}[pronoun.lower_]
    elif pronoun.dep_ in SUBJECTS and pronoun.lower_ in ("it", "they", "we"):
        clause, told = pronoun.head, pronoun.lower_
    else:
        return None
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEAKING_VERBS:
        return None
    reporting = clause.head
    speaker = next((c for c in reporting.children if c.dep_ == "nsubj"), None)
    if speaker is None and reporting.dep_ == "conj":  # "the rebels rejected the plan and said they ...": shared
        speaker = next((c for c in reporting.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    if told == "we":  # a spokesman or a minister says "we" for the side they speak for
        return speaker
    plural = speaker.tag_ in ("NNS", "NNPS") or speaker.lemma_.lower() in ("police", "people") or bool(speaker.conjuncts)
    return speaker if plural == (told == "they") else None


def _quoted(token: Token) -> bool:
    """The token stands inside quotation marks opened earlier in its sentence."""
    before = token.doc.text[sentence_of(token).start_char : token.idx]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _described_as(name: Token, lemma: str) -> bool:
    """The text itself calls the body so in apposition: "the Arakan Army, the ethnic armed
    group that controls ..." for a later "the group"."""
    return any(c.dep_ == "appos" and c.lemma_.lower() == lemma for c in name.children)


def _is_subject(token: Token) -> bool:
    """The token heads the subject of a sentence's main clause or names its owner ("Saudi
    Arabia recalled", "NATO leaders met"); a subject inside what someone said ("officials
    said Saudi Arabia was wrong") is not the topic a later description picks up."""
    while token.dep_ in ("compound", "amod", "poss", "nmod") and token.head != token:
        token = token.head
    verb = token.head
    return token.dep_ in SUBJECTS and (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def _a_verbs_subject(token: Token) -> bool:
    """The name is a verb's subject ("Amnesty International urged"), not the subject an
    adjective is given ("held the RSF responsible")."""
    while token.dep_ in ("compound", "flat") and token.head != token:
        token = token.head
    return token.dep_ in SUBJECTS and token.head.pos_ in ("VERB", "AUX")


def _heads_a_subject(token: Token) -> bool:
    """The name is the subject of its clause, whichever clause ("Macron was blunter: ..."),
    not an owner the parser made one ("welcomed President Zelenskyy's stated openness")."""
    while token.dep_ in ("compound", "flat") and token.head != token:
        token = token.head
    owner = token.i + 1 < len(token.doc) and token.nbor().tag_ == "POS"
    return token.dep_ in SUBJECTS and not owner
