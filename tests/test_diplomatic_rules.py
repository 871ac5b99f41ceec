"""Classes of diplomatic-readout sentence the coder was fixed for (sentences of our own):
restated commitments, combining forms of country names, titled surnames the NER reads as
places, a meeting's "with" phrase hung on its venue, concern raised about a party, lists of
countries and hyphenated surnames, and regret that is no apology."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-05-02"


def coded(pipeline, text: str):
    return pipeline.process(text, published=PUBLISHED).events


def summary(events):
    return [
        (e.event_type, e.modality, sorted({a.country or "-" for a in e.actor}), sorted({r.country or "-" for r in e.recipient}))
        for e in events
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # parties restating a shared commitment that names no one else promise each other
        ("President Macron and Chancellor Scholz reaffirmed their commitment to a close partnership.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        ("President Macron and Chancellor Scholz emphasized their mutual commitment to open sea lanes.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        # a commitment naming a third party backs it; whose commitment it is is no recipient
        ("President Macron reaffirmed France's commitment to Lebanon's sovereignty.",
         [("SUPPORT", "asserted", ["FRA"], ["LBN"])]),
        ("Chancellor Scholz reaffirmed Germany's commitment to continue providing air defense systems to Ukraine.",
         [("SUPPORT", "asserted", ["DEU"], ["UKR"])]),
        # the act a promise continues is the promised act, one record with the promise
        ("Chancellor Scholz reaffirmed Germany's commitment to keep sending food aid to Sudan.",
         [("SUPPORT", "asserted", ["DEU"], ["SDN"])]),
        # ... unless the act promised is working with it
        ("President Macron reaffirmed his commitment to work with Japan on clean energy.",
         [("AGREE", "future", ["FRA"], ["JPN"])]),
        # one party's commitment that names no one else is no event
        ("Chancellor Scholz noted Germany's commitment to digital skills.", []),
        # ... but another side's commitment welcomed or praised is backing for that side
        ("Chancellor Scholz welcomed President Ruto's commitment to free and fair elections.",
         [("SUPPORT", "asserted", ["DEU"], ["KEN"])]),
        ("Chancellor Scholz praised Ghana's commitment to send troops to the mission in Haiti.",
         [("SUPPORT", "asserted", ["DEU"], ["GHA"])]),
        # other verbs that restate a commitment: renewed, expressed, underlined, highlighted
        ("President Macron and Chancellor Scholz renewed their commitment to closer energy links.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        ("President Macron and Chancellor Scholz expressed their shared commitment to a stable Sahel.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        ("President Macron and Chancellor Scholz underlined their commitment to working together on batteries.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        ("Chancellor Scholz highlighted Germany's commitment to rebuild schools in Ukraine.",
         [("SUPPORT", "asserted", ["DEU"], ["UKR"])]),
        # whom a thing must suit is not the party backed
        ("Chancellor Scholz reaffirmed his commitment to support talks on a border deal acceptable to both Serbia and Kosovo.",
         []),
    ],
)
def test_a_restated_commitment_backs_whom_it_names_or_is_a_shared_promise(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_a_combining_form_before_a_hyphen_names_its_country(pipeline):
    events = coded(pipeline, "The Sino-Russian partnership was praised by President Lula.")
    named = {e.country for event in events for e in event.actor + event.recipient}
    assert "CHN" in named
    # and a combining form is no surname ("Franco" is also a Brazilian president's name)
    events = coded(pipeline, "President Macron and Chancellor Scholz reaffirmed their commitment to Franco-German ties.")
    assert summary(events)[0] == ("AGREE", "future", ["DEU", "FRA"], [])
    assert all(e.country != "BRA" for event in events for e in event.actor + event.recipient)


def test_a_title_makes_a_known_surname_a_person_even_when_read_as_a_place(pipeline):
    # the NER tags "Scholz" a place in this sentence; "Chancellor" says it is the person
    assert summary(coded(pipeline, "Chancellor Scholz reaffirmed Germany's commitment to Ukraine.")) == [
        ("SUPPORT", "asserted", ["DEU"], ["UKR"])
    ]


@pytest.mark.parametrize(
    "text, met",
    [
        ("The Secretary of State met at the State Department with Australian Foreign Minister Penny Wong.", ["AUS"]),
        ("President Lula held talks in Brasilia with Chinese Foreign Minister Wang Yi on Tuesday.", ["CHN"]),
        # ... or on the occasion it happened at
        ("President Lula held a bilateral meeting ahead of the summit with Prime Minister Modi of India.", ["IND"]),
        ("President Lula met on the sidelines of the summit with Prime Minister Modi of India.", ["IND"]),
    ],
)
def test_a_meetings_with_phrase_hung_on_its_venue_names_the_other_side(pipeline, text, met):
    events = coded(pipeline, text)
    assert [e.event_type for e in events] == ["CONSULT"]
    assert sorted({r.country for r in events[0].recipient}) == met


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Foreign Minister Wang Yi traveled to Brasilia, Brazil, for two days of talks.", [("CONSULT", "asserted", ["CHN"], ["BRA"])]),
        ("The Turkish foreign minister led a delegation to Doha last week.", [("CONSULT", "asserted", ["TUR"], ["QAT"])]),
        # a trip at home is no visit to anyone
        ("President Lula traveled to Manaus on Monday.", []),
        # a visit still to come is a promise (AGREE), as the ontology codes a future CONSULT
        ("Foreign Minister Wang Yi will travel to Moscow next week.", [("AGREE", "future", ["CHN"], ["RUS"])]),
    ],
)
def test_travelling_or_leading_a_delegation_abroad_is_a_visit_to_the_host(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # one side affirming the ties backs the other side the phrase names ...
        ("Chancellor Scholz affirmed the enduring strategic partnership between Germany and Kenya.",
         [("SUPPORT", "asserted", ["DEU"], ["KEN"])]),
        # ... or the other side of the meeting
        ("Chancellor Scholz met President Ruto in Berlin. Scholz reaffirmed the strength of the bilateral relationship.",
         [("CONSULT", "asserted", ["DEU"], ["KEN"]), ("SUPPORT", "asserted", ["DEU"], ["KEN"])]),
        # with no meeting and no party named, nobody is backed
        ("Chancellor Scholz reaffirmed the strength of the bilateral relationship.", []),
        ("President Macron conveyed his unwavering support for Armenia's sovereignty.",
         [("SUPPORT", "asserted", ["FRA"], ["ARM"])]),
    ],
)
def test_affirming_ties_or_conveying_support_backs_the_other_side(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_a_surname_named_before_stays_the_person_when_read_as_a_place(pipeline):
    events = coded(pipeline, "Chancellor Scholz met President Ruto in Berlin. Scholz reaffirmed the strength of the bilateral relationship.")
    assert [a.country for a in events[-1].actor] == ["DEU"]


@pytest.mark.parametrize(
    "text, recipients",
    [
        # a joint promise names no one by its topic or venue
        ("President Lula and President Petro agreed to keep consulting on the crisis in Venezuela.", []),
        ("President Lula and President Petro committed to meet again at the summit in Italy.", []),
        # one party's promise is to whom it names
        ("President Lula agreed to keep consulting on the crisis in Venezuela.", ["VEN"]),
    ],
)
def test_a_joint_promise_has_no_recipient_from_its_topic_or_venue(pipeline, text, recipients):
    events = coded(pipeline, text)
    assert [e.event_type for e in events] == ["AGREE"]
    assert sorted({r.country for r in events[0].recipient}) == recipients


def test_committing_money_is_a_promise_to_whom_its_purpose_names(pipeline):
    text = "The Chancellor told President Ruto that Germany will commit an additional 5 million euros to support the elections in Kenya."
    assert summary(coded(pipeline, text)) == [("AGREE", "future", ["DEU"], ["KEN"])]


def test_a_government_body_the_ner_knows_is_the_publishers_in_its_own_statement(pipeline):
    text = ("Vice President Harris met with Vice President Osinbajo of Nigeria today in Washington. She noted that the "
            "Biden-Harris Administration intends to commit an extra $3 million for judicial training in Nigeria.")
    events = pipeline.process(text, published="2022-09-02", url="https://www.whitehouse.gov/briefing-room/r").events
    agree = [e for e in events if e.event_type == "AGREE"]
    assert [([a.country for a in e.actor], [a.resolution for a in e.actor]) for e in agree] == [(["USA"], ["source"])]


def test_each_side_after_a_meeting_is_both_parties(pipeline):
    text = "President Lula met President Petro in Brasilia. Each side committed to take the steps needed before the summit."
    events = coded(pipeline, text)
    assert summary(events)[-1] == ("AGREE", "future", ["BRA", "COL"], [])


@pytest.mark.parametrize(
    "text",
    [
        "President Ruto met Chancellor Scholz in Berlin. The two leaders reaffirmed the deep ties between Kenya and Germany.",
        "President Ruto met Chancellor Scholz in Berlin. They welcomed the progress of the joint energy projects.",
        "Secretary of State Blinken thanked the Cabinet members for their work on the new port rules.",
    ],
)
def test_praise_that_stays_among_its_own_parties_is_no_event(pipeline, text):
    kinds = [e.event_type for e in pipeline.process(text, published=PUBLISHED).events]
    assert "SUPPORT" not in kinds


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("President Ruto met Chancellor Scholz in Berlin. The two leaders welcomed the Ghanaian mediation effort.", "GHA"),
        ("Senator Warren endorsed Vice President Harris for president on Monday.", "USA"),
    ],
)
def test_praise_of_another_party_and_acts_of_support_are_kept(pipeline, text, recipient):
    supports = [e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "SUPPORT"]
    assert supports and recipient in {r.country for e in supports for r in e.recipient}


def test_a_meeting_owned_by_one_side_with_another_is_reported(pipeline):
    """"Secretary Blinken's meeting with Foreign Minister Wang Yi lasted five hours": a
    possessive meeting with a named party reports who met whom, not an act already known;
    told again after the meeting itself, it is that meeting."""
    text = "Secretary Blinken's meeting with Foreign Minister Wang Yi in Beijing lasted five hours."
    assert summary(coded(pipeline, text)) == [("CONSULT", "asserted", ["USA"], ["CHN"])]
    again = "President Ruto met Chancellor Scholz in Berlin. Ruto's meeting with Scholz focused on trade."
    assert [e.event_type for e in coded(pipeline, again)] == ["CONSULT"]


def test_a_meeting_still_to_come_is_not_the_meeting_already_told(pipeline):
    text = "President Ruto met Chancellor Scholz in Berlin. They look forward to meeting again at a summit in Nairobi."
    events = [(e.event_type, e.modality) for e in pipeline.process(text, published=PUBLISHED).events]
    assert ("CONSULT", "asserted") in events and ("AGREE", "future") in events


def test_a_name_after_a_title_conjunct_is_that_conjuncts(pipeline):
    text = "President Ruto and Chancellor Scholz looked forward to an in-person meeting later this year."
    [event] = pipeline.process(text, published=PUBLISHED).events
    assert sorted(e.country for e in event.actor) == ["DEU", "KEN"]


def test_a_meeting_on_another_day_is_another_meeting(pipeline):
    text = ("Chancellor Scholz spoke today with President Ruto of Kenya. Chancellor Scholz met with President Ruto "
            "on March 30 in Nairobi, where they discussed trade.")
    meetings = [e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "CONSULT"]
    assert len(meetings) == 2
    # told again with no other date, it is the same meeting
    again = "Chancellor Scholz spoke today with President Ruto of Kenya. Chancellor Scholz and President Ruto discussed trade."
    assert len([e for e in pipeline.process(again, published=PUBLISHED).events if e.event_type == "CONSULT"]) == 1


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("The minister said Canada is committed to working closely with Mexico on border security.", "MEX"),
        ("Norway committed to helping Ghana with its new fisheries agency.", "GHA"),
    ],
)
def test_a_gerund_after_to_names_the_partner_as_an_infinitive_does(pipeline, text, recipient):
    found = [(e.event_type, [a.country for a in e.recipient]) for e in pipeline.process(text, published="2024-03-01").events]
    assert ("AGREE", [recipient]) in found, found


@pytest.mark.parametrize(
    "text, actors",
    [
        ("Kenya and Tanzania reaffirmed their commitment to deepen trade and to address the threat posed by al-Shabaab.",
         {"KEN", "TZA"}),
        ("Canada committed to working with partners to confront Iranian drone shipments.", {"CAN"}),
        ("The foreign minister said Britain would support efforts to deter North Korean aggression.", {"GBR"}),
    ],
)
def test_what_a_joint_promise_is_aimed_against_is_not_its_partner(pipeline, text, actors):
    """The shared adversary of a promise is not a party to it: no recipient."""
    found = [({a.country for a in e.actor}, [r.country for r in e.recipient])
             for e in pipeline.process(text, published="2024-03-01").events if e.event_type == "AGREE"]
    assert found == [(actors, [])], found


def test_a_threat_to_confront_someone_still_names_them(pipeline):
    """Only cooperation is spared its adversary: a threat to confront Iran is aimed at Iran."""
    found = [(e.event_type, [r.country for r in e.recipient])
             for e in pipeline.process("Israel threatened to confront Iran over its nuclear programme.", published="2024-03-01").events]
    assert ("THREATEN", ["IRN"]) in found, found


def recipients(pipeline, text: str, event_type: str) -> list[set[str]]:
    return [{r.country for r in e.recipient} for e in pipeline.process(text, published="2024-03-01").events
            if e.event_type == event_type]


def test_a_pair_joined_by_a_hyphen_after_an_abbreviation_names_both(pipeline):
    """"U.S.-German relations" is two parties, as "Franco-German" is: the tokenizer splits it."""
    assert recipients(pipeline, "Secretary of State Antony Blinken voiced strong support for closer U.S.-German ties on Monday.", "SUPPORT") == [{"DEU"}]


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("The Chancellor made clear that Germany stands with our Polish ally.", "POL"),
        ("The minister said Britain stands firmly with its Ukrainian partners.", "UKR"),
    ],
)
def test_an_ally_or_partner_the_subject_calls_its_own_is_another_party(pipeline, text, recipient):
    assert recipients(pipeline, text, "SUPPORT") == [{recipient}]


def test_appreciation_expressed_to_someone_is_support_for_them(pipeline):
    text = "President Macron expressed appreciation to President Lula for his efforts to protect the Amazon."
    assert recipients(pipeline, text, "SUPPORT") == [{"BRA"}]


def test_a_call_with_a_leader_to_open_something_is_a_call_with_that_leader(pipeline):
    """"spoke with X to inaugurate ...", which the parser can read as a clause marked by with."""
    text = ("President Joe Biden spoke on Monday with Prime Minister Fumio Kishida of Japan to launch "
            "the second U.S.-Japan Economic Dialogue.")
    assert {"JPN"} in recipients(pipeline, text, "CONSULT")


def test_a_mission_withdrawn_from_a_country_is_withdrawn_from_that_country(pipeline):
    assert recipients(pipeline, "Kenya withdrew its election observers from Malawi on Friday.", "SANCTION") == [{"MWI"}]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Japanese foreign minister discussed North Korea's missile launches in Seoul on Monday.", set()),
        ("The Japanese foreign minister discussed North Korea's missile launches with his South Korean counterpart.", {"KOR"}),
    ],
)
def test_what_talks_are_about_is_not_whom_they_are_with(pipeline, text, expected):
    """The object of "discussed" is the topic: a country it names is not the other side."""
    assert recipients(pipeline, text, "CONSULT") == [expected]


def test_a_talk_given_somewhere_is_a_speech_not_talks(pipeline):
    text = "In his talk at a Washington think tank, the Greek prime minister praised the pipeline project."
    assert recipients(pipeline, text, "CONSULT") == []
    assert recipients(pipeline, "The minister held a talk with his Indian counterpart on Tuesday.", "CONSULT") == [{"IND"}]


def test_talks_between_two_countries_have_both_as_actors(pipeline):
    """A meeting's sides are all actors when no one visits or hosts (ontology: CONSULT)."""
    found = [({a.country for a in e.actor}, [r.country for r in e.recipient])
             for e in pipeline.process("Talks between Serbia and Kosovo resumed in Brussels on Monday.",
                                       published="2024-03-01").events if e.event_type == "CONSULT"]
    assert found == [({"SRB", "XKX"}, [])], found


def test_an_unplaced_speaker_restating_a_countrys_commitment_speaks_for_it(pipeline):
    events = pipeline.process("Dr. Mara Lindqvist affirmed the United States’ ironclad commitment to Jordan’s security.",
                              published="2024-03-01").events
    assert [({a.country for a in e.actor}, {r.country for r in e.recipient}) for e in events] == [({"USA"}, {"JOR"})]


def test_a_governments_own_delegation_meets_its_counterparts(pipeline):
    """In a White House readout the delegation that acts is the US's; its counterparts in a
    named ministry are that ministry's country."""
    events = pipeline.process("On Tuesday the delegation also held talks with counterparts in the Kenyan Interior Ministry.",
                              published="2024-03-01", url="https://www.whitehouse.gov/briefing-room/x/").events
    found = [({a.country for a in e.actor}, {r.country for r in e.recipient}) for e in events if e.event_type == "CONSULT"]
    assert found == [({"USA"}, {"KEN"})], found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The envoy reaffirmed U.S. support for Moldova's sovereignty.", [("SUPPORT", "asserted", ["USA"], ["MDA"])]),
        ("The minister reiterated Canada's support for the people of Haiti.", [("SUPPORT", "asserted", ["CAN"], ["HTI"])]),
        # whose act is welcomed is the recipient: the welcome voices no support of one's own
        ("Ms. Lind welcomed Norway's support for the Colombian peace talks.", [("SUPPORT", "asserted", ["-"], ["NOR"])]),
    ],
)
def test_a_speaker_not_placed_voices_the_support_of_the_state_that_owns_it(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Secretary Blinken raised concerns about China's treatment of Uyghur workers.",
         [("ACCUSE", "asserted", ["USA"], ["CHN"])]),
        ("Chancellor Scholz voiced concern over Iran's enrichment of uranium.", [("ACCUSE", "asserted", ["DEU"], ["IRN"])]),
        ("President Macron reiterated his concerns with steps by Serbia that could raise tensions.",
         [("ACCUSE", "asserted", ["FRA"], ["SRB"])]),
    ],
)
def test_concern_raised_about_what_a_party_does_criticises_it(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_a_hyphenated_surname_after_the_full_name_is_the_same_official(pipeline):
    """The short form "Dr. Hart-Okafor" (which the NER may read as a body) is the adviser
    named in full before, an official of the publishing government, not of the host."""
    text = ("On May 2-3, Homeland Security Advisor Dr. Nell Hart-Okafor led an interagency delegation to Colombia "
            "to deepen cooperation on migration.\n\nDr. Hart-Okafor expressed appreciation to President Petro for "
            "the close cooperation between our two countries.")
    events = pipeline.process(text, published="2023-05-10", title="Readout of Dr. Nell Hart-Okafor's Trip to Colombia",
                              url="https://www.whitehouse.gov/briefing-room/x/").events
    found = {(e.event_type, tuple(a.country for a in e.actor), tuple(r.country for r in e.recipient)) for e in events}
    assert ("CONSULT", ("USA",), ("COL",)) in found, found
    assert ("SUPPORT", ("USA",), ("COL",)) in found, found


@pytest.mark.parametrize(
    "text, actors",
    [
        ("On May 4, Canada, Mexico, and the United States held their first trilateral meeting on fentanyl.",
         ["CAN", "MEX", "USA"]),
        ("On Friday, the United States, Kenya, and Ghana held a joint meeting on vaccine supply.", ["GHA", "KEN", "USA"]),
        ("Last week, Australia, South Korea, and Japan held their first trilateral meeting of coast guard chiefs.",
         ["AUS", "JPN", "KOR"]),
    ],
)
def test_every_country_of_a_listed_subject_is_an_actor(pipeline, text, actors):
    assert summary(coded(pipeline, text)) == [("CONSULT", "asserted", actors, [])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("President Ruto convened President Museveni of Uganda and President Samia of Tanzania in Nairobi.",
         [("CONSULT", "asserted", ["KEN"], ["TZA", "UGA"])]),
        ("The parliament convened on Monday.", []),
        ("Japan continues to engage with Fiji on fisheries.", [("CONSULT", "asserted", ["JPN"], ["FJI"])]),
    ],
)
def test_convening_leaders_or_engaging_with_a_party_is_consulting_it(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_engaging_in_fighting_is_no_dialogue(pipeline):
    events = coded(pipeline, "Chinese troops engaged in fighting with Indian soldiers in the Galwan valley.")
    assert "CONSULT" not in [e.event_type for e in events]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Canada will work with Mexico to curb the smuggling of firearms.", ("AGREE", "future", ["CAN"], ["MEX"])),
        ("Kenya works closely with Somalia on border security.", ("COOPERATE", "asserted", ["KEN"], ["SOM"])),
    ],
)
def test_working_with_a_party_is_cooperating_with_it(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


@pytest.mark.parametrize("text", ["The minister worked as a teacher before entering politics.", "The plan will not work."])
def test_work_with_no_partner_is_no_event(pipeline, text):
    assert coded(pipeline, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("President Macron and Chancellor Scholz reaffirmed their commitment to working together on energy.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        ("Chancellor Scholz reaffirmed Germany's commitment to providing humanitarian aid to Sudan.",
         [("SUPPORT", "asserted", ["DEU"], ["SDN"])]),
    ],
)
def test_the_act_a_restated_commitment_promises_is_no_second_event(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


MEETING = "President Ruto met Chancellor Scholz in Berlin. "


@pytest.mark.parametrize(
    "text",
    [
        # restating cooperation promises more of it to each other
        "The two leaders reiterated their close cooperation on maritime security.",
        # "our" in a joint subject's mouth is both of theirs
        "The two leaders discussed regional trade and affirmed our cooperation to fight piracy.",
        # an act hoped for in a that-clause is a promise, not a description
        "The Chancellor voiced his hope that the two governments will work closely together this year.",
        # an act whose importance is stressed is still to come
        "The leaders stressed the importance of working together on emissions.",
    ],
)
def test_restated_or_hoped_for_cooperation_is_a_joint_promise(pipeline, text):
    kind, modality, actors, recipient = summary(coded(pipeline, MEETING + text))[-1]
    assert (kind, actors, recipient) == ("AGREE", ["DEU", "KEN"], [])
    assert modality in ("future", "reported-intent")


def test_a_capitalised_plural_title_is_the_meetings_parties(pipeline):
    text = ("Vice President Harris met Vice President Shettima of Nigeria in Abuja. "
            "The Vice Presidents pledged to work together across the whole of their relationship.")
    kind, _, actors, recipient = summary(coded(pipeline, text))[-1]
    assert (kind, actors, recipient) == ("AGREE", ["NGA", "USA"], [])


def test_cooperation_restated_with_a_named_partner_is_promised_to_it(pipeline):
    assert summary(coded(pipeline, "Chancellor Scholz reiterated German cooperation with Kenya on energy."))[-1] == (
        "AGREE", "future", ["DEU"], ["KEN"])


def test_a_meeting_looked_forward_to_after_another_act_is_still_to_come(pipeline):
    text = MEETING + "They look forward to drafting a plan for their partnership and to meeting again next spring."
    assert summary(coded(pipeline, text))[-1] == ("AGREE", "future", ["DEU", "KEN"], [])


def test_a_second_to_clause_the_parser_hangs_on_look_is_still_looked_forward_to(pipeline):
    """"looked forward to drafting a plan and to meeting again": the parser may hang the
    second "to" clause on "look" as an adverbial clause; the meeting is still to come."""
    text = "The two ministers looked forward to drafting a joint work plan and to meeting again in the autumn in Nairobi."
    assert [(e.event_type, e.modality) for e in coded(pipeline, text)] == [("AGREE", "future")]


@pytest.mark.parametrize("text", [
    "Chancellor Scholz and President Ruto agreed to meet again in Nairobi.",
    "Chancellor Scholz and President Ruto look forward to meeting again in Nairobi.",
])
def test_both_titled_names_of_a_pair_are_parties(pipeline, text):
    """"Chancellor Scholz and President Ruto": however the parser joins the first title,
    its name and the second name, both named people are parties."""
    [event] = coded(pipeline, text)
    assert sorted({a.country for a in event.actor}) == ["DEU", "KEN"]


@pytest.mark.parametrize("text", [
    "Chancellor Scholz met President Ruto in Berlin. He reaffirmed Germany's steadfast defence commitments.",
    "Chancellor Scholz met President Ruto in Berlin, where he discussed grain prices and reaffirmed the German alliance commitments.",
])
def test_an_alliance_commitment_restated_to_no_one_backs_the_side_met(pipeline, text):
    """A commitment owed to an ally, restated in a meeting with no one named, backs the
    side met, also when the meeting is told earlier in the same sentence."""
    assert summary(coded(pipeline, text))[-1] == ("SUPPORT", "asserted", ["DEU"], ["KEN"])


def test_a_commitment_of_no_kind_owed_to_anyone_is_still_no_event(pipeline):
    text = "Chancellor Scholz met President Ruto in Berlin. He noted Germany's commitment to digital skills."
    assert [e.event_type for e in coded(pipeline, text)] == ["CONSULT"]


def test_the_importance_pressed_in_a_meeting_clause_is_pressed_on_the_side_met(pipeline):
    text = "Chancellor Scholz met President Ruto in Berlin, where he emphasized the importance of open grain corridors."
    assert summary(coded(pipeline, text))[-1] == ("REQUEST", "asserted", ["DEU"], ["KEN"])


def test_a_need_expressed_in_a_meeting_is_pressed_on_the_side_met(pipeline):
    text = ("Chancellor Scholz met President Ruto in Berlin on Monday. The Chancellor expressed the need to reopen "
            "the grain corridors and to protect aid workers.")
    assert summary(coded(pipeline, text))[-1] == ("REQUEST", "asserted", ["DEU"], ["KEN"])


def test_a_finite_clause_conjoined_to_a_forecast_is_no_forecast(pipeline):
    text = "Chancellor Scholz said the deal would be a relief for farmers and thanked Kenya for its patience."
    kind, modality, _, recipient = summary(coded(pipeline, text))[-1]
    assert (kind, modality, recipient) == ("SUPPORT", "asserted", ["KEN"])


@pytest.mark.parametrize(
    "text, modality",
    [
        # a promise announces the act (CODING.md: "committed to", "pledged to" are future)
        ("Chancellor Scholz committed to expand trade with Kenya.", "future"),
        ("Chancellor Scholz pledged to expand trade with Kenya.", "future"),
        # an intent or a hope reports what a party wants, even of an act it says will happen
        ("Chancellor Scholz said Germany intends to commit $40 million to Kenya for water projects.", "reported-intent"),
        ("Chancellor Scholz voiced his hope that Germany will work with Kenya on water projects.", "reported-intent"),
    ],
)
def test_a_promise_is_a_future_act_and_a_hope_an_intent(pipeline, text, modality):
    kind, found, _, _ = summary(coded(pipeline, text))[-1]
    assert kind == "AGREE"
    assert found == modality


@pytest.mark.parametrize(
    "text, expected",
    [
        # confirming support backs whom it names, as reaffirming does
        ("Chancellor Scholz confirmed his support for the defense of Lithuania.", ("SUPPORT", "asserted", ["DEU"], ["LTU"])),
        # support that "will continue" is under way, not a promise of support to come
        ("Chancellor Scholz said that Germany will continue to support Lithuania's defense.",
         ("SUPPORT", "asserted", ["DEU"], ["LTU"])),
    ],
)
def test_confirmed_or_continuing_support_is_support(pipeline, text, expected):
    assert summary(coded(pipeline, text))[-1] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # praise and a reaffirmed support voiced by one side to one party: one stance
        ("President Biden praised President Ruto for his leadership on climate finance and reaffirmed "
         "strong U.S. support for Kenya as a security partner.", [("SUPPORT", "asserted", ["USA"], ["KEN"])]),
        ("Chancellor Scholz condemned Russia's strikes on power plants and denounced Moscow for its "
         "threats against Moldova.", [("ACCUSE", "asserted", ["DEU"], ["RUS"])]),
        # two parties praised are two records
        ("President Biden praised Kenya for its leadership on climate finance and thanked Ghana for "
         "its peacekeepers in Lebanon.", [("SUPPORT", "asserted", ["USA"], ["KEN"]), ("SUPPORT", "asserted", ["USA"], ["GHA"])]),
    ],
)
def test_one_stance_voiced_twice_to_one_party_in_a_sentence_is_one_record(pipeline, text, expected):
    events = pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
    assert summary(events) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # forces exercising together cooperate, every party an actor; one state's drills are a show of force
        ("China held joint naval drills with Russia in the Sea of Japan.", [("COOPERATE", "asserted", ["CHN", "RUS"], [])]),
        ("The United States and South Korea began joint military exercises on Monday.",
         [("COOPERATE", "asserted", ["KOR", "USA"], [])]),
        ("Russia staged military exercises near the Ukrainian border.", [("MOBILIZE", "asserted", ["RUS"], ["UKR"])]),
        # taking part in exercises with another side's forces is exercising together
        ("In January, Armenian troops took part in joint exercises with US forces.",
         [("COOPERATE", "asserted", ["ARM", "USA"], [])]),
        ("Indian sailors participated in naval drills with the French navy off Goa.",
         [("COOPERATE", "asserted", ["FRA", "IND"], [])]),
        # cooperation a meeting aims at or talks about is its purpose, not an act; promised, it is a promise
        ("Prime Minister Albanese met President Widodo in Jakarta on Monday to deepen security cooperation.",
         [("CONSULT", "asserted", ["AUS"], ["IDN"])]),
        ("Australia and Indonesia will deepen security cooperation, the two leaders said.",
         [("AGREE", "future", ["AUS", "IDN"], [])]),
    ],
)
def test_joint_exercises_are_cooperation_and_cooperation_aimed_at_is_no_act(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_a_promise_one_side_makes_to_no_named_party_is_made_to_the_side_it_met(pipeline):
    """In a readout, "the Administration is committed to deepening these ties" after a call
    with Kenya's president is a promise to Kenya (an implied party, no text)."""
    text = ("Vice President Harris spoke today with President Ruto of Kenya. "
            "The Vice President emphasized that the Administration is committed to deepening these ties.")
    events = pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
    promise = next(e for e in events if e.event_type == "AGREE")
    assert ([a.country for a in promise.actor], [r.country for r in promise.recipient]) == (["USA"], ["KEN"])
    assert promise.recipient[0].text == ""


def aid(events):
    return [(a, r) for t, _, a, r in summary(events) if t == "AID"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the noun that carries the aid, through quantity words, has its parties
        ("Qatar is the biggest single donor of relief aid to the Palestinian people.", [(["QAT"], ["PSE"])]),
        ("Egypt completed the delivery of 40 tons of food aid to Sudan on Monday.", [(["EGY"], ["SDN"])]),
        ("The ministers applauded the delivery of emergency assistance from Jordan into Gaza.", [(["JOR"], ["PSE"])]),
        # money contributed or disbursed is aid; a contribution to an alliance is not
        ("Japan made a contribution of $200 million to the World Food Programme.", [(["JPN"], ["UNO"])]),
        ("Germany announced the disbursement of 300 million euros to Moldova.", [(["DEU"], ["MDA"])]),
        ("The Secretary praised Norway's contribution to NATO.", []),
    ],
)
def test_aid_takes_its_parties_from_the_noun_that_carries_it(pipeline, text, expected):
    assert aid(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # aid its giver's name owns, told as what is thanked, praised or noted, is reported as given
        ("The Prime Minister highlighted Japan's contribution of $200 million to the World Food Programme.",
         [(["JPN"], ["UNO"])]),
        ("The Secretary commended Norway for its generous humanitarian assistance to Sudan.", [(["NOR"], ["SDN"])]),
        # ... but an act only talked about stays a topic
        ("The leaders discussed Japan's assistance to the Philippines.", []),
        ("The leaders discussed the June 4 announcement of $40 million in aid to the Philippines.", []),
        # ... and a gift neither owned nor dated is one the reader already knows
        ("The Prime Minister highlighted the announcement of $40 million in medical supplies for Sudan.", []),
        # the one thanked for a gift is its giver, also when the thanks are a noun
        ("She expressed appreciation for Chad's generosity in hosting Sudanese refugees.", [(["TCD"], ["SDN"])]),
        # ... the people or country a praised quality is "of", not the quality
        ("The Minister praised the generosity of the Chadian people in hosting Sudanese refugees.", [(["TCD"], ["SDN"])]),
        ("The Minister praised the role of Kenya in delivering food aid to Somalia.", [(["KEN"], ["SOM"])]),
        # ... and a second reason joined by "and for" is the same party's
        ("She expressed gratitude for Chad's contributions to the mission and for providing shelter to 5,000 Sudanese.",
         [(["TCD"], ["SDN"])]),
    ],
)
def test_aid_thanked_or_noted_is_reported_as_given_by_whom_it_is_thanked(pipeline, text, expected):
    assert aid(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a giver a copula describes gives to whom its to-phrase names
        ("The President noted that Japan is the largest contributor to the UN relief mission in Sudan.",
         [(["JPN"], ["UNO"])]),
        ("She added that Canada remains the leading donor to the World Food Programme.", [(["CAN"], ["UNO"])]),
        # ... and a giver named to no one, or in apposition, is only described
        ("She added that Canada remains a leading donor.", []),
        ("Canada, a leading donor to the World Food Programme, hosted the meeting.", []),
    ],
)
def test_a_giver_the_subject_is_said_to_be_gives_to_whom_it_names(pipeline, text, expected):
    assert aid(coded(pipeline, text)) == expected


def test_an_act_someone_welcomes_is_not_the_welcomers_own(pipeline):
    text = "The President welcomed the prompt delivery of medical assistance from Turkey to Syria."
    assert aid(coded(pipeline, text)) == [(["TUR"], ["SYR"])]


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Albanese announced $40 million in new humanitarian assistance for the people of Sudan.",
        # a sum announced to support someone is aid to them, however the announcement is told
        "Prime Minister Albanese announced $40 million to support Sudan's health workers.",
        "Prime Minister Albanese highlighted the announcement of $40 million to support Sudan's health workers.",
        # ... and the party is the one its further purpose names
        "Prime Minister Albanese highlighted the announcement of $40 million to support energy projects to "
        "strengthen the resilience of Sudan's power grid.",
        # an announced sum or package is the gift, and its own day (or "recent") makes it news
        "Prime Minister Albanese highlighted the June 4 announcement of $40 million in medical supplies for Sudan.",
        "Prime Minister Albanese noted the recent announcement of a $40 million package of field hospitals for Sudan.",
        "The two ministers welcomed Australia's announcement of $40 million in food and shelter for Sudan.",
    ],
)
def test_a_sum_in_aid_is_given_by_whoever_announces_it(pipeline, text):
    assert aid(coded(pipeline, text)) == [(["AUS"], ["SDN"])]


def test_condolences_offered_are_no_promise(pipeline):
    text = "Chancellor Scholz offered condolences to the families of the victims of the flood in Libya."
    assert [e.event_type for e in coded(pipeline, text)] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # whom and where a condemned attack hit is not whom the condemnation is aimed at ...
        ("Chancellor Scholz condemned the attack on a girls' school in Kabul.", [("ACCUSE", "asserted", ["DEU"], [])]),
        # (an attack's of-phrase names what it hit too)
        ("MANILA (Wire) - The bishops condemned the bombing of a chapel in Marawi.", [("ACCUSE", "asserted", ["PHL"], [])]),
        ("KYIV (Wire) - The mayor condemned the shelling of a hospital in Kherson.", [("ACCUSE", "asserted", ["UKR"], [])]),
        # ... its doer is
        ("Chancellor Scholz condemned Russia's missile strike on a hospital in Kyiv.",
         [("ACCUSE", "asserted", ["DEU"], ["RUS"])]),
    ],
)
def test_a_condemned_attack_is_aimed_at_its_doer_not_its_target_or_place(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an act the subject goes ahead with is its own
        ("The United States will go ahead with a new $3 billion loan to Poland.", [("AGREE", "future", ["USA"], ["POL"])]),
        ("Germany pressed ahead with sanctions on Iran.", [("SANCTION", "asserted", ["DEU"], ["IRN"])]),
        # ... while pressing a party is still a request
        ("Chancellor Scholz pressed President Xi on human rights.", [("REQUEST", "asserted", ["DEU"], ["CHN"])]),
    ],
)
def test_an_act_gone_ahead_with_is_the_subjects_own(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_an_upcoming_visit_noted_in_a_readout_is_a_promise_not_the_meeting_again(pipeline):
    text = ("President Biden spoke with President Duda of Poland. President Biden noted the upcoming visit by "
            "Secretary Blinken to Warsaw as an opportunity to deepen cooperation.")
    events = pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
    assert summary(events) == [("CONSULT", "asserted", ["USA"], ["POL"]), ("AGREE", "future", ["USA"], ["POL"])]
    # what the leaders discussed is the meeting's content
    assert summary(coded(pipeline, "The leaders discussed the upcoming visit by Secretary Blinken to Warsaw.")) == []


def test_a_secretary_in_a_readout_is_the_publishers_and_another_sector_met_is_another_meeting(pipeline):
    """"Deputy Secretary X" with no dictionary entry is a US official in a White House
    readout (roles.tsv: secretary); meeting a country's civil society or religious leaders
    after its president is another meeting, not the same one told again."""
    text = ("Deputy Secretary Campbell traveled to Tunis on Monday, where he met with President Saied of Tunisia. "
            "He also met with civil society leaders to discuss press freedom.")
    events = pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
    assert [(e.event_type, e.evidence.trigger) for e in events] == [("CONSULT", "traveled"), ("CONSULT", "met")]
    assert all(summary([e])[0][2:] == (["USA"], ["TUN"]) for e in events)


def test_an_assistant_to_the_president_leading_a_delegation_abroad_visits_for_the_publisher(pipeline):
    """"Assistant to the President for X Dr. Y led a delegation to Hanoi": the parser makes
    "Assistant" a subject of its own; it is a government title (roles.tsv), the publisher's."""
    text = "During the week of May 6, Assistant to the President for Science Dr. Ana Ruiz led an interagency delegation to Hanoi, Vietnam."
    events = pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
    assert summary(events) == [("CONSULT", "asserted", ["USA"], ["VNM"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # arriving is a visit only where the arriving side is abroad
        ("Prime Minister Modi arrived in Washington on Tuesday.", [("CONSULT", "asserted", ["IND"], ["USA"])]),
        ("The gunmen arrived on motorbikes in the Malian town of Djenne.", []),
    ],
)
def test_arriving_is_a_visit_only_abroad(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The President assured Prime Minister Albanese that the United States will provide $40 million in assistance.",
         [("AGREE", "future", ["USA"], ["AUS"])]),
        ("Chancellor Scholz informed President Ruto that Germany will provide 10 million euros in aid.",
         [("AGREE", "future", ["DEU"], ["KEN"])]),
    ],
)
def test_a_promise_told_to_someone_is_made_to_them(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "third, giver",
    [
        ("the Arab League's contribution of $60 million to support these relief efforts", "IGO"),
        ("Norway's delivery of emergency food aid", "NOR"),
    ],
)
def test_a_third_sides_gift_is_not_for_the_side_met(pipeline, third, giver):
    """A gift the readout tells by a side that is no party of the meeting is not for the
    side met (the President's own side was taken for its recipient)."""
    text = f"President Biden spoke today with Crown Prince Mohammed bin Salman of Saudi Arabia. The President welcomed {third}."
    gifts = [e for e in pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
             if e.event_type == "AID"]
    assert [[a.country for a in e.actor] for e in gifts] == [[giver]]
    assert all(r.country not in ("USA", "SAU") for e in gifts for r in e.recipient)


def test_another_sides_act_told_to_someone_is_not_made_to_them(pipeline):
    events = summary(coded(pipeline, "Chancellor Scholz told President Ruto that France will provide 10 million euros in aid."))
    assert all(r != ["KEN"] for _, _, _, r in events)


def test_a_name_the_ner_runs_into_of_a_country_ends_before_it(pipeline):
    events = coded(pipeline, "Chancellor Scholz spoke with Vice President Osinbajo of Nigeria.")
    assert [(r.name, r.country) for e in events for r in e.recipient] == [("Osinbajo", "NGA")]


def test_a_commitment_owned_by_our_two_nations_is_both_parties_of_the_meeting(pipeline):
    text = ("President Biden met with President Duda of Poland at the White House. "
            "The visit underscores our two nations' steadfast commitment to the NATO Alliance.")
    events = pipeline.process(text, published=PUBLISHED, url="https://www.whitehouse.gov/briefing-room/r").events
    support = [e for e in events if e.event_type == "SUPPORT"]
    assert [(sorted(a.country for a in e.actor), [r.country for r in e.recipient]) for e in support] == [(["POL", "USA"], ["IGO"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an answer to a demand or offer is to whom it came from
        # (unnamed senders are of the answering side's country, as other unnamed parties)
        ("The Malian government accepted demands from Tuareg fighters for a ceasefire.",
         [("CONCEDE", "asserted", ["MLI"], ["MLI"])]),
        ("The Chadian army rejected an offer from rebel commanders to hold talks.",
         [("REJECT", "asserted", ["TCD"], ["TCD"])]),
    ],
)
def test_an_answer_to_a_demand_or_offer_is_to_whom_it_came_from(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an accusation rejected by a definite noun answers whoever made it
        ("Congo's foreign minister accused Rwanda of backing the M23 rebels. Rwanda's government spokeswoman "
         "rejected the accusation on Tuesday.", ("REJECT", "asserted", ["RWA"], ["COD"])),
        ("Canada's prime minister accused Indian agents of killing a Sikh activist. India's foreign ministry "
         "rejected the allegations as absurd.", ("REJECT", "asserted", ["IND"], ["CAN"])),
        # ... and so does criticism or condemnation rejected
        ("Norway condemned the jailing of the poet by Iranian judges. Iran's foreign ministry rejected the "
         "criticism as meddling on Sunday.", ("REJECT", "asserted", ["IRN"], ["NOR"])),
    ],
)
def test_a_rejected_accusation_answers_its_accuser(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


def test_a_call_for_restraint_in_a_partys_act_is_addressed_to_that_party(pipeline):
    events = summary(coded(pipeline, "The Japanese prime minister called for restraint in Russia's use of force near the Kuril Islands."))
    assert events == [("REQUEST", "asserted", ["JPN"], ["RUS"])]


@pytest.mark.parametrize(
    "text",
    [
        # a hostile act announced on a condition the other side defaults on is a threat
        "The European Union may halt its mediation between the Libyan factions if the talks founder.",
        "Canada could suspend trade talks with Peru if the government continues its crackdown.",
    ],
)
def test_a_hostile_act_on_condition_of_a_default_is_a_threat(pipeline, text):
    assert [kind for kind, _, _, _ in summary(coded(pipeline, text))][:1] == ["THREATEN"]


def test_agreeing_on_how_urgent_something_is_is_no_agreement(pipeline):
    assert summary(coded(pipeline, "Chile and Peru agreed on the urgency of ending the dispute over fishing rights.")) == []
    assert [kind for kind, _, _, _ in summary(coded(pipeline, "Chile and Peru agreed on a plan to share fishing rights."))] == ["AGREE"]


def test_accepting_a_formula_or_roadmap_is_an_agreement(pipeline):
    assert [kind for kind, _, _, _ in summary(coded(pipeline, "Norway accepted a Russian formula for settling the fishing dispute."))] == ["AGREE"]


def test_dropping_tariffs_is_a_concession(pipeline):
    assert summary(coded(pipeline, "Beijing dropped its tariffs on Australian wine in March.")) == [
        ("CONCEDE", "asserted", ["CHN"], ["AUS"])
    ]


def test_a_meeting_marked_as_one_more_is_another_meeting(pipeline):
    """After meeting Kenya's president, "also met with" Kenyan ministers is another meeting;
    "the two sides also discussed" is still the first one."""
    text = ("Secretary Blinken met with President Ruto of Kenya in Nairobi on Monday. "
            "The two sides also discussed trade. "
            "Secretary Blinken also met with Kenyan Foreign Minister Musalia Mudavadi.")
    events = pipeline.process(text, published=PUBLISHED, url="https://www.state.gov/r").events
    assert [(e.event_type, [r.country for r in e.recipient]) for e in events if e.event_type == "CONSULT"] == [
        ("CONSULT", ["KEN"]), ("CONSULT", ["KEN"])]


def test_aid_carried_by_a_predicate_noun_takes_the_phrase_hung_on_its_verb(pipeline):
    """"is the biggest contributor of aid to the Sudanese people": the parser hangs "to ..."
    on "is"; it is still whom the aid goes to."""
    assert aid(coded(pipeline, "Norway remains the biggest contributor of relief aid to the Sudanese people.")) == [
        (["NOR"], ["SDN"])]



def test_a_guest_whose_name_the_ner_cuts_short_is_still_a_person(pipeline):
    """"welcomed ... President Yoon Suk Yeol to ...": the NER may tag only "Yoon Suk", leaving
    the head "Yeol" untagged, so the object was no person and a visit read as praise of the
    place it went to; a proper noun whose compound words are tagged a person names one."""
    from spacy.tokens import Doc

    from newsledger.nlp.triggers import names_a_person

    words = ["Ministers", "welcomed", "President", "Yoon", "Suk", "Yeol", "to", "Paris"]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=[1, 1, 5, 5, 5, 1, 1, 6],
              deps=["nsubj", "ROOT", "compound", "compound", "compound", "dobj", "prep", "pobj"],
              pos=["NOUN", "VERB", "PROPN", "PROPN", "PROPN", "PROPN", "ADP", "PROPN"], ents=["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-GPE"])
    assert names_a_person(doc[5]) and not names_a_person(doc[7])


def test_a_joint_promise_takes_no_third_party_from_what_it_governs(pipeline):
    """"Armenia and Azerbaijan agreed to a ceasefire ..., after talks hosted by Russia": the
    parties of a joint promise are its actors; the host of the talks it follows is no party."""
    text = ("Armenia and Azerbaijan agreed on Monday to an immediate ceasefire, ending three days of clashes on "
            "the border, after talks hosted by Russian President Vladimir Putin.")
    promise = next(e for e in pipeline.process(text, published="2023-05-10").events if e.event_type == "AGREE")
    assert {a.country for a in promise.actor} == {"ARM", "AZE"} and not promise.recipient


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Washington banned arms sales to Khartoum on Friday.", "SDN"),
        ("Canada barred imports from Belarus after the vote.", "BLR"),
        ("The European Union prohibited all exports of aircraft parts to Iran.", "IRN"),
    ],
)
def test_a_ban_on_a_flow_to_or_from_a_party_is_a_sanction_on_it(pipeline, text, recipient):
    """An embargo told as a ban on trade, sales, aid or flights with a party is SANCTION on
    that party, not a restriction at home."""
    assert any(kind == "SANCTION" and recipient in recipients for kind, _, _, recipients in summary(coded(pipeline, text)))


@pytest.mark.parametrize(
    "text, expected",
    [
        # an act ruled out as "out of the question" / "off the table" is refused, by who said so
        ("Officials in Washington said lifting the sanctions on Myanmar is out of the question for now.",
         [("REJECT", "asserted", ["USA"], ["MMR"])]),
        # the same act said to be under way is the act
        ("Lifting the sanctions on Myanmar is under discussion, officials said.",
         [("CONCEDE", "asserted", [], ["MMR"])]),
    ],
)
def test_an_act_ruled_out_is_refused_by_its_speaker(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a concession refused in the passive, with no doer: who refuses is who says so, at home
    ("The Serbian government said the education law would not be withdrawn.", [("REJECT", "asserted", ["SRB"], ["SRB"])]),
    ("Kenya's interior minister replied that the curfew would not be lifted.", [("REJECT", "asserted", ["KEN"], ["KEN"])]),
])
def test_a_concession_refused_in_the_passive_is_refused_by_its_speaker(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The bishops' conference repeated its demand that Managua free the detained priests.",
        "The bishops' conference reiterated its call for Managua to free the detained priests.",
    ],
)
def test_a_demand_made_again_is_a_request_and_not_the_act_demanded(pipeline, text):
    """A repeated or reiterated demand, call or appeal is a demand now, aimed at whom it
    names; the act it asks for is not told as done."""
    assert [kind for kind, *_ in summary(coded(pipeline, text))] == ["REQUEST"]
    assert summary(coded(pipeline, text))[0][3] == ["NIC"]


@pytest.mark.parametrize(
    "text, kind",
    [
        # a protest said in a clause of its own is an accusation
        ("The Chinese embassy protested that the arrests of its citizens in Manila were illegal.", "ACCUSE"),
        # a protest staged is a protest
        ("Thousands of students protested in Tbilisi against the new law.", "PROTEST"),
    ],
)
def test_a_protest_said_is_an_accusation_and_a_protest_staged_a_protest(pipeline, text, kind):
    assert [k for k, *_ in summary(coded(pipeline, text))] == [kind]


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("The government finally gave in to the strikers' demands on Friday.", ["CONCEDE"]),
        # "gave aid ... in Chad" gives something: no giving in
        ("The UN gave aid to refugees in Chad on Friday.", ["AID"]),
    ],
)
def test_giving_in_takes_no_object(pipeline, text, kinds):
    assert [k for k, *_ in summary(coded(pipeline, text))] == kinds


@pytest.mark.parametrize(
    "text, recipients",
    [
        # the delegation or envoy a visit verb is matched on is the guest; the place it comes
        # to is the host's own, no other side
        ("The German Chancellor welcomed a Kenyan delegation to Berlin on Monday.", ["KEN"]),
        ("The Egyptian president received a Qatari envoy in Cairo on Sunday.", ["QAT"]),
        # a guest named by name was already the other side
        ("The German Chancellor welcomed President Ruto to Berlin on Monday.", ["KEN"]),
    ],
)
def test_the_guest_a_visit_verb_is_matched_on_is_the_other_side(pipeline, text, recipients):
    assert [(kind, found) for kind, _, _, found in summary(coded(pipeline, text))] == [("CONSULT", recipients)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the party the pressed act names as its doer, also in "the need for X to do": one
        # request, and the act it asks for is not told as done
        ("The German Chancellor emphasized the need for Russia to withdraw its troops.",
         [("REQUEST", "asserted", ["DEU"], ["RUS"])]),
        # the release of people held by a side presses the side that holds them
        ("The German Chancellor underscored the need for the immediate release of the journalists held by the Taliban.",
         [("REQUEST", "asserted", ["DEU"], ["AFG"])]),
        # both sides saying it together press nobody: their own promise stays
        ("President Macron and Chancellor Scholz underlined the importance of cooperating on clean energy.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
    ],
)
def test_what_a_side_stresses_the_need_for_presses_its_doer_or_holder(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, holder",
    [
        # a call to free captives is aimed at whoever holds them, not at the captives' own country
        ("President Macron called for the immediate release of the two French citizens detained in Iran.", ["IRN"]),
        ("The Japanese foreign minister demanded the release of the sailors held by the Houthis.", ["YEM"]),
        ("The Dutch foreign minister demanded the release of two journalists held in custody in Iran.", ["IRN"]),
        # "their release": the captives told earlier in the sentence, held by a verb or a noun
        ("Kenya welcomed talks on the engineers held by al-Shabaab and called for their release.", ["SOM"]),
        ("Japan condemned the abduction of two engineers by the Taliban and demanded their release.", ["AFG"]),
        # ... however the parser hangs the holding participle, and whatever verb presses for it
        ("Secretary Blinken called for the release of American citizens wrongfully detained in Russia.", ["RUS"]),
        ("The foreign minister pressed for the release of two Canadians held in China.", ["CHN"]),
        # with no holder named, the captives stay what the call names
        ("President Macron called for the immediate release of two French citizens.", ["FRA"]),
    ],
)
def test_a_call_for_captives_to_be_freed_is_aimed_at_their_holder(pipeline, text, holder):
    (request,) = [e for e in coded(pipeline, text) if e.event_type == "REQUEST"]
    assert sorted({r.country for r in request.recipient if r.country}) == holder, text


@pytest.mark.parametrize(
    "text",
    [
        # a verb joined to what is asked is asked too, not told as done
        "The Nicaraguan bishops urged Managua to free the detained priests and lift the curfew.",
        "The Nicaraguan bishops asked Managua to find and release the missing priests.",
    ],
)
def test_every_act_joined_to_a_demand_is_demanded(pipeline, text):
    assert [kind for kind, *_ in summary(coded(pipeline, text))] == ["REQUEST"]


def test_an_act_joined_to_the_demand_itself_is_its_own(pipeline):
    """"had asked for access and had been refused": the refusal is joined to the asking
    verb, not to what was asked, so it is told as done."""
    kinds = [kind for kind, *_ in summary(coded(pipeline, "The Nicaraguan bishops said they had asked Managua to free "
                                                          "the priests and had been refused."))]
    assert "REQUEST" in kinds and "REJECT" in kinds


@pytest.mark.parametrize(
    "text",
    [
        "Riot police urged the crowd to leave the square and arrested twenty students.",
        "The army asked residents to stay indoors and detained dozens of young men.",
    ],
)
def test_a_past_act_the_parser_joins_to_a_demand_is_the_demanders_own(pipeline, text):
    """A past form joined to the infinitive of a demand ("urged the crowd to leave and
    arrested twenty") is no part of what was asked: told as done, by the demander."""
    events = pipeline.process(text, published="2024-05-02").events
    arrest = next(e for e in events if e.event_type == "COERCE")
    demand = next(e for e in events if e.event_type == "REQUEST")
    assert [a.text for a in arrest.actor] == [a.text for a in demand.actor]


@pytest.mark.parametrize(
    "text, expected",
    [
        # regret at one's own absence apologises to no one
        ("The Irish prime minister expressed his regret that he will be unable to attend the summit in Washington.", []),
        # regret at another party's act disapproves of that party
        ("The Irish prime minister expressed regret that Britain had left the talks.", [("ACCUSE", "asserted", ["IRL"], ["GBR"])]),
        # regret for an act that harmed someone, or for one's own act, is an apology
        ("The Japanese prime minister expressed regret over the deaths of two Chinese fishermen.",
         [("CONCEDE", "asserted", ["JPN"], ["CHN"])]),
        ("The Japanese prime minister expressed regret that he had offended China.", [("CONCEDE", "asserted", ["JPN"], ["CHN"])]),
    ],
)
def test_regret_is_an_apology_only_for_an_act_done(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize("text, recipient", [
    # freezing one's participation in a body or one's ties with a state reduces relations with it
    ("Armenia froze its participation in the Collective Security Treaty Organization.", ["IGO"]),
    ("Kenya froze ties with Rwanda over the killings.", ["RWA"]),
])
def test_freezing_participation_or_ties_is_a_sanction_on_the_other_side(pipeline, text, recipient):
    [(kind, _, _, found)] = summary(coded(pipeline, text))
    assert (kind, found) == ("SANCTION", recipient)


@pytest.mark.parametrize(
    "text, expected",
    [
        # what a side lets in, read by the parser as the subject of the to-clause ("allow trucks to
        # enter"), or with its into-phrase, is access allowed to the place it goes to; promised, a promise
        ("Israel will allow aid trucks to enter Gaza through the Kerem Shalom crossing.",
         [("AGREE", "future", ["ISR"], ["PSE"])]),
        ("Israel allowed 40 trucks of fuel into Gaza on Sunday.", [("RETREAT", "asserted", ["ISR"], ["PSE"])]),
        # a law that allows the police to act lets nothing in
        ("The new law allows police to detain suspects for 30 days.", []),
    ],
)
def test_access_a_side_allows_is_a_retreat_towards_where_it_goes(pipeline, text, expected):
    found = [s for s in summary(coded(pipeline, text)) if s[0] in ("AGREE", "RETREAT")]
    assert found == expected, found


@pytest.mark.parametrize(
    "text, expected",
    [
        # defences built up for another country are military aid to it; one's own are a show of force
        ("WASHINGTON - The President said the United States is strengthening Poland's air defenses.",
         ("AID", ["USA"], ["POL"])),
        ("TOKYO (Wire) - Japan is strengthening its defenses on the southern islands.", ("MOBILIZE", ["JPN"], ["-"])),
        # a humanitarian response is a relief operation
        ("WASHINGTON - The President praised Egypt's humanitarian response in Sudan.", ("AID", ["EGY"], ["SDN"])),
    ],
)
def test_defences_built_for_another_and_a_humanitarian_response_are_aid(pipeline, text, expected):
    sides = [(kind, actor, recipient or ["-"]) for kind, _, actor, recipient in summary(coded(pipeline, text))]
    assert expected in sides


def test_reinforcing_another_countrys_ties_is_no_aid_and_no_show_of_force(pipeline):
    """Only defences, forces or a presence built up are a show of force, or aid to another country."""
    text = "WASHINGTON - The United States reinforced Poland's trade ties with Europe."
    assert all(kind not in ("AID", "MOBILIZE") for kind, _, _, _ in summary(coded(pipeline, text)))
    text = "KYIV (Wire) - The army reinforced its positions near the river."
    assert [kind for kind, _, _, _ in summary(coded(pipeline, text))] == ["MOBILIZE"]


@pytest.mark.parametrize(
    "text, requests",
    [
        # a head of government tasking its own officials is no request between parties
        ("WASHINGTON - President Biden asked Defense Secretary Lloyd Austin to fly to Cairo on Monday.", 0),
        ("OTTAWA - The Prime Minister directed his national security adviser to prepare options.", 0),
        # asking one of them to resign, or a legislature asking the government, is a demand
        ("OTTAWA - The Prime Minister asked the defence minister to resign.", 1),
        ("LONDON - The Speaker asked the Prime Minister to withdraw the remark.", 1),
    ],
)
def test_a_government_tasking_its_own_officials_is_no_request(pipeline, text, requests):
    assert sum(kind == "REQUEST" for kind, _, _, _ in summary(coded(pipeline, text))) == requests


@pytest.mark.parametrize("text, expected", [
    # one cut in relations told twice by the same side to the same target is one record
    ("Ecuador cut diplomatic ties with Mexico on Friday and recalled its ambassador from Mexico City.",
     [("SANCTION", "asserted", ["ECU"], ["MEX"])]),
    # a sanction and a suspension are two
    ("The European Union imposed sanctions on Belarus and suspended its trade agreement with Minsk.",
     [("SANCTION", "asserted", ["EUR"], ["BLR"]), ("SANCTION", "asserted", ["EUR"], ["BLR"])]),
])
def test_a_cut_in_relations_told_twice_is_one_record(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected



@pytest.mark.parametrize(
    "text, expected",
    [
        # thanks a government gives its own officials is no event, also when a list of names
        # shares one title and the later names get no sector of their own
        ("Jake Sullivan thanked Secretaries Raimondo and Buttigieg for their work on the supply chain reviews.", []),
        ("National Security Advisor Jake Sullivan thanked Secretaries Raimondo, Haaland, and Vilsack for their work.", []),
        # thanking the legislature or another country's minister is an event
        ("President Biden thanked Congress for its support.", [("SUPPORT", "asserted", ["USA"], ["USA"])]),
        ("President Biden thanked Foreign Minister Wang Yi for the talks.", [("SUPPORT", "asserted", ["USA"], ["CHN"])]),
    ],
)
def test_thanks_to_a_governments_own_officials_is_no_event(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


def test_aid_announced_at_a_meeting_without_a_recipient_is_for_the_side_met(pipeline):
    """"She announced $1.5 billion in new assistance", told after the meeting with
    Zelenskyy, is aid to Ukraine, as a promise told there is made to the side met."""
    text = ("Vice President Harris met today with President Zelenskyy of Ukraine in Munich. "
            "She announced $1.5 billion in new assistance.")
    aid = next(e for e in coded(pipeline, text) if e.event_type == "AID")
    assert [r.country for r in aid.recipient] == ["UKR"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chancellor Scholz reaffirmed Germany's commitment to maintain sanctions on Belarus.",
         ("THREATEN", "asserted", ["DEU"], ["BLR"])),
        ("President Macron and Chancellor Scholz restated their commitment to keep raising the costs on Iran "
         "for its drone deliveries to Russia.",
         ("THREATEN", "asserted", ["DEU", "FRA"], ["IRN"])),
    ],
)
def test_a_commitment_to_press_a_party_is_a_threat_to_it(pipeline, text, expected):
    """A restated commitment whose act presses a party (sanctions, pressure or costs "on"
    it) threatens that party; it backs no one named in the phrase."""
    events = coded(pipeline, text)
    restated = [e for e in events if e.evidence.trigger.split()[0] in ("reaffirmed", "restated")]
    assert summary(restated) == [expected]
    assert not any(e.event_type == "SUPPORT" for e in events)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("President Macron and Chancellor Scholz affirmed that they would work closely together on space launchers.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
        ("President Macron and Chancellor Scholz stressed that they would cooperate on migration.",
         [("AGREE", "future", ["DEU", "FRA"], [])]),
    ],
)
def test_would_after_an_affirming_verb_is_a_future_seen_from_then(pipeline, text, expected):
    """"affirmed that they would work together" reports a promise (a future seen from a past
    statement), as "said that they would" does, not a hypothesis."""
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("President Lula and Chancellor Scholz announced a new partnership on green hydrogen.",
         [("AGREE", "asserted", ["BRA", "DEU"], [])]),
        ("Chancellor Scholz and President Ruto launched a joint initiative on geothermal power.",
         [("AGREE", "asserted", ["DEU", "KEN"], [])]),
        ("Chancellor Scholz launched a new dialogue with Vietnam on maritime security.",
         [("AGREE", "asserted", ["DEU"], ["VNM"])]),
        # one government's own initiative is no agreement with anyone
        ("Chancellor Scholz announced a new initiative to cut red tape for small firms.", []),
        ("Chancellor Scholz launched a new programme to train apprentices in rural areas.", []),
    ],
)
def test_sides_announcing_or_launching_a_joint_undertaking_agree_on_it(pipeline, text, expected):
    """Announcing, launching or establishing a partnership, initiative, dialogue or fund is
    an agreement when two sides do it or one does it with another named (trigger `joint`)."""
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japan will send 200,000 vaccine doses to Laos.", [("AGREE", "future", ["JPN"], ["LAO"])]),
        ("Germany will deliver two more Patriot batteries to Ukraine.", [("AGREE", "future", ["DEU"], ["UKR"])]),
        # what a package or shipment holds says what is given
        ("Canada gave a package of blankets and medicine to Sudan.", [("AID", "asserted", ["CAN"], ["SDN"])]),
        # money a state puts into another country is cooperation with it; at home it is not
        ("South Korea invested $2 billion in Vietnam last year.", [("COOPERATE", "asserted", ["KOR"], ["VNM"])]),
        ("South Korea will invest $2 billion in Vietnam.", [("AGREE", "future", ["KOR"], ["VNM"])]),
        ("The Texas government will invest $2 billion in new highways.", []),
    ],
)
def test_aid_named_by_its_contents_or_amount_and_money_invested_abroad(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("President Lula and Chancellor Scholz resolved to expand their cooperation on rainforest protection.",
         [("AGREE", "future", ["BRA", "DEU"], [])]),
        # settling a dispute is another sense of the word: no promise
        ("Chile and Bolivia resolved their quarrel over the river in 2019.", []),
    ],
)
def test_sides_resolving_to_act_promise_it(pipeline, text, expected):
    """"resolved to" binds the sides as "pledged to" does (AGREE, future); "resolved the
    quarrel" has no to-clause and is no promise."""
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Canada provided Ukraine with two more air defence systems.", [("AID", "asserted", ["CAN"], ["UKR"])]),
        ("Japan has provided Sri Lanka with medicine and tents after the floods.", [("AID", "asserted", ["JPN"], ["LKA"])]),
        # a receiver given something that is no aid is no event
        ("The ministry provided reporters with a timetable.", []),
    ],
)
def test_a_receiver_supplied_with_aid_receives_it(pipeline, text, expected):
    """"provided Ukraine with air defence": the goods are the with-phrase, the object the
    receiver (triggers.supplied_with)."""
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chancellor Scholz received a call from President Ruto on Friday.", [("CONSULT", "asserted", ["DEU"], ["KEN"])]),
        ("Chancellor Scholz took a phone call from President Lula.", [("CONSULT", "asserted", ["DEU"], ["BRA"])]),
        ("President Ruto called Chancellor Scholz on Friday to discuss debt relief.", [("CONSULT", "asserted", ["KEN"], ["DEU"])]),
        # a person called something is a label, not a call
        ("President Lula called Chancellor Scholz a good friend of Brazil.", []),
        ("Critics called Chancellor Scholz's remarks divisive.", []),
    ],
)
def test_calls_received_taken_or_placed_are_talks(pipeline, text, expected):
    """A call "received from", "taken from" or placed to a named person is a phone CONSULT
    (trigger field `bare_object`: "called Scholz a good friend" is no call)."""
    assert [s for s in summary(coded(pipeline, text)) if s[0] == "CONSULT"] == expected


def test_the_officials_after_a_meeting_are_its_parties(pipeline):
    """"The two officials", "the envoys" after a meeting are both of its sides, as "the two
    leaders" are (triggers.JOINT_HEADS)."""
    text = ("Secretary of State Antony Blinken met with Foreign Minister Subrahmanyam Jaishankar of India in Delhi. "
            "The two officials signed a memorandum on cooperation in space.")
    signed = next(e for e in coded(pipeline, text) if e.evidence.trigger.startswith("signed"))
    assert sorted(a.country for a in signed.actor) == ["IND", "USA"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "its" names the party just named, not a promise between the speakers
        ("Chancellor Scholz hosted a call with the leaders of Denmark and Norway. They voiced their solidarity "
         "with Poland. They reaffirmed their commitment to its sovereignty.", ["POL"]),
        # read back to the committed side, "its" is the side met
        ("Chancellor Scholz spoke with President Lula of Brazil. He reaffirmed the commitment of Germany to its energy "
         "transition.", ["BRA"]),
        ("Chancellor Scholz spoke with President Lula of Brazil. The Chancellor reaffirmed the German commitment to its "
         "energy transition.", ["BRA"]),
    ],
)
def test_a_commitment_to_its_security_backs_whom_its_names(pipeline, text, expected):
    """"reaffirmed their commitment to its sovereignty": the party "its" refers to is backed
    (SUPPORT); a commitment to the committed side's own good says nothing, so "its" is the
    other side of the latest meeting (stances._whose_by_pronoun)."""
    restated = [e for e in coded(pipeline, text) if e.evidence.trigger.startswith("reaffirmed")]
    assert [(e.event_type, sorted(r.country for r in e.recipient)) for e in restated] == [("SUPPORT", expected)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("President Lula and Chancellor Scholz announced plans to widen their cooperation on biofuels.",
         [("AGREE", "asserted", ["BRA", "DEU"], [])]),
        # one government's own plans are no agreement with anyone
        ("Chancellor Scholz announced plans to cut taxes for small firms.", []),
    ],
)
def test_sides_announcing_plans_together_agree_on_them(pipeline, text, expected):
    assert summary(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chancellor Scholz spoke with President Lula of Brazil. The Chancellor expressed the willingness of Germany "
        "to work with the new government.",
        "Chancellor Scholz spoke with President Lula of Brazil. The Chancellor conveyed the desire of Germany "
        "to work closely with his government.",
    ],
)
def test_whose_willingness_is_voiced_holds_it_and_is_no_recipient(pipeline, text):
    """"the willingness of Germany to work with ...": Germany holds the stance (never its own
    recipient); the side met is whom it is addressed to. "conveyed" a desire says what
    "expressed" one says (recipients.HELD_STANCES)."""
    willing = [e for e in coded(pipeline, text) if e.event_type == "AGREE"]
    assert [(sorted({a.country for a in e.actor}), [r.country for r in e.recipient]) for e in willing] == [(["DEU"], ["BRA"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chancellor Scholz spoke with President Lula of Brazil. The two leaders intend to convene a meeting "
         "of their energy ministers in the autumn.", [("AGREE", "reported-intent", ["BRA", "DEU"], [])]),
        ("Chancellor Scholz spoke with President Lula of Brazil. The two leaders plan to meet in Berlin in May.",
         [("AGREE", "reported-intent", ["BRA", "DEU"], [])]),
    ],
)
def test_a_meeting_the_parties_intend_or_plan_is_not_the_one_held(pipeline, text, expected):
    """A meeting still to come by any modality cue ("intend to convene", "plan to meet") is a
    new promise, not the call just told again (meetings.STILL_TO_COME)."""
    assert [s for s in summary(coded(pipeline, text)) if s[0] != "CONSULT"] == expected


def test_an_official_sent_on_a_task_promises_the_task(pipeline):
    """"asked Secretary of State Blinken to travel to Brasilia": a government tasking its own
    official requests nothing of anyone; the task is promised (a future visit: AGREE), and
    "State" in the title is no body of its own (mentions._ends_a_title)."""
    text = ("President Biden spoke with President Lula of Brazil. He then asked Secretary of State "
            "Blinken, his top diplomat, to travel to Brasilia in June.")
    assert [s for s in summary(coded(pipeline, text)) if s[0] != "CONSULT"] == [("AGREE", "future", ["USA"], ["BRA"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chancellor Scholz met with President Lula of Brazil. The two leaders welcomed the resumption of "
         "their regular energy consultations.", [("AGREE", "asserted", ["BRA", "DEU"], [])]),
        # what they already share is praise among themselves, no event
        ("Chancellor Scholz met with President Lula of Brazil. The two leaders welcomed the close ties "
         "between their nations.", []),
    ],
)
def test_parties_welcoming_together_the_start_of_their_own_undertaking_agree_on_it(pipeline, text, expected):
    assert [s for s in summary(coded(pipeline, text)) if s[0] != "CONSULT"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chancellor Scholz spoke with President Lula of Brazil. The two leaders directed their teams to finish "
         "the text of the accord by June.", [("AGREE", "asserted", ["BRA", "DEU"], [])]),
        ("Chancellor Scholz spoke with President Lula of Brazil. The leaders tasked their negotiators with drafting "
         "a plan on rare earths.", [("AGREE", "asserted", ["BRA", "DEU"], [])]),
        # one side tasking its own staff is no event
        ("Chancellor Scholz directed his team to prepare a draft budget.", []),
    ],
)
def test_sides_setting_their_teams_a_task_together_agree_on_it(pipeline, text, expected):
    assert [s for s in summary(coded(pipeline, text)) if s[0] != "CONSULT"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # concern shared or conveyed about a party's act criticises it, as concern expressed does
        ("Chancellor Scholz met with President Lula of Brazil. The two leaders shared their concern about "
         "Venezuela's treatment of opposition candidates.", [("ACCUSE", "asserted", ["BRA", "DEU"], ["VEN"])]),
        # joint work aimed at another side's acts names no partner
        ("Chancellor Scholz met with President Lula of Brazil. They coordinated their response to Venezuela's "
         "threats against Guyana.", [("COOPERATE", "asserted", ["BRA", "DEU"], [])]),
    ],
)
def test_concern_shared_and_a_response_coordinated_between_the_sides(pipeline, text, expected):
    assert [s for s in summary(coded(pipeline, text)) if s[0] != "CONSULT"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a noun of giving, narrowed by what is given, is aid by its owner
        ("Finland's delivery of six tanks to Estonia was completed on Friday.", [(["FIN"], ["EST"])]),
        ("The Minister praised Austria's provision of medicine to Moldova.", [(["AUT"], ["MDA"])]),
        ("Oslo announced a shipment of grain to Yemen on Monday.", [(["NOR"], ["YEM"])]),
        # ... with its to-phrase where the parser hangs it, on the verb that thanks or praises
        ("The Premier thanked the Chancellor for Austria's delivery of armoured vehicles to Moldova.", [(["AUT"], ["MDA"])]),
        # ... what is given may be counted in quantities ("tons of wheat", "thousands of tons of grain")
        ("Egypt completed the delivery of 300 truckloads of food to Gaza on Sunday.", [(["EGY"], ["PSE"])]),
        ("The Minister welcomed Ukraine's shipment of thousands of tons of grain to Ethiopia.", [(["UKR"], ["ETH"])]),
        # ... and a delivery noted from a named source is the source's, not the noter's
        ("Secretary Blinken met Foreign Minister Attaf. Secretary Blinken noted the recent delivery of 50,000 tons of "
         "wheat from Algeria to Sudan.", [(["DZA"], ["SDN"])]),
        # ... and a delivery of what is no aid is nothing
        ("Oslo announced the delivery of the report to Yemen on Monday.", []),
        ("Oslo announced the delivery of hundreds of copies of the report to Yemen on Monday.", []),
    ],
)
def test_a_delivery_provision_or_shipment_of_aid_is_aid(pipeline, text, expected):
    assert aid(coded(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a call to free a captive the article told was detained presses the detainer
        ("Belarusian police detained the blogger Olga Marchenko on Monday. Lithuania demanded her immediate "
         "release.", ("REQUEST", "asserted", ["LTU"], ["BLR"])),
        ("Belarusian police detained the blogger Olga Marchenko on Monday. Lithuania called for the release "
         "of Marchenko on Tuesday.", ("REQUEST", "asserted", ["LTU"], ["BLR"])),
        # ... while a call that names whom it presses keeps that party
        ("Belarusian police detained the blogger Olga Marchenko on Monday. Lithuania urged Poland to press "
         "for her release.", ("REQUEST", "asserted", ["LTU"], ["POL"])),
    ],
)
def test_a_call_to_free_a_captive_told_before_presses_the_captor(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # a past form the parser joins to an infinitive on the object goes on with the main
        # clause ("welcomed efforts to free ... and called for"): its subject made the call
        ("The foreign ministers of Norway and Kenya welcomed efforts to free the sailors held by Somali pirates and "
         "called for their immediate release.", ("REQUEST", "asserted", ["KEN", "NOR"], ["SOM"])),
        ("Chancellor Scholz welcomed efforts to end the fighting and called on Russia to withdraw its troops.",
         ("REQUEST", "asserted", ["DEU"], ["RUS"])),
    ],
)
def test_a_past_form_joined_to_an_infinitive_on_the_object_is_the_main_subjects(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


def test_a_welcome_does_not_praise_the_captor_of_those_it_would_free(pipeline):
    text = ("Prime Minister Albanese spoke with President Widodo of Indonesia. Both leaders welcomed efforts to free "
            "the aid workers held by the Taliban.")
    assert not [s for s in summary(coded(pipeline, text)) if s[0] == "SUPPORT"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the giver's own country named on what it offers is not whom the offer is for: the side met is
        ("Chancellor Scholz met Prime Minister Fiala of Czechia on Monday. Scholz offered German assistance "
         "after the floods.", ("AGREE", "asserted", ["DEU"], ["CZE"])),
        # ... while a named receiver stays
        ("Chancellor Scholz met Prime Minister Fiala of Czechia on Monday. Scholz offered German assistance "
         "to Moldova.", ("AGREE", "asserted", ["DEU"], ["MDA"])),
    ],
)
def test_an_offer_of_ones_own_goods_is_for_the_side_met(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # the person spoken with is not the doer of the call's purpose, however the parser
        # hangs "with X to ..." (as the clause's subject, or "with" as its marker)
        ("On Monday President Biden spoke by phone with Prime Minister Albanese of Australia to reaffirm the "
         "enduring alliance between the United States and Australia.", ("SUPPORT", "asserted", ["USA"], ["AUS"])),
        ("Vice President Harris spoke this morning with President Boric of Chile to express support for Chile's "
         "recovery from the wildfires.", ("SUPPORT", "asserted", ["USA"], ["CHL"])),
        ("President Biden spoke this morning with President Ruto of Kenya to congratulate him on his reelection.",
         ("SUPPORT", "asserted", ["USA"], ["KEN"])),
    ],
)
def test_the_purpose_of_a_call_is_the_callers_act(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sum announced for a party is given to it
        ("President Biden spoke today with President Ruto of Kenya. President Biden also announced $45 million in "
         "new financing for Kenya's coast guard.", ("AID", "asserted", ["USA"], ["KEN"])),
        ("Secretary Blinken met Foreign Minister Mahamat of Chad. He announced an additional $20 million for "
         "Sudanese refugees in Chad.", ("AID", "asserted", ["USA"], ["SDN"])),
    ],
)
def test_a_sum_announced_for_a_party_is_aid_to_it(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # aid announced, with no sum, is given to whom its for-phrase names
        ("Secretary Blinken met Foreign Minister Mahamat of Chad. The Secretary announced new humanitarian "
         "assistance for the people of Sudan.", ("AID", "asserted", ["USA"], ["SDN"])),
        # the giver's own name on the goods is no recipient: the party the purpose clause names is
        ("Secretary Blinken met Foreign Minister Wong of Australia. The Secretary announced U.S. development "
         "financing to support the expansion of Kenya's power grid.", ("AID", "asserted", ["USA"], ["KEN"])),
    ],
)
def test_aid_announced_is_given_to_whom_its_phrases_name(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative clause with a doer of its own that gives the noun it describes reports the gift
        ("President Biden met Prime Minister Kishida. This comes on top of the 40 million doses Japan has "
         "already shipped to Vietnam.", ("AID", "asserted", ["JPN"], ["VNM"])),
        ("Secretary Blinken met Foreign Minister Wong. He noted the $300 million the United States has provided "
         "to Sudan since April.", ("AID", "asserted", ["USA"], ["SDN"])),
        ("The ministers discussed the drones that Iran sent to Russia last year.", ("AID", "asserted", ["IRN"], ["RUS"])),
    ],
)
def test_a_gift_told_in_a_relative_clause_is_reported(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


def test_a_relative_clause_whose_subject_is_the_noun_gives_nothing_of_it(pipeline):
    # "the country that sent doses": the noun is the giver, not the goods; no gift of countries
    events = summary(coded(pipeline, "The ministers praised the countries that sent vaccine doses to Vietnam."))
    assert not any(kind == "AID" and recipient != ["VNM"] for kind, _, _, recipient in events)


def test_what_a_copula_says_something_is_reports_no_act_of_its_relative_clause(pipeline):
    # "it is the first sum ... has given": a description of the sum, no gift reported here
    events = summary(coded(pipeline, "Analysts said it was the largest loan Japan has ever sent to Sri Lanka."))
    assert not any(kind == "AID" for kind, *_ in events)


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        # a state's own name in the phrase of its support is no recipient: no state backs
        # itself; the next name in the phrase is
        ("Vice President Harris met President Ruto of Kenya in Nairobi. The Vice President reassured President Ruto "
         "of U.S. support for a peaceful transition in Haiti.", "USA", ["KEN"]),
        ("Secretary Blinken met Prime Minister Kishida of Japan in Tokyo. Secretary Blinken reassured Prime Minister "
         "Kishida of U.S. support for the reconstruction of Ukraine.", "USA", ["JPN"]),
        # ... however the support is voiced; with no other name, none
        ("President Biden met Prime Minister Albanese. Biden once more voiced U.S. support for efforts to bring "
         "calm to the region.", "USA", []),
        ("Chancellor Scholz met President Ruto. The Chancellor restated German support for the peace talks in the region.",
         "DEU", []),
    ],
)
def test_a_state_named_on_its_own_support_is_not_its_recipient(pipeline, text, actor, recipient):
    backing = [r for kind, _, a, r in summary(coded(pipeline, text)) if kind == "SUPPORT" and a == [actor]]
    assert backing == [recipient], backing


@pytest.mark.parametrize(
    "text, expected",
    [
        # whose promise it is, named by its owner or a by- or from-phrase, does the act promised
        ("Chancellor Scholz spoke today with President Macron. Chancellor Scholz welcomed the pledge from Japan to "
         "deliver emergency food aid to Sudan.", ("AGREE", "future", ["JPN"], ["SDN"])),
        ("Chancellor Scholz spoke today with President Macron. The leaders welcomed the commitment by the G7 to "
         "provide additional financial support to Moldova.", ("AGREE", "future", ["IGO"], ["MDA"])),
    ],
)
def test_a_promise_welcomed_is_its_owners(pipeline, text, expected):
    assert expected in summary(coded(pipeline, text))


def test_a_possessive_pronoun_on_a_promise_leaves_the_act_to_the_clauses_subject(pipeline):
    # "their commitment to ...": the leaders' own promise, not whoever "their" last named
    events = summary(coded(pipeline, "President Macron met Chancellor Scholz in Paris. The two leaders reaffirmed "
                                     "their commitment to deepen defence cooperation in the Sahel."))
    promises = [actor for kind, _, actor, _ in events if kind == "AGREE"]
    assert promises and all(set(actor) <= {"DEU", "FRA"} for actor in promises), events


@pytest.mark.parametrize(
    "text, expected",
    [
        # goods bought from another country are trade with it; bought at home, nothing
        ("JAKARTA, Indonesia (Wire) - Garuda Indonesia bought 40 airliners from Boeing last year, the airline said.",
         [("COOPERATE", ["IDN"], ["USA"])]),
        ("JAKARTA, Indonesia (Wire) - Indonesia purchased liquefied natural gas from Qatar in March.",
         [("COOPERATE", ["IDN"], ["QAT"])]),
        ("NAIROBI, Kenya (Wire) - Villagers buy grain from traders in the market.", []),
    ],
)
def test_goods_bought_from_another_country_are_trade_with_it(pipeline, text, expected):
    assert [(kind, actor, recipient) for kind, _, actor, recipient in summary(coded(pipeline, text))
            if kind == "COOPERATE"] == expected


def test_a_decision_of_a_named_party_is_its_own_act(pipeline):
    events = summary(coded(pipeline, "Chancellor Scholz spoke today with President Macron. Chancellor Scholz welcomed "
                                     "the decision of Japan to deliver emergency food aid to Sudan."))
    assert ("AID", "asserted", ["JPN"], ["SDN"]) in events
