"""One count construction per case: value, qualifier, unit, text span and event link."""

from __future__ import annotations

import pytest

from newsledger.nlp.counts import find_counts, parse_number


def counts(pipeline, text: str, triggers: dict[int, str] | None = None):
    doc = pipeline.nlp(text)
    found = find_counts(doc, "doc", triggers or {})
    for count in found:
        assert text[count.start : count.end] == count.text
    return found


def only(pipeline, text: str):
    found = counts(pipeline, text)
    assert len(found) == 1, [(c.text, c.unit) for c in found]
    return found[0]


@pytest.mark.parametrize(
    "words, value, approximate",
    [
        (["27"], 27, False),
        (["1,200"], 1200, False),
        (["three"], 3, False),
        (["one", "million"], 1_000_000, False),
        (["1.2", "million"], 1_200_000, False),
        (["two", "dozen"], 24, False),
        (["a", "dozen"], 12, False),
        (["two", "hundred", "and", "fifty", "thousand"], 250_000, False),
        (["twenty", "-", "five"], 25, False),
        (["tens", "of", "thousands"], 10_000, True),
        (["hundreds"], 100, True),
        (["several", "hundred"], 200, True),
        (["a", "few", "thousand"], 2000, True),
    ],
)
def test_parse_number(words, value, approximate):
    assert parse_number(words) == (value, approximate)


@pytest.mark.parametrize("words", [["1.5"], ["lots"], []])
def test_parse_number_rejects(words):
    assert parse_number(words) is None


@pytest.mark.parametrize(
    "text, value, qualifier, unit, phrase",
    [
        # digits with a nummod noun
        ("Police detained 27 Russian diplomats.", 27, None, "Russian diplomats", "27"),
        # thousands separator
        ("The union said 1,200 workers walked out.", 1200, None, "workers", "1,200"),
        # a number word
        ("Three journalists were released.", 3, None, "journalists", "Three"),
        # a scale with a decimal
        ("The flood displaced 1.2 million residents.", 1_200_000, None, "residents", "1.2 million"),
        # a number word and a scale, a qualifier, coordinated nouns
        ("More than one million Uighurs and other Turkic Muslims were held.", 1_000_000, "more than",
         "Uighurs and other Turkic Muslims", "More than one million"),
        ("The list names nine UK organisations and individuals.", 9, None, "UK organisations and individuals", "nine"),
        # dozen
        ("Nearly two dozen lawmakers signed the letter.", 24, "about", "lawmakers", "Nearly two dozen"),
        ("A dozen villages lost power.", 12, None, "villages", "A dozen"),
        # qualifier synonyms
        ("Over 100 activists gathered.", 100, "more than", "activists", "Over 100"),
        ("At least 15 countries objected.", 15, "at least", "countries", "At least 15"),
        ("Up to 300 troops may be sent.", 300, "up to", "troops", "Up to 300"),
        ("Fewer than 50 delegates voted.", 50, "up to", "delegates", "Fewer than 50"),
        ("Some 40 reporters waited outside.", 40, "about", "reporters", "Some 40"),
        ("Roughly 70 ships were stuck.", 70, "about", "ships", "Roughly 70"),
        ("Exactly 12 judges heard the case.", 12, "exactly", "judges", "Exactly 12"),
        # "over" as a preposition is no qualifier
        ("The council protested to the United Nations over two raids.", 2, None, "raids", "two"),
        ("The council complained over two raids on Friday.", 2, None, "raids", "two"),
        # approximate plurals: a lower bound
        ("Tens of thousands of protesters filled the square.", 10_000, "at least", "protesters", "Tens of thousands"),
        ("Hundreds of people queued for bread.", 100, "at least", "people", "Hundreds"),
        ("Dozens of families fled.", 12, "at least", "families", "Dozens"),
        ("Several hundred students marched.", 200, "at least", "students", "Several hundred"),
        # "of" with a plural noun
        ("Four of the sailors were rescued.", 4, None, "sailors", "Four"),
        # a relational noun keeps its "of" phrase
        ("Five members of the city council resigned.", 5, None, "members of the city council", "Five"),
        # a noun joined by a hyphen
        ("The 47-member council met.", 47, None, "member", "47"),
        # an approximate plural standing for people
        ("Tens of thousands have fled the city.", 10_000, "at least", "", "Tens of thousands"),
        # coordination extends the unit only through "and"/"or"
        ("Police held at least 40 journalists, as well as students and lawyers.", 40, "at least", "journalists",
         "at least 40"),
        ("The army freed 15 of its soldiers.", 15, None, "soldiers", "15"),
        # "a" and "half a" before a scale
        ("Half a million people lost power.", 500_000, None, "people", "Half a million"),
        ("An estimated 300 civilians stayed behind.", 300, "about", "civilians", "An estimated 300"),
    ],
)
def test_count(pipeline, text, value, qualifier, unit, phrase):
    count = only(pipeline, text)
    assert (count.value, count.qualifier, count.unit, count.text) == (value, qualifier, unit, phrase)


@pytest.mark.parametrize(
    "text",
    [
        "A 34-year-old man was questioned.",  # age as an adjective
        "The suspect, aged 34, was questioned.",  # age
        "The law was passed in 2019.",  # a year
        "They met at 10 p.m. on Monday.",  # a time
        "The city marked its 20th anniversary.",  # an ordinal
        "The second convoy left.",  # an ordinal word
        "Turnout rose to 40% this year.",  # a percentage
        "The fund paid $5 million to the firm.",  # money
        "The ship carried 5 tonnes of rice.",  # a unit of measure
        "Article 23 of the charter was cited on page 12.",  # identifiers
        "Two were hurt in the blast.",  # no counted noun
        "It was one of the largest rallies.",  # membership, not a count
        "The talks lasted three days.",  # a duration
        "One third of the ballots were spoiled.",  # a fraction
        "One diplomat said the talks were over.",  # an indefinite speaker
        "She sat three rows behind him.",  # a distance
        "It was the size of three buses.",  # a comparison
        "Beijing insists on its one China principle.",  # a policy name
        "Two were hurt and several were detained.",  # no noun, no approximate plural
    ],
)
def test_not_a_count(pipeline, text):
    assert counts(pipeline, text) == []


def _index(pipeline, text: str, word: str) -> int:
    return next(t.i for t in pipeline.nlp.make_doc(text) if t.text == word)


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        # object of the trigger
        ("Moscow expelled 27 diplomats on Friday.", "expelled", "E1"),
        # passive subject of the trigger
        ("At least 40 protesters were arrested.", "arrested", "E1"),
        # object of a preposition under a nominal trigger
        ("The sanctions on nine officials took effect.", "sanctions", "E1"),
        # under a governing verb ("threatened to expel")
        ("Lithuania threatened to expel four diplomats.", "threatened", "E1"),
        # another clause: no link
        ("Moscow expelled the envoy, and 300 students marched.", "expelled", None),
    ],
)
def test_event_ref(pipeline, text, trigger, expected):
    found = counts(pipeline, text, {_index(pipeline, text, trigger): "E1"})
    assert len(found) == 1
    assert found[0].event_ref == expected


def test_ids_are_stable_and_distinct(pipeline):
    text = "Police held 12 men and 30 women."
    first, second = counts(pipeline, text), counts(pipeline, text)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first) == 2
