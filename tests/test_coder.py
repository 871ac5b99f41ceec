"""One everyday news construction per test: type, participants, modality, dates, evidence."""

from __future__ import annotations

import pytest

PUBLISHED = "2021-12-08"  # a Wednesday


def events(pipeline, text: str, published: str | None = PUBLISHED):
    return pipeline.process(text, published=published).events


def only(pipeline, text: str, event_type: str, published: str = PUBLISHED):
    found = [e for e in events(pipeline, text, published) if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.evidence.trigger) for e in found]
    return found[0]


def codes(entities) -> set[str]:
    return {e.country for e in entities}


@pytest.mark.parametrize(
    "text, event_type, actor, recipient",
    [
        # passive voice with an agent
        ("The British ambassador was summoned by the Chinese foreign ministry.", "ACCUSE", {"CHN"}, {"GBR"}),
        # passive voice without an agent
        ("27 Russian diplomats had been expelled.", "SANCTION", set(), {"RUS"}),
        # a nominal event with a possessive actor
        ("China's tit-for-tat sanctions against two Americans took effect.", "SANCTION", {"CHN"}, {"USA"}),
        # coordination: one event, compound actor
        ("Britain and the EU imposed sanctions on Russia.", "SANCTION", {"GBR", "EUR"}, {"RUS"}),
        # seats of government for governments
        ("The Kremlin condemned Downing Street.", "ACCUSE", {"RUS"}, {"GBR"}),
        ("Beijing criticised Washington on Tuesday.", "ACCUSE", {"CHN"}, {"USA"}),
        ("The White House praised the Canadian government.", "SUPPORT", {"USA"}, {"CAN"}),
        # role nouns
        ("Russia's ambassador to the US condemned the State Department.", "ACCUSE", {"RUS"}, {"USA"}),
        ("Putin spokesman Dmitry Peskov accused the United States of meddling.", "ACCUSE", {"RUS"}, {"USA"}),
        # a governing verb absorbs the act it governs
        ("Lithuania threatened to expel Belarusian diplomats.", "THREATEN", {"LTU"}, {"BLR"}),
    ],
)
def test_participants(pipeline, text, event_type, actor, recipient):
    event = only(pipeline, text, event_type)
    assert codes(event.actor) == actor
    assert codes(event.recipient) == recipient


def test_nominal_event_takes_the_actor_of_its_light_verb(pipeline):
    event = only(pipeline, "The United States announced a diplomatic boycott of the Beijing Winter Olympics.", "SANCTION")
    assert codes(event.actor) == {"USA"}


def test_several_events_in_one_sentence(pipeline):
    found = events(pipeline, "Moscow expelled two Estonian diplomats and summoned the Latvian ambassador.")
    assert {(e.event_type, tuple(codes(e.recipient))) for e in found} >= {("SANCTION", ("EST",)), ("ACCUSE", ("LVA",))}


def test_governed_act_is_not_a_second_event(pipeline):
    found = events(pipeline, "Lithuania threatened to expel Belarusian diplomats.")
    assert [e.event_type for e in found] == ["THREATEN"]


def test_named_person_resolved_from_lexicon_and_surname(pipeline):
    text = "Antony Blinken met Wang Yi in Rome. Later, Blinken criticised Beijing."
    found = events(pipeline, text)
    accuse = next(e for e in found if e.event_type == "ACCUSE")
    assert accuse.actor[0].name == "Antony Blinken"
    assert accuse.actor[0].country == "USA"
    assert accuse.actor[0].text == "Blinken"


def test_pronoun_resolved_to_the_person_named_before(pipeline):
    text = "Foreign Secretary Liz Truss spoke on Monday. She condemned Moscow."
    accuse = only(pipeline, text, "ACCUSE")
    assert accuse.actor[0].name == "Liz Truss"
    assert accuse.actor[0].text == "She"


def test_unknown_person_takes_country_from_context(pipeline):
    text = "Chinese foreign ministry spokesperson Zhu Wenlan condemned Canada. Zhu also criticised Australia."
    found = [e for e in events(pipeline, text) if e.event_type == "ACCUSE"]
    assert [codes(e.actor) for e in found] == [{"CHN"}, {"CHN"}]


@pytest.mark.parametrize(
    "text, event_type, modality",
    [
        ("Britain expelled three Russian diplomats.", "SANCTION", "asserted"),
        ("Britain did not expel any Russian diplomats.", "SANCTION", "negated"),
        ("Washington is considering a diplomatic boycott of the Games.", "SANCTION", "hypothetical"),
        ("Russia would face sanctions from the European Union if it invaded.", "SANCTION", "hypothetical"),
        ("Beijing did not offer any aid to Pakistan.", "AGREE", "negated"),
        ("The French president will visit China next week.", "AGREE", "future"),  # PLOVER: a promised visit is AGREE
        ("Japan vowed to support Ukraine.", "AGREE", "future"),  # a promise announces the act (CODING.md)
            ("Japan hopes to support Ukraine.", "AGREE", "reported-intent"),
        ("China has not entered into an alliance with Russia.", "COOPERATE", "negated"),
        # an indefinite act that is the subject of a modal clause has not been done
        ("Another wave of air strikes on Sanaa could end the truce.", "ASSAULT", "hypothetical"),
        ("New sanctions against Minsk would hurt Lithuanian hauliers.", "SANCTION", "hypothetical"),
    ],
)
def test_modality(pipeline, text, event_type, modality):
    assert only(pipeline, text, event_type).modality == modality


def test_historical_event(pipeline):
    event = only(pipeline, "In 2018 Britain expelled 23 Russian diplomats.", "SANCTION")
    assert event.modality == "historical"
    assert event.date == "2018"


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("on Friday", "2021-12-03"),
        ("last week", "2021-12-01"),
        ("on December 2", "2021-12-02"),
        ("earlier this month", "2021-12"),
    ],
)
def test_dates_resolved_against_publication(pipeline, phrase, expected):
    event = only(pipeline, f"Germany expelled two Russian diplomats {phrase}.", "SANCTION")
    assert event.date == expected
    assert event.date_text and phrase.split()[-1] in event.date_text


def test_undated_event_takes_publication_date(pipeline):
    assert only(pipeline, "Germany expelled two Russian diplomats.", "SANCTION").date == PUBLISHED


def test_evidence_offsets_point_into_the_article(pipeline):
    text = "Officials met in the morning.\n\nThe Chinese foreign ministry summoned the British ambassador on Friday."
    event = only(pipeline, text, "ACCUSE")
    ev = event.evidence
    assert text[ev.start : ev.end] == ev.text
    assert text[ev.trigger_start : ev.trigger_end] == ev.trigger == "summoned"
    for entity in event.actor + event.recipient:
        assert text[entity.start : entity.end] == entity.text


def test_record_fields(pipeline):
    event = only(pipeline, "Britain imposed sanctions on two Chinese officials over human rights abuses.", "SANCTION")
    assert event.quad_code == 4
    assert event.cameo.startswith("16")
    assert "human_rights" in event.context
    assert event.coder.startswith("rule:")
    assert 0 < event.confidence <= 1


def test_blank_line_ends_a_sentence(pipeline):
    text = "Talks stall in Geneva\n\nBritain expelled two Russian diplomats on Monday."
    event = only(pipeline, text, "SANCTION")
    assert event.evidence.text == "Britain expelled two Russian diplomats on Monday."


def test_weekday_of_publication_is_that_day(pipeline):
    event = only(pipeline, "China imposed sanctions on nine British citizens on Friday.", "SANCTION", "2021-03-26")
    assert event.date == "2021-03-26"


def test_criticism_in_a_quote_is_an_accusation(pipeline):
    text = 'The Chinese foreign ministry said the decision by Canada was "a shameful provocation".'
    event = only(pipeline, text, "ACCUSE")
    assert codes(event.actor) == {"CHN"} and codes(event.recipient) == {"CAN"}
    assert event.coder == "rule:quote:shameful"


def test_quote_adds_no_event_where_the_parse_found_one(pipeline):
    found = events(pipeline, 'Britain condemned Iran, calling its conduct "a shameful abuse".')
    assert [e.event_type for e in found] == ["ACCUSE"]
    assert found[0].coder == "rule:verb:condemn"


def test_the_subjects_own_forces_are_not_the_recipient(pipeline):
    text = "China held talks with India. China withdrew its troops from Japan."
    event = only(pipeline, text, "RETREAT")
    assert codes(event.actor) == {"CHN"} and codes(event.recipient) == {"JPN"}


@pytest.mark.parametrize(
    "text, modality",
    [
        # an act the text sets before the news with no date is history too
        ("Britain has expelled Russian diplomats previously.", "historical"),
        ("Britain has expelled Russian diplomats in the past.", "historical"),
        ("Britain expelled 23 Russian diplomats on Wednesday.", "asserted"),
    ],
)
def test_an_act_told_as_before_the_news_is_historical(pipeline, text, modality):
    assert only(pipeline, text, "SANCTION").modality == modality


@pytest.mark.parametrize(
    "text, kind, date, modality",
    [
        # an act going on since an earlier year is dated by its start: background, not news
        ("Mali has been fighting jihadist insurgents linked to al-Qaeda since 2012.", "ASSAULT", "2012", "historical"),
        # one going on since a recent day is still news
        ("Kenyan police have been arresting protesters outside parliament since Monday.", "COERCE", "2019-09-09", "asserted"),
        # a clause that describes a date is dated by it
        ("Kidnappings have surged since 2014, when Boko Haram seized 276 schoolgirls in Chibok.", "COERCE", "2014", "historical"),
    ],
)
def test_an_act_dated_by_its_since_or_the_date_its_clause_describes(pipeline, text, kind, date, modality):
    event = next(e for e in pipeline.process(text, published="2019-09-15").events if e.event_type == kind)
    assert (event.date, event.modality) == (date, modality)


def test_an_act_begun_in_an_earlier_year_is_historical(pipeline):
    """"In 2012, X began funding ...": the date on the verb an act completes dates the act."""
    events = pipeline.process("In 2012, Norway began supporting the peace talks in Colombia.", published="2019-09-15").events
    assert [(e.event_type, e.modality) for e in events] == [("SUPPORT", "historical")]


@pytest.mark.parametrize(
    "text, kind, date",
    [
        # a verb sharing an earlier verb's subject shares its date
        ("On Monday, Kenyan police raided the offices of a newspaper and arrested three journalists.", "COERCE", "2019-09-09"),
        ("In 2012, the Malian army seized the town and detained its mayor.", "COERCE", "2012"),
        # a participle adding an act to a dated verb takes its date
        ("Turkish police detained 40 students on Monday, accusing them of insulting the president.", "ACCUSE", "2019-09-09"),
        # an act a report tells with no date of its own is no later than the report
        ("On Tuesday, the agency reported that Chadian troops had shelled a rebel camp.", "ASSAULT", "2019-09-10"),
        # an act happened when its when-clause did
        ("Four herders were killed when gunmen opened fire on a market near Gao on Tuesday.", "ASSAULT", "2019-09-10"),
        # a day naming a time of day is still a date ("on Wednesday morning")
        ("Kenyan police arrested six activists outside the court on Wednesday morning.", "COERCE", "2019-09-11"),
        # an age the NER reads as a date dates nothing ("Ali Hassan, 17,")
        ("Ali Hassan, 17, was shot dead by Syrian soldiers near Deraa on Wednesday morning.", "ASSAULT", "2019-09-11"),
    ],
)
def test_an_act_with_no_date_of_its_own_is_dated_by_the_verb_it_hangs_on(pipeline, text, kind, date):
    events = [e for e in pipeline.process(text, published="2019-09-15").events if e.event_type == kind]
    assert events and events[-1].date == date


def test_an_undated_act_of_the_story_happened_on_the_day_the_story_is_told_for(pipeline):
    """After "Police fired on traders in Kano on Tuesday", an undated act of the same story
    took place that Tuesday, not on the day of publication; a dated act long before (the
    background) sets no day for what follows."""
    text = ("Nigerian police fired tear gas at traders in Kano on Tuesday. Soldiers arrested twelve of them. "
            "In 2015, the army detained the traders' leader. The governor said soldiers would patrol the market on "
            "Saturday. Police also detained two journalists.")
    events = pipeline.process(text, published="2019-09-11").events
    dates = {e.evidence.trigger.split()[0]: e.date for e in events}
    assert dates["fired"] == dates["arrested"] == "2019-09-10"
    # the last one: neither the 2015 arrest nor a patrol still to come sets the story's day
    assert dates["detained"] == "2019-09-10"


def test_the_next_day_is_counted_from_the_day_the_story_last_named(pipeline):
    """"... met the envoy on March 3. The next day Ankara expelled two diplomats": the day
    after March 3, not the day after publication."""
    text = ("The Turkish foreign minister met the Greek envoy on March 3. The next day Ankara expelled two Greek diplomats. "
            "On March 8 Greek police arrested two Turkish sailors. The next day Greece summoned the Turkish ambassador.")
    events = pipeline.process(text, published="2020-03-10").events
    dates = {e.event_type: e.date for e in events}
    assert dates["SANCTION"] == "2020-03-04"
    assert dates["ACCUSE"] == "2020-03-09"
