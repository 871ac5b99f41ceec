"""One quotation construction per case: content span, direct flag, cue and speaker."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsledger.nlp.actors import ActorResolver
from newsledger.nlp.quotes import find_quotes, quote_spans

PUBLISHED = "2023-03-08"


def quotes(pipeline, text: str):
    doc = pipeline.nlp(text)
    coder = pipeline.nlp.get_pipe("newsledger_coder")
    resolver = ActorResolver(doc, coder.finder.find(doc, PUBLISHED), coder.lexicon, PUBLISHED)
    found = find_quotes(doc, resolver, "doc")
    for quote in found:
        assert text[quote.start : quote.end] == quote.content
    return found


def only(pipeline, text: str):
    found = quotes(pipeline, text)
    assert len(found) == 1, [(q.content, q.cue) for q in found]
    return found[0]


def speaker_name(quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


# -- direct quotations: where the attribution stands -------------------------------------


@pytest.mark.parametrize(
    "text, content, cue, speaker",
    [
        # speaker after the quote
        ('"We will keep the channel open," Anna Berg said.', "We will keep the channel open", "said", "Anna Berg"),
        # "said X" inversion
        ('"The offer stands until Friday," said Anna Berg.', "The offer stands until Friday", "said", "Anna Berg"),
        # speaker before the quote, colon
        ('Anna Berg said: "Nobody wants a longer dispute."', "Nobody wants a longer dispute.", "said", "Anna Berg"),
        # speaker before the quote, comma
        ('Anna Berg told reporters, "The talks will resume soon."', "The talks will resume soon.", "told reporters",
         "Anna Berg"),
        # "So says X at Y" inversion in the next sentence
        ('"Face scanning is now a booming trade." So says Tomas Kral at Brightlens.',
         "Face scanning is now a booming trade.", "says", "Tomas Kral"),
        # verb with a cue object
        ('"We are ready to talk," Anna Berg told reporters on Tuesday.', "We are ready to talk", "told reporters",
         "Anna Berg"),
        # curly marks
        ("“Our patience has limits,” Anna Berg warned.", "Our patience has limits", "warned", "Anna Berg"),
        # single marks in a headline
        ("'We will not give up the port,' says Anna Berg", "We will not give up the port", "says", "Anna Berg"),
    ],
)
def test_direct_attribution(pipeline, text, content, cue, speaker):
    quote = only(pipeline, text)
    assert quote.direct is True
    assert quote.content == content
    assert quote.cue == cue
    assert speaker_name(quote) == speaker
    assert quote.speaker_resolution == "named"


@pytest.mark.parametrize(
    "text, content, cue",
    [
        # a judging verb is a cue for the words it quotes
        ('Anna Berg condemned the "reckless conduct" of the guards.', "reckless conduct", "condemned"),
        # "put it"
        ('Anna Berg put it more bluntly: "Nobody here trusts the council any more."',
         "Nobody here trusts the council any more.", "put it more bluntly"),
    ],
)
def test_other_cues(pipeline, text, content, cue):
    quote = only(pipeline, text)
    assert (quote.content, quote.cue, speaker_name(quote)) == (content, cue, "Anna Berg")


def test_verb_governing_a_second_quote(pipeline):
    found = quotes(pipeline, 'The ministry said the use of "rubber bullets" was "entirely justified".')
    last = found[-1]
    assert (last.content, last.cue) == ("entirely justified", "said")
    assert last.speaker is not None and last.speaker.text == "ministry"


def test_unnamed_spokesperson_speaks_for_the_institution(pipeline):
    quote = only(pipeline, '"The vote stands," said a spokesperson for the Electoral Commission.')
    assert quote.speaker is not None and "Electoral Commission" in quote.speaker.name
    assert quote.speaker_resolution == "named"


def test_common_noun_renamed_by_a_name(pipeline):
    quote = only(pipeline, "Police detained 40 people, according to the monitoring group Civic Watch.")
    assert quote.speaker is not None and quote.speaker.name == "Civic Watch"


@pytest.mark.parametrize(
    "text",
    [
        "According to the readout, the talks were frank.",  # a document
        "Shipping firms said the route was closed.",  # bodies in the plural, unnamed
    ],
)
def test_unnamed_sources_are_roles(pipeline, text):
    assert only(pipeline, text).speaker_resolution == "role"


def test_partial_quotation_inside_a_sentence(pipeline):
    quote = only(pipeline, 'Anna Berg added that the two sides share a "deep and lasting friendship."')
    assert (quote.content, quote.direct, quote.cue) == ("deep and lasting friendship.", True, "added")
    assert speaker_name(quote) == "Anna Berg"


@pytest.mark.parametrize(
    "text, cue",
    [
        # the partial quote sits under a nearer verb that is itself reported
        ('Anna Berg said that the city would respond "firmly and fast".', "said"),
        ('Anna Berg vowed to respond "with full force".', "vowed"),
    ],
)
def test_partial_quote_takes_the_outer_reporting_verb(pipeline, text, cue):
    quote = only(pipeline, text)
    assert (quote.cue, speaker_name(quote)) == (cue, "Anna Berg")


def test_governing_verb_wins_over_according_to(pipeline):
    text = 'Anna Berg told Tomas Kral that the deal was "a good start", according to local media.'
    quote = only(pipeline, text)
    assert quote.direct and quote.content == "a good start"
    assert (quote.cue, speaker_name(quote)) == ("told Tomas Kral", "Anna Berg")


def test_inverted_speaker_parsed_as_a_clause_subject(pipeline):
    # the parser makes "shopkeeper" the subject of "selling", leaving "said" without one
    text = '"Students will simply find another route by Friday," said a shopkeeper selling mobile phones in the market.'
    quote = only(pipeline, text)
    assert quote.speaker is not None and quote.speaker.text == "shopkeeper"
    assert quote.speaker_resolution == "role"


# Rows of a hand-made parse: word, space after, head, dep, pos, tag, lemma. They pin down
# parser mistakes seen on real articles, whatever the model does with the sentence today.
MISPARSED_SUBJECT_IN_QUOTE = [  # "delays" inside the quote hung on "said" as a second subject
    ('"', False, 2, "punct", "PUNCT", "``", '"'), ("We", True, 2, "nsubj", "PRON", "PRP", "we"),
    ("expected", True, 2, "ROOT", "VERB", "VBD", "expect"), ("many", True, 4, "amod", "ADJ", "JJ", "many"),
    ("delays", False, 9, "nsubj", "NOUN", "NNS", "delay"), (",", False, 9, "punct", "PUNCT", ",", ","),
    ('"', True, 9, "punct", "PUNCT", "''", '"'), ("a", True, 8, "det", "DET", "DT", "a"),
    ("diplomat", True, 9, "nsubj", "NOUN", "NN", "diplomat"), ("said", False, 2, "ccomp", "VERB", "VBD", "say"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]
MISPARSED_SPEAKER_AS_APPOSITION = [  # "an aide to the mayor" hung on "port" instead of "said"
    ("Talks", True, 1, "nsubj", "NOUN", "NNS", "talk"), ("stalled", True, 11, "ccomp", "VERB", "VBD", "stall"),
    ("over", True, 1, "prep", "ADP", "IN", "over"), ("the", True, 4, "det", "DET", "DT", "the"),
    ("port", False, 2, "pobj", "NOUN", "NN", "port"), (",", True, 4, "punct", "PUNCT", ",", ","),
    ("an", True, 7, "det", "DET", "DT", "an"), ("aide", True, 4, "appos", "NOUN", "NN", "aide"),
    ("to", True, 7, "prep", "ADP", "IN", "to"), ("the", True, 10, "det", "DET", "DT", "the"),
    ("mayor", True, 8, "pobj", "NOUN", "NN", "mayor"), ("said", False, 11, "ROOT", "VERB", "VBD", "say"),
    (".", False, 11, "punct", "PUNCT", ".", "."),
]


def hand_parsed(pipeline, rows):
    doc = Doc(pipeline.nlp.vocab, words=[r[0] for r in rows], spaces=[r[1] for r in rows],
              heads=[r[2] for r in rows], deps=[r[3] for r in rows], pos=[r[4] for r in rows],
              tags=[r[5] for r in rows], lemmas=[r[6] for r in rows])
    coder = pipeline.nlp.get_pipe("newsledger_coder")
    resolver = ActorResolver(doc, coder.finder.find(doc, PUBLISHED), coder.lexicon, PUBLISHED)
    return find_quotes(doc, resolver, "doc")


def test_speaker_is_never_inside_the_quote(pipeline):
    [quote] = hand_parsed(pipeline, MISPARSED_SUBJECT_IN_QUOTE)
    assert quote.content == "We expected many delays"
    assert quote.speaker is not None and quote.speaker.text == "diplomat"


def test_speaker_hung_elsewhere_by_the_parser(pipeline):
    [quote] = hand_parsed(pipeline, MISPARSED_SPEAKER_AS_APPOSITION)
    assert (quote.content, quote.direct, quote.cue) == ("Talks stalled over the port", False, "said")
    assert quote.speaker is not None and "aide" in quote.speaker.text


def test_multi_sentence_quote_is_one_record(pipeline):
    quote = only(pipeline, '"The vote was fair. The count was open. We accept it," Anna Berg said.')
    assert quote.content == "The vote was fair. The count was open. We accept it"
    assert speaker_name(quote) == "Anna Berg"


def test_quote_running_over_paragraphs_is_one_record(pipeline):
    text = 'Anna Berg spoke first.\n\n"We asked for a hearing and got none.\n\n"We will ask again," she said.'
    quote = only(pipeline, text)
    assert quote.content == 'We asked for a hearing and got none.\n\n"We will ask again'
    assert speaker_name(quote) == "Anna Berg"


def test_split_quote_gives_two_records_with_one_speaker(pipeline):
    found = quotes(pipeline, "“The first step is trust,” Anna Berg said, “and the second is patience.”")
    assert [q.content for q in found] == ["The first step is trust", "and the second is patience."]
    assert [speaker_name(q) for q in found] == ["Anna Berg", "Anna Berg"]
    assert all(q.direct and q.cue == "said" for q in found)


def test_following_quote_inherits_the_speaker(pipeline):
    found = quotes(pipeline, '"We will not sign," Anna Berg said on Monday. "The terms were never fair to us."')
    assert [q.content for q in found] == ["We will not sign", "The terms were never fair to us."]
    assert [speaker_name(q) for q in found] == ["Anna Berg", "Anna Berg"]


def test_quote_without_speaker_after_narrative_stays_unattributed(pipeline):
    found = quotes(pipeline, 'The hall was full. Nobody left early. "We have waited for this day for many years."')
    assert len(found) == 1 and found[0].speaker is None and found[0].speaker_resolution == "none"


# -- speakers resolved through the article ----------------------------------------------


@pytest.mark.parametrize(
    "text, speaker, resolution",
    [
        # pronoun → the person named before
        ('Foreign Minister Qin Gang arrived in the capital. "We came to listen," he said.', "Qin Gang", "coreference"),
        # bare surname → the full name met earlier
        ('Anna Berg arrived in the capital. "We came to listen," Berg said.', "Anna Berg", "coreference"),
        # a family name written first
        ('Qin Gang arrived in the capital. "We came to listen," Qin said.', "Qin Gang", "coreference"),
        # coordinated speakers: the first conjunct represents them
        ('"We came to listen," Anna Berg and Tomas Kral said.', "Anna Berg", "named"),
    ],
)
def test_speaker_resolution(pipeline, text, speaker, resolution):
    quote = only(pipeline, text)
    assert speaker_name(quote) == speaker
    assert quote.speaker_resolution == resolution


def test_reported_speech_with_a_misattached_speaker(pipeline):
    quote = only(pipeline, "The border will stay shut, a close aide to the governor said on Friday.")
    assert quote.content == "The border will stay shut"
    assert quote.speaker is not None and "aide" in quote.speaker.text


def test_role_noun_speaker(pipeline):
    quote = only(pipeline, 'The foreign secretary said: "This breaks the agreement we signed."')
    assert quote.speaker is not None and "secretary" in quote.speaker.text
    assert quote.speaker_resolution == "role"


def test_document_speaker(pipeline):
    quote = only(pipeline, 'The letter read: "We urge the council to release the detainees."')
    assert quote.speaker is not None and quote.speaker.text == "letter"
    assert quote.cue == "read"


def test_unresolved_pronoun_has_no_speaker(pipeline):
    quote = only(pipeline, '"We will be back next year," she said.')
    assert quote.speaker is None and quote.speaker_resolution == "none"


# -- reported speech ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, content, cue, speaker",
    [
        ("Anna Berg lamented that other states are trying to meddle in the vote.",
         "other states are trying to meddle in the vote", "lamented", "Anna Berg"),
        ("Anna Berg said the harbour would reopen next week.", "the harbour would reopen next week", "said",
         "Anna Berg"),
        ("The port will stay closed, Anna Berg said.", "The port will stay closed", "said", "Anna Berg"),
        ("According to Anna Berg, the harbour will reopen next week.",
         "the harbour will reopen next week", "according to", "Anna Berg"),
        ("The harbour will reopen next week, according to Anna Berg.",
         "The harbour will reopen next week", "according to", "Anna Berg"),
        ("Anna Berg pointed out that the border stayed open.", "the border stayed open", "pointed out", "Anna Berg"),
        ("Anna Berg was quoted as saying that the port would reopen.", "the port would reopen", "saying", "Anna Berg"),
        # "according to" in mid-sentence: the whole sentence
        ("The harbour, according to Anna Berg, will reopen next week.",
         "The harbour, according to Anna Berg, will reopen next week", "according to", "Anna Berg"),
    ],
)
def test_reported_speech(pipeline, text, content, cue, speaker):
    quote = only(pipeline, text)
    assert (quote.content, quote.direct, quote.cue) == (content, False, cue)
    assert speaker_name(quote) == speaker


def test_two_that_clauses_are_one_statement(pipeline):
    quote = only(pipeline, "Anna Berg said the port would reopen, but that the border would stay shut.")
    assert quote.content == "the port would reopen, but that the border would stay shut"


def test_that_clause_after_a_quoted_one_stands_alone(pipeline):
    found = quotes(pipeline, 'Anna Berg said the plan was "dead in the water" and that no new date had been set.')
    assert [(q.content, q.direct) for q in found] == [("dead in the water", True), ("no new date had been set", False)]
    assert {speaker_name(q) for q in found} == {"Anna Berg"}


@pytest.mark.parametrize(
    "text, content",
    [
        # an apposition explaining the last noun
        ("Anna Berg said the fire was started by Tomas Kral, the owner of the mill who left town in May.",
         "the fire was started by Tomas Kral"),
        # a time clause the reporter added
        ("Anna Berg said the city was closing its harbour, a day after the storm destroyed the pier.",
         "the city was closing its harbour"),
    ],
)
def test_reported_content_leaves_out_background(pipeline, text, content):
    assert only(pipeline, text).content == content


def test_reported_speech_inside_a_quotation(pipeline):
    found = quotes(pipeline, '"He told the guards that he would appeal," the lawyer said.')
    inner = [q for q in found if not q.direct]
    assert [(q.content, q.cue) for q in inner] == [("he would appeal", "told the guards")]


def test_reported_speech_cue_with_a_document(pipeline):
    quote = only(pipeline, "The ministry stated in its readout that both sides agreed to keep talking.")
    assert quote.cue == "stated in its readout"
    assert quote.content == "both sides agreed to keep talking"


def test_reported_clause_holding_a_direct_quote_gives_one_record(pipeline):
    quote = only(pipeline, 'Anna Berg said the plan was "a step backwards for everyone."')
    assert quote.direct is True and quote.content == "a step backwards for everyone."


@pytest.mark.parametrize(
    "text",
    [
        "The guards would not tell us where he was.",  # an indirect question
        "Asked whether the city would join, Anna Berg said it would not.",  # an elliptical clause
    ],
)
def test_clause_that_states_nothing(pipeline, text):
    assert quotes(pipeline, text) == []


def test_negated_reporting_verb_is_not_speech(pipeline):
    assert quotes(pipeline, "Anna Berg did not say that the harbour would reopen.") == []


def test_verb_without_clause_is_not_speech(pipeline):
    assert quotes(pipeline, "Anna Berg denied the report on Monday.") == []


# -- not statements ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # scare quotes
        'The city calls the camps "learning centres", but visitors disagree.',
        # a title
        'The council published a report titled "Building Trust Together" on Monday.',
        # apostrophes are not quote marks
        "Norway's envoy met the workers' union and didn't comment.",
    ],
)
def test_no_statement(pipeline, text):
    assert quotes(pipeline, text) == []


# -- robustness -------------------------------------------------------------------------------


def test_unclosed_quote_ends_with_its_paragraph(pipeline):
    text = '"We will never accept the ruling of this court, Anna Berg said\n\nThe court met again on Friday.'
    found = [q for q in quotes(pipeline, text) if q.direct]
    assert found and found[0].content == "We will never accept the ruling of this court, Anna Berg said"


@pytest.mark.parametrize(
    "text",
    ['"', '""', '" "', "'", "He said: \"", 'A "b "c" d', "“ ” ‘ ’ « »", '"A," "B," "C', "'90s' and 'em",
     "said\n\n\"\n\n\""],
)
def test_odd_marks_never_raise(pipeline, text):
    quotes(pipeline, text)


def test_quote_marks_scanner_skips_apostrophes():
    text = "It's the protesters' right, says 'someone we trust,' and Russia’s envoy."
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["someone we trust"]


# -- with the shipped lexicon ------------------------------------------------------------------


def test_lexicon_person_partial_quote(pipeline):
    quote = only(pipeline, 'Putin added that the two countries enjoy a "high level of mutual trust."')
    assert speaker_name(quote) == "Vladimir Putin"
    assert quote.speaker.country == "RUS"


def test_lexicon_seat_of_government_speaker(pipeline):
    quote = only(pipeline, "The White House said in a statement that the talks had stalled.")
    assert quote.speaker is not None and quote.speaker.country == "USA"
    assert (quote.cue, quote.direct, quote.speaker_resolution) == ("said in a statement", False, "named")


def test_lexicon_document_of_a_state(pipeline):
    quote = only(pipeline, "The Chinese readout states that both sides agreed to deepen ties.")
    assert quote.speaker is not None and quote.speaker.country == "CHN"
    assert quote.content == "both sides agreed to deepen ties"


@pytest.mark.parametrize(
    "speaker, local",
    [("a shopkeeper in the old city", True), ("one mother of a detained student", True),
     ("an analyst in Singapore", False), ("a visiting diplomat", False)],
)
def test_unnamed_people_quoted_are_people_of_the_articles_country(pipeline, speaker, local):
    text = ("India banned 59 Chinese apps on Monday, the government in New Delhi said.\n\n"
            f'"We cannot sell phones without them," said {speaker}.')
    found = [q for q in quotes(pipeline, text) if q.content.startswith("We cannot")]
    assert found
    country = found[0].speaker.country if found[0].speaker else None
    assert (country == "IND") is local, (speaker, country)
