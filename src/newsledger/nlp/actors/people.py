"""People an article names, resolved where it first names them: a name in the dictionary,
or an unknown name with the country of its title or apposition ("the French ambassador,
Anne Dupont"), the publishing government's, or the article's; and the article's country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsledger.nlp.actors.phrases import COUNTRY_KINDS
from newsledger.nlp.lexicon import Role, folded
from newsledger.nlp.mentions import HONORIFICS, Mention
from newsledger.nlp.sentences import sentence_of


@dataclass(slots=True)
class Known:
    """What the article has told us about a person so far."""

    name: str
    country: str | None
    sector: str | None
    role: Role | None
    resolution: str  # how the name and country were found (records.RESOLUTIONS)


# Words that put a person below or beside a title's holder: the holder the dictionary knows
# says nothing about them.
RANK_WORDS = frozenset({"deputy", "assistant", "acting", "principal", "associate", "former", "under", "senior"})
# Bodies above or across states: their officials act for them, not for their own countries.
INTERNATIONAL_CODES = frozenset({"UNO", "IGO", "EUR", "NGO"})
# Titles of a state's people accredited to a body ("ambassador to the UN"): still the state's.
ACCREDITED = frozenset({"ambassador", "representative", "delegate", "delegation", "mission"})
# Offices whose holders chair international bodies in turn and still act for their state.
STATE_LEADERS = frozenset({"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan"})


def _leads_a_state(office: str | None) -> bool:
    """The dictionary's office is the head of a state or government (which may chair a body in turn)."""
    return bool(office) and any(office == title or office.startswith(title + " ") for title in STATE_LEADERS)


class People:
    """Indexes every person mention once per article (a mixin of ActorResolver)."""

    def _index_people(self, mentions: list[Mention]) -> None:
        by_surname: dict[str, Known] = {}
        for mention in mentions:
            if mention.kind != "person":
                continue
            span = self.doc[mention.start : mention.end]
            term = mention.term
            bare = self._bare_name(span)
            if " " not in bare and bare in by_surname:  # "Sherwood-Randall" is one word; "Minister Liu" is Liu
                known = by_surname[bare]
            elif term is not None and not _leads_a_state(term.role) and (body := self._office_of_a_body(span)) is not None:
                known = Known(term.name, body.term.code, body.term.sector, self._role_in(self._np(span.root, with_preps=False)),
                              "apposition")
            elif term is not None:
                role = self._role_in(self._np(span.root, with_preps=False))
                known = Known(term.name, term.code, term.sector or (role.sector if role else None), role, "lexicon")
            else:
                tokens = self._np(span.root, with_preps=False)
                if span.root.dep_ == "appos":  # "the French ambassador, Anne Dupont": the title is the head's
                    tokens |= self._np(span.root.head, with_preps=False)
                # "President X of Peru", "X, the Emir of Kuwait": the title's country
                wider = self._np(span.root, with_preps=True) - set(range(span.start, span.end))
                # "Secretary of State X": the title holds an of-phrase, and is more than "Secretary"
                own, titled = self._role_in(tokens), self._role_in(wider)
                role = titled if titled and (own is None or len(titled.words) > len(own.words)) else own
                country = self._country_near(tokens - set(range(span.start, span.end)), span.root)
                country = country or self._country_near(wider, span.root)
                how = ("title" if role else "apposition") if country else None
                served = self._served_abroad(wider, span) if country is None else None
                if served is not None and (holder := self._person_with_role(served, None, span.start)):
                    country, how = holder.country, "title"
                if country is None and served is None and not self._someone_else(role, span) \
                        and (country := self._own_official(role)):
                    how = "source"
                if country is None and (country := self.home_at(mention.start)):
                    how = "home_country"
                known = Known(span.text, country, role.sector if role else None, role, how or "unresolved")
            self.people[mention.start] = known
            self.first_named.setdefault(id(known), mention.start)
            self.recent.append((mention.start, known))
            words = span.text.split()
            by_surname.setdefault(words[0], known)  # "Zhu Wenlan" ... "Zhu"
            by_surname[words[-1]] = known  # "Liz Sherwood-Randall" ... "Sherwood-Randall"

    def _office_of_a_body(self, span) -> Mention | None:
        """"X, the UN emergency relief coordinator, urged ...": a known person the
        text describes, in apposition, as holding an office of an international body acts for
        that body, whatever country the dictionary remembers them serving. Not an envoy sent to
        one ("Japan's ambassador to the UN", "the Japanese UN envoy": a country is named), nor a
        leader who chairs one in turn ("President Tshisekedi of the DRC, Chair of the AU")."""
        root = span.root
        described = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for head in described:
            tokens = self._np(head, with_preps=True) - set(range(span.start, span.end))
            named = [m for i in sorted(tokens) if (m := self.mention_at.get(i)) is not None and m.term is not None]
            role = self._role_in(tokens)
            if role is None or role.words[-1] in ACCREDITED or any(m.kind in COUNTRY_KINDS for m in named):
                continue
            body = next((m for m in named if m.kind == "organisation" and m.term.code in INTERNATIONAL_CODES), None)
            if body is not None:
                return body
        return None

    def _bare_name(self, span) -> str:
        """The name without the titles the NER took into it ("Minister Liu", "Dr. Gordon")."""
        start = span.start
        while start < span.end - 1 and (self.doc[start].lower_.rstrip(".") in HONORIFICS
                                        or (self.doc[start].lemma_.lower(),) in self.lexicon.roles):
            start += 1
        return self.doc[start : span.end].text

    def _someone_else(self, role: Role | None, span) -> bool:
        """"President Hichilema" in a White House readout: the dictionary knows who held the
        publisher's presidency then, and it is not this name, so the title is another country's."""
        if role is None or not role.is_person or self.source_country is None:
            return False
        if any(t.lower_ in RANK_WORDS for t in self.doc[span.root.left_edge.i : span.start]) or self._serves(role, span):
            # "Deputy Secretary of State X", "Advisor to the Vice President X": not the title's
            # holder, and may well be the publisher's official
            return False
        holder = self._person_with_role(role, self.source_country, span.start)
        if holder is None:
            return False
        names = {folded(w.rstrip(".")) for w in holder.name.replace(",", " ").split()}
        return not any(folded(t.text.rstrip(".")) in names for t in span if t.pos_ == "PROPN")  # "Erdogan" is "Erdoğan"

    def _serves(self, role: Role, span) -> bool:
        """"Climate Advisor to the Vice President Dr. X": the title after "to the"
        is whom the person serves."""
        before = self.doc[max(sentence_of(span.root).start, span.start - 8) : span.start]
        return any(t.lower_ == "to" and t.i + 2 < span.start and t.nbor(1).lower_ == "the"
                   and role.words[-1] in {w.lemma_.lower() for w in self.doc[t.i + 2 : span.start]} for t in before)

    def _served_abroad(self, tokens: set[int], span) -> Role | None:
        """"Takeshi Ono, Special Adviser to the Prime Minister" in a White House readout: an
        aide of an office the publisher's government does not have serves a guest, the
        holder of that office (the caller looks for the one the article named before)."""
        title = [i for i in tokens if i >= span.end]  # a title after the name ("X, Special Adviser"),
        if self.source_country is None or not title:  # not a sending ("sent Envoy X to the Prime Minister")
            return None
        after = max(title) + 1
        # the parser often hangs "to the Prime Minister" on the verb: the words right after the title
        prep = self.doc[after] if after < len(self.doc) else None
        if prep is None or prep.dep_ != "prep" or prep.lower_ not in ("to", "for"):
            return None
        served = self._role_in({t.i for t in prep.subtree})
        return served if served is not None and served.is_person and self._own_official(served) is None else None

    def _own_official(self, role: Role | None) -> str | None:
        """In a government's own statement an official with no country is its own, unless
        the office is one the dictionary knows elsewhere and never in that government (a
        "crown prince" or "prime minister" in a White House readout is a guest's)."""
        if role is None or role.sector != "GOV" or self.source_country is None:
            return None
        holders = self.lexicon.offices_in(role)
        return self.source_country if not holders or self.source_country in holders else None

    def _home_resolution(self) -> str:
        return "home_country" if self.home else "unresolved"


def home_country(mentions: list[Mention], filed_from: str | None = None, places: list[str] = (), *,
                 one_naming: bool = True) -> str | None:
    """The country an article is about: the most named one, if it clearly leads. The country
    of the place a dateline files it from counts as one more naming, as a capital's does
    ("YANGON, May 3 - Soldiers torched houses ..." is about Myanmar), and so does each town
    or province it names (`places`). Without `one_naming`, a country named once is no lead."""
    codes = Counter([filed_from] if filed_from else [])
    codes.update(places)
    codes.update(m.term.code for m in mentions if m.kind in COUNTRY_KINDS and m.term and m.term.code)
    if not codes:
        return None
    (code, count), total = codes.most_common(1)[0], sum(codes.values())
    return code if count >= 2 and count / total >= 0.4 or (one_naming and total == 1) else None


def country_of_officials(mentions: list[Mention]) -> str | None:
    """An article that names no country but names people the dictionary knows in full
    ("Security Minister Patricia Bullrich said ...") is set in their country, when one
    leads. A lone surname is no evidence ("Mejía" in a hospital's name is no Dominican
    president), nor is an official of a body of many countries."""
    codes = Counter(m.term.code for m in mentions if m.kind == "person" and m.term and m.term.code
                    and m.end - m.start > 1 and m.term.code not in INTERNATIONAL_CODES)
    if not codes:
        return None
    (code, count), total = codes.most_common(1)[0], sum(codes.values())
    return code if count / total > 0.5 else None
