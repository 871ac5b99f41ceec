"""Noun phrases around an argument head: their tokens, the role words in them, the
country a name among them gives, and the text an entity is written as."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.nlp.lexicon import Role
from newsledger.nlp.sentences import token_words
from newsledger.records import Entity

# Heads whose "of/in/from" phrase names who they are: "leaders of Romania's government".
COLLECTIVE_HEADS = frozenset(
    {"group", "member", "leader", "people", "delegation", "representative", "faction", "supporter", "coalition",
     "party", "head", "chief", "unit", "branch", "wing", "side", "team", "camp", "bloc", "citizen", "national",
     "dozen", "score", "hundred", "thousand", "million", "ten", "crowd", "throng", "number", "majority", "some"}
)
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
# "an anti-Iran activist", "pro-Russian separatists", "anti-US protests": the name says what
# someone is for or against, never whose they are.
STANCE_PREFIXES = frozenset({"anti", "pro"})
# Unnamed people and bodies that are foreign where they are ("expelled two diplomats"):
# they never default to the article's country.
FOREIGN_HEADS = frozenset(
    {"diplomat", "envoy", "ambassador", "embassy", "consulate", "foreigner", "tourist", "national", "delegation",
     "visitor", "migrant", "refugee", "mission", "attache", "consul"}
)
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod"})
NP_PREPS = frozenset({"of", "in", "from"})
COUNTRY_KINDS = ("seat", "capital", "country", "adjective")
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})  # bodies of a state


class NounPhrases:
    """The resolver's reading of noun phrases (a mixin of ActorResolver: needs `doc`,
    `lexicon` and `mention_at`)."""

    def _np(self, head: Token, *, with_preps: bool) -> set[int]:
        """Token indices of the phrase around `head`: modifiers, and of/in/from phrases."""
        seen, stack = {head.i}, [head]
        while stack:
            token = stack.pop()
            for child in token.children:
                take = (child.dep_ in MODIFIER_DEPS or child.dep_ == "case") and not self.for_or_against(child)
                if with_preps and child.dep_ == "prep" and (child.lower_ in NP_PREPS or (
                        child.lower_ == "for" and self._speaks_for(token))):
                    take = True
                if with_preps and token.dep_ == "prep" and child.dep_ == "pobj":
                    take = True
                if take and child.i not in seen:
                    seen.add(child.i)
                    stack.append(child)
        return seen

    def for_or_against(self, token: Token) -> bool:
        """A name after anti- or pro- ("anti-Iran", "Pro-Russian"): a stance, not a side."""
        mention = self.mention_at.get(token.i)
        return mention is not None and after_stance_prefix(self.doc, mention.start)

    def _speaks_for(self, token: Token) -> bool:
        """"a spokeswoman for the Justice Department", "the minister for foreign affairs": a
        person's role names whom they act for ("a camp for refugees" names no one)."""
        role = self.lexicon.roles.get((token.lemma_.lower(),))
        return role is not None and role.is_person

    def _role_in(self, tokens: set[int]) -> Role | None:
        lowers, lemma_of = token_words(self.doc)
        lemmas = [(i, lemma_of[i]) for i in sorted(tokens)]
        heads = self.lexicon.role_heads
        # (a head as written too: the tagger lemmatises "media" to "medium")
        ends = [k for k, (i, lemma) in enumerate(lemmas) if lemma in heads or singular(lemma) in heads or lowers[i] in heads]
        best: Role | None = None
        for n in range(self.lexicon.max_role_words, 0, -1):
            for k in (end - n + 1 for end in ends if end >= n - 1):  # windows ending in a role's last word
                window = lemmas[k : k + n]
                if window[-1][0] - window[0][0] != n - 1:
                    continue  # not consecutive
                # "the United States' firm commitment", "an official visit": no firm, no official
                # (a title that ends in an adjective stays: "attorneys general", "the secretary general")
                if n == 1 and self.doc[window[-1][0]].pos_ == "ADJ":
                    continue
                # lemmas ("ministers" -> minister), or the words as written inside a
                # role ("human rights group", whose lemmas read "human right group")
                role = self.lexicon.roles.get(tuple(w for _, w in window)) or self.lexicon.roles.get(
                    tuple(lowers[i] for i, _ in window[:-1]) + (window[-1][1],)) or self.lexicon.roles.get(
                    tuple(lowers[i] for i, _ in window))
                if role is None and self.doc[window[-1][0]].pos_ == "PROPN":
                    # "Rebels shot dead...": a capitalised plural read as a name keeps its "s"
                    role = self.lexicon.roles.get(tuple(w for _, w in window[:-1]) + (singular(window[-1][1]),))
                if role and n == 1 and role.sector == "CVL" and _inside_a_name(self.doc[window[0][0]]):
                    continue  # "National Economic Advisor", "the National Unity Party": no "national"
                if role and (best is None or best.is_person < role.is_person):
                    best = role
            if best:
                return best
        return None

    def _country_near(self, tokens: set[int], head: Token) -> str | None:
        candidates = [m for i in tokens if (m := self.mention_at.get(i)) and m.term and m.term.code]
        if not candidates:
            return None
        return min(candidates, key=lambda m: abs(m.start - head.i)).term.code


# Prepositions of a setting: a name in such a phrase on a party says where it was, not who.
SETTING_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "beside"})


def in_a_setting(token: Token, phrase: Token) -> bool:
    """"fired at protesters outside the Chinese embassy", "farmers who burned tyres outside
    the Commission": a name in a place phrase or a clause hung on the phrase says where its
    people were or what they did, not another party."""
    node = token
    while node.i != phrase.i and node.head.i != node.i:
        if node.dep_ == "relcl" or (node.dep_ == "prep" and node.lower_ in SETTING_PREPS):
            return True
        node = node.head
    return False


def _inside_a_name(token: Token) -> bool:
    """A capitalised word that modifies a later word of a title or a body's name (not a
    person's name, which a title before it names: "President Biden")."""
    head = token.head
    return (token.pos_ == "PROPN" and token.dep_ == "compound" and head.i > token.i
            and head.ent_type_ != "PERSON" and head.text[:1].isupper())


def after_stance_prefix(doc: Doc, start: int) -> bool:
    """The name starting at `start` is written after "anti-" or "pro-"."""
    if start < 2:
        return False
    dash, prefix = doc[start - 1], doc[start - 2]
    return dash.text == "-" and prefix.lower_ in STANCE_PREFIXES and not dash.whitespace_ and not prefix.whitespace_


def singular(word: str) -> str:
    """A plural noun's singular, for words the tagger read as names and left unlemmatised."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("men"):
        return word[:-3] + "man"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def make_entity(span, name: str, country: str | None, sector: str | None, resolution: str) -> Entity:
    return Entity(span.text, name, country, sector, span.start_char, span.end_char, resolution)


def text_bounds(doc: Doc, tokens: set[int]) -> tuple[int, int]:
    """The phrase as written, without a leading determiner or a trailing possessive 's."""
    start, end = min(tokens), max(tokens) + 1
    while start < end - 1 and doc[start].dep_ in ("det", "punct"):
        start += 1
    while end > start + 1 and (doc[end - 1].dep_ in ("case", "punct")):
        end -= 1
    return start, end
