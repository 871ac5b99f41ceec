"""One meeting is one event, and "the two leaders" are its parties: the meetings an
article has told so far, kept by the event coder while it reads the article in order."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.actors.phrases import singular
from newsledger.nlp.candidates import Coded
from newsledger.nlp.grammar import anticipated_by
from newsledger.nlp.modality import is_upcoming, modality_cues
from newsledger.nlp.not_events import clause_dates
from newsledger.nlp.parties import STATE_SECTORS
from newsledger.nlp.triggers import JOINT_HEADS
from newsledger.records import Entity

STILL_TO_COME = frozenset({"future", "reported-intent", "hypothetical"})  # modality cues of a meeting not yet held


def _sides(parties: list[Entity]) -> set[tuple[str, str]]:
    """The sides of a meeting: a country's state, or another of its sectors ("met with
    civil society leaders" after the president of the same country is another meeting)."""
    return {(e.country, "state" if e.sector is None or e.sector in STATE_SECTORS else e.sector) for e in parties if e.country}


# "The delegation also met with ...", "Separately, she spoke with ...": a verb of meeting
# marked as one more is another meeting, even with the same sides ("discussed" is not one).
ANOTHER_ADVERBS = frozenset({"also", "additionally", "separately", "later", "then", "subsequently", "afterwards",
                             "afterward"})
MEETING_VERBS = frozenset({"meet", "speak", "call", "visit", "host", "receive", "hold"})


def _another_meeting(token: Token) -> bool:
    if token.pos_ != "VERB" or token.lemma_.lower() not in MEETING_VERBS:
        return False
    return any(c.dep_ == "advmod" and c.lower_ in ANOTHER_ADVERBS for c in token.children)


class Meetings:
    """The meetings of the article so far (`self.meetings`, set by the event coder)."""

    meetings: list[tuple[list[Entity], set[str]]]

    def _same_meeting(self, coded: Coded) -> bool:
        """One meeting is one event however often the article returns to it ("the two
        leaders discussed ..."): a meeting whose parties are among an earlier one's is it,
        unless it is still to come ("they looked forward to meeting again", "will meet", "the
        upcoming visit")."""
        if coded.event_type != "CONSULT":
            return False
        token = coded.token
        will = any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in token.children)
        if coded.promised or will or anticipated_by(token) is not None or is_upcoming(token) \
                or not STILL_TO_COME.isdisjoint(modality_cues(token)):
            return False  # also "intend to convene a meeting", "plan to meet", a task promised: still to come
        parties = _sides(coded.actor + coded.recipient)
        # "spoke today with Ruto ... met with Ruto on March 30": another day, another meeting
        dated = set(clause_dates(token)) if token.pos_ == "VERB" else set()
        for earlier, when in self.meetings:
            if parties <= _sides(earlier) and not (dated and when and dated.isdisjoint(when)) and not _another_meeting(token):
                return True
        if len({country for country, _ in parties}) >= 2 or (parties and coded.recipient):
            self.meetings.append((coded.actor + coded.recipient, dated))
        return False

    def _joint(self, head: Token | None) -> list[Entity]:
        """"The two leaders", "both leaders", "they" after a meeting: every party to the
        latest meeting of the article."""
        if head is None or not self.meetings:
            return []
        lemma = head.lemma_.lower()
        words = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        plural = head.tag_ == "NNS" and words & {"two", "both", "the"}
        if head.tag_ == "NNPS" or (head.pos_ == "PROPN" and head.lower_.endswith("s")):  # "the Leaders", "the Vice Presidents"
            lemma, plural = singular(head.lower_), bool(words & {"two", "both", "the"})
        bare_two = lemma == "two" and "the" in words  # "the two agreed"
        if lemma in ("they", "both") or bare_two or (lemma in JOINT_HEADS and (plural or "each" in words)):  # "each side"
            parties = self.meetings[-1][0]
            if len({e.country for e in parties}) >= 2:
                span = head.doc[head.left_edge.i : head.i + 1]
                return [replace(e, text=span.text, start=span.start_char, end=span.end_char) for e in parties]
        return []
