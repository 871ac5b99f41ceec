"""Classes of sentence the coder was fixed for (sentences of our own): country words that
say where or in what language rather than who, the party across a closed border,
obligations stated in a statement noun or as readiness, acts that are only the reason for
an arrest or the subject of talks, joint talks, arrests abroad, and concern about a state
of affairs that names only where it is."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-05-02"


def summary(pipeline, text: str):
    return [
        (e.event_type, sorted({a.country or "-" for a in e.actor}), sorted({r.country or "-" for r in e.recipient}))
        for e in pipeline.process(text, published=PUBLISHED).events
    ]


def recipients(pipeline, text: str, kind: str) -> list[str]:
    return next(r for k, _, r in summary(pipeline, text) if k == kind)


@pytest.mark.parametrize(
    "text",
    [
        "Indian troops shelled rebel camps near the Nepalese border on Tuesday.",
        "Indian troops shelled rebel camps on the Nepalese border on Tuesday.",
    ],
)
def test_a_country_on_a_frontier_that_locates_the_target_is_not_the_target(pipeline, text):
    assert "NPL" not in recipients(pipeline, text, "ASSAULT")


def test_a_country_adjective_on_a_language_is_no_party(pipeline):
    assert "HUN" not in recipients(pipeline, "The Slovak court lifted curbs on the use of the Hungarian language in schools.",
                                   "CONCEDE")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kenya closed its border with Somalia on Friday.", ["SOM"]),
        ("Kenya closed its borders with Somalia and Ethiopia.", ["ETH", "SOM"]),
    ],
)
def test_closing_a_border_with_a_country_is_done_to_that_country(pipeline, text, expected):
    assert recipients(pipeline, text, "COERCE") == expected


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("The Dutch foreign ministry said on Friday that Belgium must be ready to share the costs of the new dike.",
         "NLD", "BEL"),
        ("The Norwegian premier sent a sharp reminder to Sweden that it must honour the fishing accord.", "NOR", "SWE"),
    ],
)
def test_an_obligation_in_a_statement_noun_or_as_readiness_is_a_demand(pipeline, text, actor, recipient):
    assert ("REQUEST", [actor], [recipient]) in summary(pipeline, text)


@pytest.mark.parametrize(
    "text, absent",
    [
        ("A Dutch aid worker was arrested in Sudan for collaborating with the rebels.", "COOPERATE"),
        ("Police arrested two men for attacking a bus in Nairobi.", "ASSAULT"),
        ("Greece and Turkey resumed talks on a Turkish troop withdrawal from Cyprus.", "RETREAT"),
    ],
)
def test_acts_that_are_a_reason_or_a_topic_are_no_events(pipeline, text, absent):
    events = pipeline.process(text, published=PUBLISHED).events
    assert events  # the sentence's own act is still there
    assert all(e.event_type != absent and e.evidence.trigger != absent for e in events)
    assert len(events) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered the town of Kaya, where rebels killed three farmers on Monday.",
        # dated before the story, it is still a record of that act, dated then
        "Rebels stormed the town of Kaya, where soldiers shot three farmers last March.",
    ],
)
def test_an_act_told_in_a_relative_clause_with_its_own_doer_is_an_event(pipeline, text):
    triggers = {e.evidence.trigger for e in pipeline.process(text, published=PUBLISHED).events}
    assert triggers & {"killed", "shot"}


def test_joint_talks_name_no_recipient_by_their_topic(pipeline):
    assert ("CONSULT", ["GRC", "TUR"], []) in summary(pipeline, "Greece and Turkey resumed talks on a Turkish troop "
                                                               "withdrawal from Cyprus.")


def test_an_arrest_abroad_with_no_one_named_is_by_the_authorities_of_that_country(pipeline):
    assert summary(pipeline, "A Dutch aid worker was arrested in Sudan.") == [("COERCE", ["SDN"], ["NLD"])]
    assert summary(pipeline, "Three Kenyan students were arrested on Monday.") == [("COERCE", ["KEN"], ["KEN"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a measure word stands for what it measures, an effort word for the act it names
        ("Chinese engineers handed over 300 kg of medicine to the Kenyan health ministry.", ("AID", ["CHN"], ["KEN"])),
        ("Egyptian officials ended mediation efforts between the rival factions on Sunday.", ("SANCTION", ["EGY"], [])),
        # forcing a party out of the country expels it
        ("Eritrea forced the UN monitoring mission out of the country last year.", ("SANCTION", ["ERI"], ["UNO"])),
    ],
)
def test_measured_goods_effort_words_and_forcing_out_name_their_act(pipeline, text, expected):
    assert expected in summary(pipeline, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # concern about a state of affairs names only where it is: no target, no event
        ("Chancellor Scholz expressed grave concern over the living conditions in Darfur.", []),
        ("Chancellor Scholz reiterated his concern about the crisis in Sudan.", []),
        # concern about a party's act, or a state of affairs its words say is someone's, is criticism
        ("Chancellor Scholz expressed concern about Sudan's treatment of journalists.", [("ACCUSE", ["DEU"], ["SDN"])]),
        ("Chancellor Scholz raised concerns about the conditions of detention in Turkey.", [("ACCUSE", ["DEU"], ["TUR"])]),
        ("Chancellor Scholz expressed concern about the situation in Haiti and Russia's attacks on Ukraine.",
         [("ACCUSE", ["DEU"], ["HTI", "RUS"])]),
    ],
)
def test_concern_about_a_state_of_affairs_where_it_is_has_no_target(pipeline, text, expected):
    assert summary(pipeline, text) == expected
