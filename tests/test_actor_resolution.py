"""Every actor and recipient says how it was resolved (records.RESOLUTIONS), one test per
way, on sentences of our own; and the ledger keeps it."""

from __future__ import annotations

import pytest

from newsledger.records import RESOLUTIONS

PUBLISHED = "2024-03-01"


def sides(pipeline, text: str, published: str = PUBLISHED) -> list[tuple[str, list, list]]:
    def who(entities):
        return [(e.name, e.country, e.resolution) for e in entities]

    return [(e.event_type, who(e.actor), who(e.recipient)) for e in pipeline.process(text, published=published).events]


def test_a_name_in_the_dictionary_is_lexicon_and_a_pronoun_after_it_coreference(pipeline):
    found = sides(pipeline, "Russian Foreign Minister Sergei Lavrov accused Britain of spreading lies. "
                            "He also criticised the European Union.")
    assert ("ACCUSE", [("Sergei Lavrov", "RUS", "lexicon")], [("United Kingdom", "GBR", "lexicon")]) in found
    assert any(actor == [("Sergei Lavrov", "RUS", "coreference")] for _, actor, _ in found[1:])


@pytest.mark.parametrize(
    "text, name, country",
    [
        # the title before the name, as the head of an apposition
        ("The French ambassador, Anne Dupont, was summoned by the Algerian foreign ministry on Monday.",
         "Anne Dupont", "FRA"),
        # the title after the name
        ("Marta Kowalczyk, the Polish deputy foreign minister, accused Belarus of pushing migrants across the border.",
         "Marta Kowalczyk", "POL"),
    ],
)
def test_an_unknown_person_takes_the_country_of_their_title(pipeline, text, name, country):
    entities = [e for _, actor, recipient in sides(pipeline, text) for e in actor + recipient]
    assert (name, country, "title") in entities


def test_a_bare_title_is_the_dictionary_holder_of_the_office_on_the_day(pipeline):
    found = sides(pipeline, "China's foreign minister criticised Japan over its plans for the islands.")
    assert found and found[0][1] == [("Wang Yi", "CHN", "title")]


def test_a_title_repeated_later_is_the_person_who_held_it_earlier(pipeline):
    text = ("Foreign Minister Ilse Marten of Austria met her Slovak counterpart on Monday. "
            "On Tuesday the foreign minister accused Hungary of blocking the talks.")
    accusations = [actor for kind, actor, _ in sides(pipeline, text) if kind == "ACCUSE"]
    assert accusations and accusations[0] == [("Ilse Marten", "AUT", "coreference")]


def test_a_royal_address_is_the_monarch_named_before_not_the_last_man_named(pipeline):
    text = ("The president welcomed King Abdullah II of Jordan to Washington. They spoke about Gaza, where Prime "
            "Minister Mohammad Mustafa heads the Palestinian government. The president congratulated His Majesty "
            "on the anniversary of his accession.")
    found = [recipient for kind, _, recipient in sides(pipeline, text) if kind == "SUPPORT"]
    assert found and found[-1] == [("Abdullah II", "JOR", "coreference")]


def test_an_unnamed_body_is_set_in_the_country_the_article_is_about(pipeline):
    found = sides(pipeline, "Police arrested dozens of protesters in Minsk on Sunday.")
    assert found and found[0][1] == [("police", "BLR", "home_country")]


@pytest.mark.parametrize("officials, country", [
    ("Interior Minister Kithure Kindiki said the officers had followed orders.", "KEN"),
    ("President William Ruto and Interior Minister Kithure Kindiki briefed Antony Blinken.", "KEN"),  # a lead
])
def test_an_article_naming_only_its_officials_is_set_in_their_country(pipeline, officials, country):
    # no country and no town the gazetteer knows: the officials named in full say where it is
    text = f"Riot police fired tear gas at traders who had blocked the market road on Tuesday.\n\n{officials}"
    found = sides(pipeline, text, published="2023-07-12")
    assert found and found[0][1] == [("riot police", country, "home_country")]


@pytest.mark.parametrize("officials", [
    "A bystander named Mejía said the officers had followed orders.",  # a lone surname is no evidence
    "Secretary-General Antonio Guterres called for calm.",  # an official of the UN is of no country
])
def test_an_article_naming_no_official_in_full_of_a_country_stays_unset(pipeline, officials):
    text = f"Riot police fired tear gas at traders who had blocked the market road on Tuesday.\n\n{officials}"
    found = sides(pipeline, text, published="2023-07-12")
    assert found and found[0][1] and all(country is None for _, country, _ in found[0][1])


def test_a_town_the_ner_reads_as_a_person_still_names_its_country(pipeline):
    # "Goma" after "into" and "in" is tagged a person; as the Congolese town it outweighs Rwanda
    text = ("Rebel fighters pushed into central Goma before dawn, residents said, and by noon shops in Goma were shut."
            "\n\nA Congolese army spokesman said units were still holding positions on the road to Sake."
            "\n\nRwanda denied any role, and Kigali said the fighting was a Congolese matter. Rwandan officials in "
            "Kigali declined to comment further.\n\nPolice fired tear gas at a crowd outside the cathedral.")
    found = [f for f in sides(pipeline, text, published="2025-01-28") if f[0] == "ASSAULT"]
    assert found and found[0][1] == [("police", "COD", "home_country")]


def test_a_party_with_no_country_of_its_own_takes_the_other_sides(pipeline):
    found = sides(pipeline, "Belarusian security forces detained a blogger and two students.")
    recipients = [r for _, _, recipient in found for r in recipient]
    assert recipients and all(country == "BLR" for _, country, _ in recipients)
    assert {how for _, _, how in recipients} <= {"other_party", "home_country"}


@pytest.mark.parametrize("text", [
    "Amnesty International criticised the government's handling of the protests.",
    "The UN refugee agency accused the authorities of forcibly returning refugees.",
    "Police raided the offices of Amnesty International.",
])
def test_a_body_of_no_one_country_lends_none_to_the_other_side(pipeline, text):
    """An NGO or a UN agency is no country: the government it criticises, or the police who
    raid it, are not of its code (NGO, UNO) but of no country the text gives."""
    found = sides(pipeline, text)
    assert len(found) == 1
    _, actor, recipient = found[0]
    assert [country for _, country, _ in actor + recipient if country in ("NGO", "UNO")] == [
        next(country for _, country, _ in actor + recipient if country in ("NGO", "UNO"))]  # the body's own only


@pytest.mark.parametrize("text, actor", [
    ("NAIROBI, May 2 (Wire) - Two of the opposition lawmakers accused the president of rigging the vote.", ["KEN"]),
    ("NAIROBI, May 2 (Wire) - Several of the senators criticised the interior minister.", ["KEN"]),
])
def test_a_part_of_a_group_named_by_its_role_is_of_that_group(pipeline, text, actor):
    accusation = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "ACCUSE")
    assert [a.country for a in accusation.actor] == actor and accusation.actor[0].text.split()[1] == "of"


def test_what_nothing_resolves_says_so(pipeline):
    found = sides(pipeline, "Soldiers opened fire on protesters near the market.")
    entities = [e for _, actor, recipient in found for e in actor + recipient]
    assert entities and all(country is None and how == "unresolved" for _, country, how in entities)


def test_every_resolution_is_one_of_the_documented_ones(pipeline):
    from conftest import SAMPLE
    from newsledger.ingest import read_inputs
    from newsledger.records import InputError

    seen = set()
    for article in read_inputs([str(SAMPLE)]):
        if isinstance(article, InputError):
            continue
        result = pipeline.process(article.text, published=article.published)
        seen |= {e.resolution for event in result.events for e in event.actor + event.recipient}
        seen |= {q.speaker.resolution for q in result.quotes if q.speaker}
    assert seen <= set(RESOLUTIONS)
    assert {"lexicon", "title", "coreference"} <= seen


def test_the_ledger_keeps_how_each_entity_was_resolved(pipeline, tmp_path):
    from newsledger.records import ArticleInput
    from newsledger.store import open_ledger
    from test_store import ingest  # the functions `newsledger ingest` calls

    db = tmp_path / "ledger.duckdb"
    text = "Russian Foreign Minister Sergei Lavrov accused Britain of spreading lies. He also criticised the European Union."
    ingest(pipeline, db, [ArticleInput(doc_id="lavrov", text=text, published=PUBLISHED)])
    con = open_ledger(db, read_only=True)
    try:
        rows = con.execute("SELECT name, resolution FROM entities WHERE role = 'actor' ORDER BY start_char").fetchall()
    finally:
        con.close()
    assert rows == [("Sergei Lavrov", "lexicon"), ("Sergei Lavrov", "coreference")]


def test_a_body_named_by_a_role_with_plural_words_takes_the_articles_country(pipeline):
    text = ("Police shot dead five men in Bulacan province in the Philippines on Tuesday.\n\n"
            "Human rights group Karapatan accused the police of executing the suspects.")
    blame = [e for e in pipeline.process(text, published="2023-05-10").events if e.event_type == "ACCUSE"]
    assert [(a.name, a.country, a.sector, a.resolution) for e in blame for a in e.actor] == [
        ("Karapatan", "PHL", "NGO", "home_country")]


def test_a_title_with_a_name_that_is_not_the_publishers_holder_is_not_its_official(pipeline):
    text = ("Malawi's maize harvest fell last year, Malawian officials said.\n\n"
            "In Lilongwe, Malawi, Vice President Kamala Harris held talks on Friday with President Tembo.")
    events = pipeline.process(text, published="2023-05-10", url="https://www.whitehouse.gov/briefing-room/r").events
    meeting = [e for e in events if e.event_type == "CONSULT" and e.evidence.text.startswith("In Lilongwe")][0]
    assert [(r.country, r.resolution) for r in meeting.recipient] == [("MWI", "home_country")]  # not the US president


def test_a_name_read_with_its_country_as_one_person_is_the_person_of_that_country(pipeline):
    """The NER reads "Prime Minister Frederiksen of Denmark" as one name; the person is the
    part before "of", and Denmark stays a country (not the publisher's own official)."""
    events = pipeline.process("On Thursday in Washington, President Joe Biden held talks about Arctic security with "
                              "Prime Minister Frederiksen of Denmark.", url="https://www.whitehouse.gov/briefing-room/readout/",
                              published="2023-06-07").events
    meeting = next(e for e in events if e.event_type == "CONSULT")
    assert [r.country for r in meeting.recipient] == ["DNK"]
    assert meeting.recipient[0].name == "Mette Frederiksen"


def test_a_party_is_not_what_it_acts_on(pipeline):
    """A body named twice in one phrase ("UNESCO" and its full name) was read as both the
    critic and the criticised; the criticism goes ahead against the doer of the act."""
    text = ("ANKARA, March 4 (Wire) - Turkish President Tayyip Erdogan said on Tuesday that the old cathedral in Trabzon "
            "would become a mosque again. He defended the plan at a rally in Rize on Sunday amid criticism from the "
            "Greek foreign minister and the United Nations Educational, Scientific and Cultural Organization "
            "(UNESCO), which doubted his motives.")
    [accusation] = [e for e in pipeline.process(text, published="2024-03-04").events if e.event_type == "ACCUSE"]
    assert {a.country for a in accusation.actor} == {"GRC", "UNO"}
    assert [r.country for r in accusation.recipient] == ["TUR"]


@pytest.mark.parametrize(
    "text, recipients",
    [
        # a capital on a gathering says where it met, not who met: no party to criticise
        ("The Serbian interior ministry denounced the conclusions of the Brussels summit.", []),
        ("Armenia rejected the outcome of the Ankara talks on Tuesday.", []),
        # ... while a country named on it, or a capital's government acting, still is one
        ("Armenia rejected the outcome of the Turkey talks on Tuesday.", ["TUR"]),
        ("Armenia rejected the latest demands from Ankara on Tuesday.", ["TUR"]),
    ],
)
def test_a_capital_naming_where_a_gathering_met_is_no_party(pipeline, text, recipients):
    [event] = [e for e in pipeline.process(text, published="2024-05-02").events if e.event_type in ("ACCUSE", "REJECT")]
    assert [r.country for r in event.recipient] == recipients


@pytest.mark.parametrize(
    "text, event_type, actor_not, recipient",
    [
        # whom a person favours or opposes is not their country, nor the party acted on
        ("Police in Tbilisi arrested a pro-Russia blogger on Monday.", "COERCE", "RUS", ["GEO"]),
        ("Pro-Russian separatists shelled the town of Avdiivka in Ukraine.", "ASSAULT", "RUS", ["UKR"]),
        # also when the stance modifies the body's name ("the pro-Russian Shor party")
        ("Moldova banned the pro-Russian Shor party.", "COERCE", "RUS", ["MDA"]),
        # an act's own anti- phrase names its target, never its doer
        ("Anti-US protests erupted in Karachi on Friday.", "PROTEST", "USA", ["USA"]),
    ],
)
def test_a_name_after_anti_or_pro_is_a_stance_not_a_side(pipeline, text, event_type, actor_not, recipient):
    event = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == event_type)
    assert actor_not not in [a.country for a in event.actor]
    assert sorted({r.country for r in event.recipient if r.country}) == recipient


@pytest.mark.parametrize(
    "text, actor",
    [
        ("The Kurds of northern Syria demanded autonomy from Damascus.", ["SYR"]),
        ("The Tamils of Malaysia demanded equal rights from the government in Kuala Lumpur.", ["MYS"]),
        ("The Tamils demanded equal rights from the government in Colombo.", ["LKA"]),  # the dictionary's
    ],
)
def test_a_people_named_by_where_they_live_belongs_to_that_country(pipeline, text, actor):
    demand = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "REQUEST")
    assert [a.country for a in demand.actor] == actor
    assert all(a.sector == "ETH" for a in demand.actor)


@pytest.mark.parametrize(
    "text, event_type, recipient",
    [
        ("Turkey threatened to cut ties with Sweden and Finland over their support for Kurdish groups.",
         "THREATEN", ["FIN", "SWE"]),
        ("Pakistan warned it would sever diplomatic ties with Chile and Costa Rica.", "THREATEN", ["CHL", "CRI"]),
    ],
)
def test_every_party_coordinated_in_the_object_phrase_is_a_recipient(pipeline, text, event_type, recipient):
    event = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == event_type)
    assert sorted(r.country for r in event.recipient) == recipient


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Two hundred Ugandan rebels surrendered in the Kenyan town of Busia on Friday.", []),  # where, not to whom
        ("Russian troops withdrew from the Ukrainian city of Kherson.", ["UKR"]),  # what they left
    ],
)
def test_a_retreat_leaves_the_place_it_names_with_from_not_the_place_it_happens_in(pipeline, text, recipient):
    event = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "RETREAT")
    assert sorted({r.country for r in event.recipient if r.country}) == recipient


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a subject pronoun continues the last person who was a subject, not the last named
        ("President Lula spoke with Prime Minister Sanchez of Spain. He condemned the attack on the embassy in Haiti.",
         "BRA"),
        ("President Lula spoke with Prime Minister Sanchez of Spain. Sanchez thanked Brazil for its help. "
         "He also praised the Brazilian firefighters.", "ESP"),
        # a name the parser makes the subject of its owned noun ("Sanchez's stated ...") is an owner
        ("President Lula spoke with Prime Minister Sanchez of Spain. Lula welcomed President Sanchez’s stated "
         "readiness to host the summit. He condemned the attack on the embassy in Haiti.", "BRA"),
    ],
)
def test_a_subject_pronoun_continues_the_last_subject(pipeline, text, speaker):
    found = sides(pipeline, text)
    last = found[-1]
    assert [country for _, country, how in last[1]] == [speaker]
    assert all(how == "coreference" for _, _, how in last[1])


def test_a_bare_title_in_a_governments_own_statement_is_its_own_officeholder(pipeline):
    # after "President Zelenskyy", "The President" of a White House readout is still the US president
    text = ("President Biden spoke today with President Zelenskyy of Ukraine. "
            "The President unveiled a fresh round of military aid for Ukraine worth 225 million dollars.")
    events = pipeline.process(text, published="2024-06-07", url="https://www.whitehouse.gov/briefing-room/r").events
    aid = [e for e in events if e.event_type == "AID"]
    assert [[a.country for a in e.actor] for e in aid] == [["USA"]]


def test_a_deputy_of_a_title_in_a_governments_own_statement_is_its_official(pipeline):
    """"Deputy Secretary of State X" in a White House readout: the dictionary's Secretary of
    State is someone else, but a deputy is no holder, so the publisher's own official."""
    text = "On March 3, Deputy Secretary of State Dana Whitcombe led an interagency delegation to Nairobi, Kenya."
    [event] = pipeline.process(text, published="2024-05-02", url="https://www.whitehouse.gov/briefing-room/x").events
    assert [a.country for a in event.actor] == ["USA"] and [r.country for r in event.recipient] == ["KEN"]
    # the Secretary named as someone the dictionary does not know is still another country's
    other = "Secretary of State Dana Whitcombe met President Ruto in Nairobi, Kenya."
    actors = {a.country for e in pipeline.process(other, published="2024-05-02",
                                                     url="https://www.whitehouse.gov/briefing-room/x").events for a in e.actor}
    assert "USA" not in actors


@pytest.mark.parametrize(
    "aide, country",
    [
        ("Kenji Morimura, Special Adviser to the Prime Minister", "JPN"),  # an office the publisher lacks
        ("Aiko Senda, Chief of Staff to the Crown Prince", "JPN"),
        ("Ruth Callery, Senior Adviser to the President", "USA"),  # the publisher's own office: its aide
    ],
)
def test_an_aide_to_an_office_a_government_lacks_serves_the_guest_holding_it(pipeline, aide, country):
    """In a White House readout an unknown aide is the publisher's official by default, but
    an aide to a prime minister or crown prince serves the foreign holder the article named."""
    text = (f"Secretary Austin met today with Prime Minister Fumio Kishida and Crown Prince Akishino of Japan in Tokyo. "
            f"Later, the Secretary held a separate meeting with {aide}.")
    events = pipeline.process(text, published="2023-05-10", url="https://www.whitehouse.gov/briefing-room/r").events
    met = [r for e in events for r in e.recipient if r.name == aide.split(",")[0]]
    assert met and {r.country for r in met} == {country}


def test_an_envoy_sent_to_a_guests_office_is_still_the_publishers(pipeline):
    """Only a title after the name says whom an aide serves: an envoy sent to the prime
    minister is the sender's."""
    text = ("Secretary Austin met today with Prime Minister Fumio Kishida of Japan in Tokyo. "
            "The Secretary also sent Special Envoy Kenji Morimura to the Prime Minister with a letter. "
            "Morimura praised Japan for its support for Ukraine.")
    events = pipeline.process(text, published="2023-05-10", url="https://www.whitehouse.gov/briefing-room/r").events
    named = {e.name: e.country for ev in events for e in ev.actor + ev.recipient}
    assert named["Kenji Morimura"] == "USA"


@pytest.mark.parametrize(
    "text, event_type, actor",
    [
        ("The Peruvian government yielded to demands from Bolivia to reopen the border crossing.", "REQUEST", "BOL"),
        ("A request from Hungary for more gas deliveries reached Vienna on Monday.", "REQUEST", "HUN"),
        ("An offer from Argentina to mediate the fishing dispute was welcomed in Santiago.", "AGREE", "ARG"),
    ],
)
def test_an_act_named_by_a_noun_comes_from_whom_its_from_phrase_names(pipeline, text, event_type, actor):
    found = [(t, [e[1] for e in a], [e[1] for e in r]) for t, a, r in sides(pipeline, text)]
    assert any(t == event_type and a == [actor] and actor not in r for t, a, r in found), found


def test_a_from_phrase_the_trigger_reads_as_the_place_left_stays_the_recipient(pipeline):
    found = sides(pipeline, "The withdrawal of Ethiopian troops from Somalia began on Sunday.")
    assert any(t == "RETREAT" and [e[1] for e in r] == ["SOM"] and "SOM" not in [e[1] for e in a] for t, a, r in found), found


@pytest.mark.parametrize(
    "text, country",
    [
        ("Thai artillery shelled Kampuchean positions along the frontier on Tuesday.", "KHM"),
        ("Nigeria expelled the ambassador of Dahomey after the coup.", "BEN"),
        ("Ghana accused Upper Volta of sheltering the plotters.", "BFA"),
    ],
)
def test_a_country_named_by_its_former_name_is_that_country(pipeline, text, country):
    """Older reports and archives name states as they were then (Kampuchea, Dahomey, Upper Volta)."""
    assert any(country in [e[1] for e in r] for _, _, r in sides(pipeline, text)), sides(pipeline, text)


@pytest.mark.parametrize(
    "text, country",
    [
        ("The Hungarians of southern Slovakia demanded schools in their own language.", "SVK"),
        ("The Greeks of southern Albania protested against the closure of their schools.", "ALB"),
    ],
)
def test_a_nations_people_named_by_where_they_live_belong_to_that_country(pipeline, text, country):
    found = sides(pipeline, text)
    assert any([(e[1], e[2]) for e in a] == [(country, "location")] for _, a, _ in found), found


def test_a_nations_people_somewhere_else_are_still_that_nation(pipeline):
    """"in" says where they are, not where they belong: forces abroad stay their country's."""
    found = sides(pipeline, "The Russians in Syria bombed a convoy near Idlib.")
    assert any([e[1] for e in a] == ["RUS"] for _, a, _ in found), found


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Japan condemned the Democratic People\u2019s Republic of Korea\u2019s latest missile launch.", "PRK"),
        ("France praised C\u00f4te d\u2019Ivoire\u2019s handling of the vote.", "CIV"),
        ("France praised Cote d\u2019Ivoire for its handling of the vote.", "CIV"),
    ],
)
def test_a_name_typeset_with_a_curly_apostrophe_is_the_same_name(pipeline, text, recipient):
    """Readouts and wire copy typeset apostrophes (\u2019): the whole name must match, not its tail."""
    found = sides(pipeline, text)
    assert [[e[1] for e in r] for _, _, r in found] == [[recipient]], found


@pytest.mark.parametrize(
    "text, side, countries",
    [
        ("The foreign ministers of Chile and Argentina met in Santiago on Monday.", "actor", {"CHL", "ARG"}),
        ("The Secretary met on Tuesday with the ambassadors of Kenya, Ghana and Peru.", "recipient", {"KEN", "GHA", "PER"}),
        ("The Secretary met on Tuesday with Ambassadors from Kenya, Ghana and Peru.", "recipient", {"KEN", "GHA", "PER"}),
    ],
)
def test_people_of_or_from_coordinated_countries_are_one_party_per_country(pipeline, text, side, countries):
    """Co-actors are not dropped: every country the officials are of or from is a party."""
    found = sides(pipeline, text)
    index = 1 if side == "actor" else 2
    assert any({e[1] for e in s[index]} == countries for s in found), found


@pytest.mark.parametrize(
    "text, country",
    [
        ("The State Department expressed solidarity with Lithuania, a NATO ally, on Friday.", "LTU"),
        ("Chile thanked Norway, a longtime donor to the United Nations, for its help.", "NOR"),
    ],
)
def test_what_an_apposition_says_of_a_state_does_not_replace_it(pipeline, text, country):
    """"Lithuania, a NATO ally" is Lithuania: a description of a named state names no other party."""
    assert [[e[1] for e in r] for _, _, r in sides(pipeline, text)] == [[country]], sides(pipeline, text)


@pytest.mark.parametrize(
    "text, countries",
    [
        # a name written with its article matches as written, at a sentence start too ...
        ("The Fed criticised the Bank of Japan for its currency interventions.", {"USA", "JPN"}),
        ("Japan criticised the Fed for its rate increases.", {"USA", "JPN"}),
        # ... but the same words in lower case are no name
        ("Kenyan governors demanded that the president return road funds to the states.", {"KEN"}),
    ],
)
def test_a_name_written_with_its_article_is_not_the_same_words_in_lower_case(pipeline, text, countries):
    found = {e.country for ev in pipeline.process(text, published=PUBLISHED).events for e in (*ev.actor, *ev.recipient)}
    assert found == countries, text


@pytest.mark.parametrize("head", ["Inhabitants", "Village elders"])
def test_inhabitants_and_elders_are_people_of_the_article_s_country(pipeline, head):
    [request] = [e for e in pipeline.process(f"{head} have demanded that the Nigerian army leave the region.",
                                             published=PUBLISHED).events if e.event_type == "REQUEST"]
    assert [(a.country, a.sector) for a in request.actor] == [("NGA", "CVL")]


@pytest.mark.parametrize(
    "text, recipient",
    [
        # a capitalised short form of a body named in full before is that body, not a local one
        ("The European Commission tabled new asylum rules on Monday. Hungary rejected the Commission's plan.",
         ("European Commission", "EUR", "coreference")),
        ("The US House of Representatives voted to hold the attorney general in contempt. "
         "A Justice Department spokeswoman criticized the House for the vote.",
         ("United States House of Representatives", "USA", "coreference")),
    ],
)
def test_a_short_form_of_a_body_named_before_is_that_body(pipeline, text, recipient):
    found = sides(pipeline, text)
    assert found[-1][2] == [recipient]


READOUT_URL = "https://www.whitehouse.gov/briefing-room/statements-releases/readout/"


def test_a_title_with_an_of_phrase_in_a_governments_own_statement_is_that_countrys(pipeline):
    """"The Emir of Qatar" in a White House readout: the publisher's country is only a
    guess for a bare title, and the of-phrase names the title's country."""
    text = "In Doha on Tuesday, the Canadian trade minister held talks with the Emir of Qatar on gas supplies."
    events = pipeline.process(text, published="2023-03-14", url=READOUT_URL).events
    meeting = next(e for e in events if e.event_type == "CONSULT")
    assert [r.country for r in meeting.recipient] == ["QAT"]


@pytest.mark.parametrize(
    "text",
    [
        # offices the dictionary knows in other countries and never in the publisher's
        "The President met the Crown Prince in Jeddah on Monday.",
        "Secretary Blinken met the Prime Minister in Canberra on Monday.",
        # a bare "minister": the offices that end in it are other countries' too
        "In Hanoi, Secretary Blinken thanked the Minister for her hospitality on Monday.",
    ],
)
def test_an_office_the_publishers_government_does_not_have_is_not_its_official(pipeline, text):
    events = pipeline.process(text, published="2023-03-14", url=READOUT_URL).events
    assert events and all("USA" not in {r.country for r in e.recipient} for e in events), events


def test_a_surname_after_a_title_is_the_person_named_in_full_before(pipeline):
    """"Minister Liu" after "... Minister ... Liu Jianchao": the NER keeps the title in the
    name; without it the surname is the person already named."""
    text = ("Jake Sullivan held talks in Washington on Tuesday with Chinese Minister Liu Jianchao, who heads the party "
            "international department. Mr. Sullivan and Minister Liu agreed to keep lines of communication open.")
    events = pipeline.process(text, published="2024-01-10", url=READOUT_URL).events
    agreed = next(e for e in events if e.event_type == "AGREE")
    assert sorted((a.name, a.country) for a in agreed.actor) == [("Jake Sullivan", "USA"), ("Liu Jianchao", "CHN")]


def test_a_coordinator_named_in_a_governments_own_statement_is_its_official(pipeline):
    """"Senior Coordinator for the Sahel X" in a White House readout is a US official, not
    someone of the country the article is about."""
    text = ("Niger and its neighbours face a worsening drought, Nigerien officials said.\n\n"
            "Senior Coordinator for the Sahel Dana Whitcombe traveled to Niamey, Niger, on Monday.")
    events = pipeline.process(text, published="2024-05-02", url=READOUT_URL).events
    visit = next(e for e in events if e.event_type == "CONSULT")
    assert [a.country for a in visit.actor] == ["USA"] and [r.country for r in visit.recipient] == ["NER"]


def test_an_adviser_to_a_title_holder_is_no_holder_and_is_the_publishers_official(pipeline):
    """"Chief of Staff to the President Dr. X": the title after "to the" is whom X serves, so
    the President the dictionary knows says nothing of X, who in a White House readout is a
    US official, not of the country visited."""
    text = ("Chief of Staff to the President Dr. Phil Harmon visited Israel June 23-25 for talks "
            "with Israeli officials about Gaza. Dr. Harmon met with President Isaac Herzog.")
    events = pipeline.process(text, published="2024-06-26", url=READOUT_URL).events
    assert {a.country for e in events for a in e.actor if a.name == "Phil Harmon"} == {"USA"}, [
        (e.event_type, e.actor) for e in events]
    # "National Economic Advisor": a capitalised "National" in a title is no citizen ("a national")
    text = "National Economic Advisor Dana Whitcombe visited Amman, Jordan, on Monday."
    [visit] = pipeline.process(text, published="2024-06-26", url=READOUT_URL).events
    assert [(a.country, a.sector) for a in visit.actor] == [("USA", "GOV")]


def test_a_place_in_apposition_to_a_title_is_no_country_of_the_person(pipeline):
    """"met with the Secretary General of the UN, X, in Glasgow, the United Kingdom": the
    parser hangs the place's apposition on the title; a person is no country, and the
    title's of-phrase names the office (the UN Secretary General of the day)."""
    text = ("Vice President Biden met on Thursday with the Secretary General of the United Nations Ban Ki-moon "
            "in Glasgow, the United Kingdom during the climate summit.")
    [meeting] = pipeline.process(text, published="2011-11-03", url=READOUT_URL).events
    assert [(r.name, r.country) for r in meeting.recipient] == [("Ban Ki-moon", "UNO")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # with a comma before "and", the parser makes the last country a second subject ...
        ("Australia, India, and Japan held talks on Monday.", ["AUS", "IND", "JPN"]),
        # ... or the first ones conjuncts of the date before them
        ("On Monday, Australia, India, and Japan held their first trilateral ministerial meeting.", ["AUS", "IND", "JPN"]),
        # a plain list is read as before
        ("In Geneva, Russia and China blocked the resolution.", ["CHN", "RUS"]),
    ],
)
def test_a_list_of_countries_the_parser_breaks_at_its_last_comma_is_one_list(pipeline, text, expected):
    events = pipeline.process(text, published="2024-05-02").events
    assert sorted({a.country for a in events[0].actor}) == expected


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        # an envoy is foreign where he is: the side that summons him is not of his country
        ("The foreign ministry summoned the Israeli ambassador over the killing of an aid worker.", ["-"], ["ISR"]),
        # police arresting foreign visitors are of where they act, not of the visitors' country
        ("Police arrested two Chinese tourists in Bangkok.", ["THA"], ["CHN"]),
        # people who are no visitors are local as before
        ("Police arrested two Chinese journalists.", ["CHN"], ["CHN"]),
    ],
)
def test_a_guest_abroad_lends_no_country_to_the_side_acting_on_them(pipeline, text, actor, recipient):
    (event,) = pipeline.process(text, published="2024-05-02").events
    assert (sorted({a.country or "-" for a in event.actor}), sorted({r.country or "-" for r in event.recipient})) == (actor, recipient)


@pytest.mark.parametrize(
    "text, trigger, actor",
    [
        # an owner pronoun on a noun conjoined with another is that noun's owner, not the state named in between
        ("The Chancellor praised Sweden's provision of security assistance to Ukraine and its lead role in "
         "training Ukrainian soldiers.", "training", ["SWE"]),
        ("The President thanked Norway for its aid to Ukraine and its role in training Ukrainian soldiers.",
         "training", ["NOR"]),
    ],
)
def test_an_owner_pronoun_in_a_conjoined_noun_is_the_first_nouns_owner(pipeline, text, trigger, actor):
    events = pipeline.process(text, published="2024-05-02").events
    (event,) = [e for e in events if e.evidence.trigger == trigger]
    assert sorted({a.country for a in event.actor}) == actor


def test_an_owner_pronoun_conjoined_with_a_state_is_that_states(pipeline):
    events = pipeline.process("The United States imposed sanctions on Iran and its allies.", published="2024-05-02").events
    assert [sorted({r.country for r in e.recipient}) for e in events] == [["IRN"]]


@pytest.mark.parametrize(
    "text, person",
    [
        # a surname under a title of an office the dictionary person never held is someone else
        ("Deputy Secretary Campbell met President Ruto in Nairobi.", "Campbell"),
        # ... and under one they held it is them, the holder of the office the title names
        ("Foreign Minister Wang met President Ruto in Nairobi.", "Wang Yi"),
        ("Minister Wang met President Ruto in Nairobi.", None),  # no title word more than another's: as before
    ],
)
def test_a_surname_under_a_title_is_a_dictionary_person_only_if_they_held_that_office(pipeline, text, person):
    (meeting,) = pipeline.process(text, published="2024-05-02").events
    if person is not None:
        assert meeting.actor[0].name == person
    else:
        assert meeting.actor[0].name.startswith("Wang ")


@pytest.mark.parametrize(
    "text, recipient",
    [
        # the members a group includes, named or by role, are parties of what is done to it
        ("Iran issued arrest warrants for 30 people, including US President Donald Trump, on Monday.", ["USA"]),
        ("The EU imposed sanctions on 12 people including three Russian officers.", ["RUS"]),
        # acts a group of steps includes are no parties
        ("The envoy expressed concern about steps including settlement expansion by Israel.", ["ISR"]),
    ],
)
def test_the_members_a_group_includes_are_parties_of_the_act(pipeline, text, recipient):
    (event,) = pipeline.process(text, published="2024-05-02").events
    assert sorted({r.country for r in event.recipient}) == recipient


def test_an_acronym_defined_in_brackets_names_the_body_later(pipeline):
    text = ("Fighting between the army and the Rapid Support Forces (RSF) continued on Monday. "
            "The army responded with air strikes on RSF positions in Omdurman.")
    (strike,) = [e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger == "strikes"]
    assert [(r.name, r.country) for r in strike.recipient] == [("Rapid Support Forces", "SDN")]


def test_a_subject_it_continues_the_last_body_that_was_a_subject(pipeline):
    """"Amnesty International held the RSF responsible ... It urged ...": the subject "it"
    is the last body that was a clause's subject, not the last one named (a body read as the
    subject of "responsible" in "held X responsible" is none)."""
    text = ("The Rapid Support Forces (RSF) shelled the hospital on Saturday. Amnesty International held the RSF "
            "responsible for the attack. It urged the RSF to keep its fighters away from hospitals.")
    (request,) = [e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "REQUEST"]
    assert [a.name for a in request.actor] == ["Amnesty International"]


def test_a_counterpart_is_never_of_the_actors_own_country(pipeline):
    found = sides(pipeline, "Secretary Blinken spoke with his counterpart on Tuesday.")
    assert [(kind, [r[1] for r in recipient]) for kind, _, recipient in found] == [("CONSULT", [None])]


@pytest.mark.parametrize(
    "text, country",
    [
        ("The American delegation met with officials in the Japanese government.", "JPN"),
        ("The Kenyan minister met with counterparts in the Ethiopian foreign ministry.", "ETH"),
    ],
)
def test_officials_in_a_body_are_of_that_bodys_country(pipeline, text, country):
    found = sides(pipeline, text)
    assert [r[1] for _, _, recipient in found for r in recipient] == [country]


def test_a_role_word_used_as_an_adjective_names_no_one(pipeline):
    """"firm" is a business, "official" a government person, only as nouns."""
    for text in ("Kenyan protesters denounced the firm stance of the governor.",
                 "The Kenyan opposition leader condemned the official response to the floods."):
        assert [recipient for _, _, recipient in sides(pipeline, text)] == [[]]


@pytest.mark.parametrize("noun", ["government", "country"])
def test_the_state_a_possessive_pronoun_stands_for_is_its_referents(pipeline, noun):
    """"Pashinyan said his country would expel ...": the state "his" stands for is the
    country of the person it refers to."""
    text = f"Prime Minister Pashinyan said his {noun} would expel the Russian ambassador."
    [(_, actor, _)] = sides(pipeline, text)
    assert [(country, how) for _, country, how in actor] == [("ARM", "coreference")]


def test_their_after_a_listed_subject_is_every_party_of_the_list(pipeline):
    """"Burkina Faso, Mali and Niger announced their withdrawal from ECOWAS": "their" is the
    three, not the last one named."""
    [(_, actor, _)] = sides(pipeline, "Burkina Faso, Mali and Niger announced their withdrawal from ECOWAS.")
    assert sorted(country for _, country, _ in actor) == ["BFA", "MLI", "NER"]


def test_a_lone_name_read_as_a_body_is_no_dictionary_person(pipeline):
    """"fined Meta": a one-word name the NER reads as a body is not the dictionary's person
    of that surname (Albania's Ilir Meta) unless a title or the full name says so."""
    [(_, _, recipient)] = sides(pipeline, "The European Commission fined Meta for breaking privacy rules.")
    assert "ALB" not in [country for _, country, _ in recipient]


def test_a_title_that_ends_in_an_adjective_is_still_a_title(pipeline):
    """"attorneys general": the adjective that ends a title is part of it, not a word used as
    an adjective on its own."""
    [(_, actor, _)] = sides(pipeline, "Attorneys general from twelve states sued the Trump administration over the tariffs.")
    assert [(country, name.lower()) for name, country, _ in actor] == [("USA", "attorney general")]


def test_a_country_named_inside_an_object_phrase_brings_its_conjuncts(pipeline):
    found = sides(pipeline, "Mr. Sullivan reaffirmed the United States' firm commitment to the defence of Australia and the Philippines.")
    assert [[r[1] for r in recipient] for _, _, recipient in found] == [["AUS", "PHL"]]


@pytest.mark.parametrize(
    "text, country",
    [
        # the owner of an ally or neighbour is the other side; the phrase's place decides
        ("Hezbollah fighters killed two officers of Israel's local ally near Marjayoun in Lebanon.", "LBN"),
        ("Ethiopian troops shelled positions of Eritrea's allies in Tigray.", "ETH"),
    ],
)
def test_the_owner_of_an_ally_lends_the_phrase_no_country(pipeline, text, country):
    assert [[r[1] for r in recipient] for _, _, recipient in sides(pipeline, text)] == [[country]]


def test_a_subject_pronoun_continues_a_subject_told_by_title_not_the_last_name(pipeline):
    """"The Vice President discussed ... She called on ..." is the Vice President, though
    the last person named was the guest she met."""
    text = ("On Monday Vice President Kamala Harris received Colombian Foreign Minister Alvaro Leyva in Washington. "
            "She thanked Colombia for hosting Venezuelan migrants. "
            "The Vice President discussed migration in the region. "
            "She called on Venezuela to release political prisoners.")
    found = sides(pipeline, text, published="2023-06-01")
    request = [(actor, recipient) for kind, actor, recipient in found if kind == "REQUEST"]
    assert [(a[0][1], [r[1] for r in rec]) for a, rec in request] == [("USA", ["VEN"])]


@pytest.mark.parametrize(
    "text, url, actor",
    [
        # an official the article titles but never names is still the last subject
        ("The Secretary met Foreign Minister Hayashi of Japan in Tokyo. She praised Japan's help for Turkey.",
         "https://www.state.gov/briefings/r", "USA"),
        ("The Kenyan envoy met Foreign Minister Motegi in Tokyo on Monday. He criticised China's missile tests.",
         None, "KEN"),
        # a plain role noun is no official: the pronoun stays with the last person named
        ("A Kenyan passenger spoke with Foreign Minister Motegi on Monday. He criticised China's missile tests.",
         None, "JPN"),
    ],
)
def test_a_subject_pronoun_continues_an_unnamed_officials_title(pipeline, text, url, actor):
    events = pipeline.process(text, published="2024-05-02", url=url).events
    later = [e for e in events if e.event_type in ("SUPPORT", "ACCUSE")]
    assert [[a.country for a in e.actor] for e in later] == [[actor]]


@pytest.mark.parametrize(
    "text, actor",
    [
        # what a speaker named by a noun reports of "they"/"it" is its own act
        ("Zambian police said on Monday they had detained four miners near Kitwe.", ("ZMB", "COP")),
        ("The Chadian army said it had killed twenty fighters near the border.", ("TCD", "MIL")),
        # "we" in what one person says, before or after the attribution, is the side they speak for
        ('"We will retaliate against Israel," Iranian Foreign Minister Abbas Araghchi said on Monday.', ("IRN", "GOV")),
        ('"We will respond to any attack on our ships," the Houthi military spokesman said.', ("YEM", "REB")),
    ],
)
def test_a_pronoun_subject_of_a_report_is_its_speaker(pipeline, text, actor):
    events = pipeline.process(text, published=PUBLISHED).events
    assert [(e.actor[0].country, e.actor[0].sector) for e in events if e.actor] == [actor]


def test_a_people_named_with_a_country_is_of_that_country(pipeline):
    found = sides(pipeline, "Hundreds of Syrian Kurds protested outside the parliament in Beirut.")
    assert [([a[1] for a in actor], [r[1] for r in recipient]) for kind, actor, recipient in found] == [(["SYR"], ["LBN"])]
    # asylum is asked of the country it is sought in
    found = sides(pipeline, "About 3,000 Yazidis from Iraq sought asylum in Germany last year.")
    assert [([a[1] for a in actor], [r[1] for r in recipient]) for kind, actor, recipient in found] == [(["IRQ"], ["DEU"])]


def test_them_after_people_named_by_a_plural_role_is_those_people(pipeline):
    text = "A crowd burned the cars of four Nepali councillors in Birgunj, accusing them of stealing relief funds."
    found = sides(pipeline, text)
    accused = [recipient for kind, _, recipient in found if kind == "ACCUSE"]
    assert [[(r[0], r[1]) for r in rec] for rec in accused] == [[("Nepal councillor", "NPL")]]


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab fighters attacked an army base near Baidoa on Monday. The group accused the army of abusing villagers.",
        "Nine people died, said the Arakan Army, an ethnic armed group, on Tuesday. The group accused the military of "
        "targeting civilians.",
    ],
)
def test_the_group_is_the_non_state_body_named_before(pipeline, text):
    """"The group" continues the non-state body last named as a clause's subject, or that
    the text itself called a group in apposition."""
    accusation = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ACCUSE")
    assert accusation.actor and accusation.actor[0].resolution == "coreference"
    assert accusation.actor[0].sector == "REB"


def test_the_group_without_a_body_named_before_stays_unresolved(pipeline):
    events = pipeline.process("The group accused the military of targeting civilians.", published="2024-05-02").events
    assert all(a.resolution != "coreference" for e in events for a in e.actor)


@pytest.mark.parametrize("text, sector", [("The public defender's office", "JUD"), ("The ombudsman", "GOV")])
def test_watchdogs_of_the_state_are_its_bodies(pipeline, text, sector):
    events = pipeline.process(f"{text} accused the police of firing at protesters.", published="2024-05-02").events
    accusation = next(e for e in events if e.event_type == "ACCUSE")
    assert accusation.actor and accusation.actor[0].sector == sector


@pytest.mark.parametrize(
    "text, country",
    [
        ("Officials in Gaza said the raid went on. The Israeli military said its forces had withdrawn from the camp.", "ISR"),
        ("Beirut was calm on Monday. Hezbollah said its fighters fired rockets at an army post.", "LBN"),
    ],
)
def test_forces_owned_by_a_pronoun_are_the_owners(pipeline, text, country):
    """"its forces", "its fighters": the owner pronoun's state or body, not the country the
    article is set in."""
    events = pipeline.process(text, published="2024-05-02").events
    act = next(e for e in events if e.event_type in ("RETREAT", "ASSAULT"))
    assert act.actor[0].country == country and act.actor[0].resolution == "coreference"


def test_a_country_named_on_its_fighting_forces_does_not_set_the_story_there(pipeline):
    """A story from Lebanon naming "Israeli jets", "Israeli forces" and "Israeli artillery"
    more often than Lebanon itself is still set in Lebanon: those names say who fights."""
    from newsledger.nlp.actors import ActorResolver

    text = ("Israeli jets struck a village near Tyre on Monday. Israeli artillery shelled farmland nearby, and "
            "Israeli forces fired flares over the hills while Israeli drones circled. Lebanon's health ministry "
            "said two farmers were hurt, "
            "and Lebanese officials counted the damage.")
    with pipeline.nlp.select_pipes(disable=["newsledger_coder"]):
        doc = pipeline.nlp(text)
    coder = pipeline.nlp.get_pipe("newsledger_coder")
    resolver = ActorResolver(doc, coder.finder.find(doc, "2024-05-02"), coder.lexicon, "2024-05-02")
    assert resolver.home == "LBN"


def test_the_fighters_a_reporting_body_calls_its_own_are_that_bodys(pipeline):
    """"The Jenin Brigade, a local armed group, says its fighters detonated ...": the owner of
    the reported clause's subject is the speaker, not the state named last."""
    text = ("The Israeli army raided the camp at dawn, Palestinian officials and the Palestinian health ministry "
            "said. The Jenin Brigade, a local armed group, says its fighters detonated a roadside bomb under an army jeep.")
    bomb = next(e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger.startswith("detonated"))
    assert bomb.actor and bomb.actor[0].country != "ISR"


def test_an_owner_pronoun_on_a_place_is_no_army(pipeline):
    text = ("Palestinian officials and the Palestinian health ministry said Israeli forces raided Jenin and its "
            "refugee camp on Monday.")
    raid = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "COERCE")
    assert all(r.country != "ISR" for r in raid.recipient)
    assert "PSE" in {r.country for r in raid.recipient}  # the town, where the parser took it for a person


@pytest.mark.parametrize("text, country", [("The Philippine Congress", "PHL"), ("Colombia's Congress", "COL"),
                                           ("Congress", "USA")])
def test_an_institutions_common_noun_is_of_the_country_the_phrase_names(pipeline, text, country):
    """"Congress" alone is the US Congress; "the Philippine Congress" is the Philippines'."""
    events = pipeline.process(f"{text} rejected the budget proposal on Tuesday.", published="2024-05-02").events
    rejection = next(e for e in events if e.event_type == "REJECT")
    assert rejection.actor[0].country == country and rejection.actor[0].sector == "LEG"


@pytest.mark.parametrize("text, country, sector", [
    ("MANILA (Wire) - Congress summoned the national police chief over the killings on Monday.", "PHL", "LEG"),
    ("LIMA (Wire) - Congress censured the interior minister over the police response to the marches.", "PER", "LEG"),
    ("NEW DELHI (Wire) - Congress accused the ruling party of rigging the vote in Haryana.", "IND", "PTY"),
    # the article names the United States: its Congress
    ("KYIV (Wire) - Ukrainian officials thanked the United States for its help. Congress criticised Russia on Tuesday.",
     "USA", "LEG"),
    # Russia has no body the dictionary calls a Congress
    ("MOSCOW (Wire) - Congress criticised Russia over the arrests on Tuesday.", "USA", "LEG"),
])
def test_a_shared_body_name_in_a_story_set_elsewhere_is_that_countrys_body(pipeline, text, country, sector):
    """A body the dictionary knows by a common noun other countries' bodies share ("Congress")
    is, in a story set in a country that has a body of that name and that never names the
    dictionary's country, that country's body (the Philippine Congress, India's Congress party)."""
    act = next(e for e in pipeline.process(text, published="2024-05-02").events
               if e.event_type == "ACCUSE" and e.actor and e.actor[0].text == "Congress")
    assert (act.actor[0].country, act.actor[0].sector) == (country, sector)


@pytest.mark.parametrize("text", [
    "ACCRA (Wire) - The Progressive Peoples Congress accused the ruling party of buying votes in the Volta region.",
    "BUENOS AIRES (Wire) - Police fired tear gas at pensioners protesting outside the National Congress on Wednesday.",
])
def test_a_known_body_name_ending_a_longer_name_is_another_body(pipeline, text):
    """"The Progressive Peoples Congress", "the National Congress": a name that only ends with
    the dictionary's word for the US Congress is another body, of where the story is."""
    events = pipeline.process(text, published="2024-05-02").events
    assert events and all(e.country != "USA" for ev in events for e in (*ev.actor, *ev.recipient))


def test_a_known_several_word_name_ending_a_longer_name_is_another_body(pipeline):
    """"the West Papua National Liberation Army" is not Colombia's National Liberation Army;
    a capital that only opens the sentence ("Suspected Boko Haram fighters") names nothing,
    so the dictionary's body stays."""
    papua = pipeline.process("JAYAPURA (Wire) - The West Papua National Liberation Army said its fighters "
                             "ambushed an army patrol near Sugapa on Sunday.", published="2024-05-02").events
    assert papua and all(e.country != "COL" for ev in papua for e in ev.actor)
    borno = pipeline.process("MAIDUGURI (Wire) - Suspected Boko Haram fighters raided a village in Borno state "
                             "overnight.", published="2024-05-02").events
    assert any(e.text.endswith("Boko Haram fighters") and e.country == "NGA" for ev in borno for e in ev.actor)


def test_the_general_assembly_is_the_uns_and_a_states_general_assembly_its_own(pipeline):
    """"The General Assembly" alone is the UN's (not a general of the army of wherever the
    story is); "the Ohio General Assembly" ends a longer name and is another body."""
    un = pipeline.process("Russia's annexation of four regions was condemned by the General Assembly on Wednesday.",
                          published="2024-05-02").events
    assert [(a.country, a.sector) for ev in un for a in ev.actor] == [("UNO", "GOV")]
    coder = pipeline.nlp.get_pipe("newsledger_coder")
    found = coder.finder.find(pipeline.nlp("The Ohio General Assembly passed the budget on Tuesday."), "2024-05-02")
    assert not any(m.term is not None and m.term.code == "UNO" for m in found)


@pytest.mark.parametrize(
    "text, kind, country",
    [
        ("Peru's Senate denied funding for the new prison on Tuesday.", "REJECT", "PER"),
        ("Libya's parliament rejected the maritime demarcation on Monday.", "REJECT", "LBY"),
    ],
)
def test_a_state_bodys_act_on_no_named_party_falls_on_its_own_country(pipeline, text, kind, country):
    """A rejection, restriction or concession by a state body that names no party falls on
    that body's own country (its authorities or its people), as the gold codes domestic acts."""
    act = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == kind)
    assert {r.country for r in act.recipient} == {country}


def test_allegations_dismissed_are_not_aimed_at_the_dismissers_own_country(pipeline):
    """"dismissed the allegations as baseless": the rejection answers whoever made them,
    unknown here, not the rejecter's own authorities."""
    text = "Russia's foreign ministry dismissed the allegations as baseless."
    rejection = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "REJECT")
    assert all(r.country != "RUS" for r in rejection.recipient)


def test_an_accusation_naming_no_party_gets_no_domestic_target(pipeline):
    text = "The US State Department condemned the launch on Tuesday."
    accusation = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "ACCUSE")
    assert all(r.country != "USA" for r in accusation.recipient)


def test_an_unnamed_body_is_of_the_place_opening_its_clause(pipeline):
    """"In Minsk, the foreign ministry summoned Poland's charge d'affaires": in a story set in
    Poland the ministry is Belarus's, as the opening place says; without one it stays the
    article's."""
    text = ("Poland expelled two Belarusian diplomats on Tuesday, and Polish officials said more could follow. "
            "In Minsk, the foreign ministry summoned Poland's charge d'affaires on Wednesday.")
    summons = [e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger.startswith("summoned")]
    assert summons and summons[0].actor[0].country == "BLR" and summons[0].actor[0].resolution == "location"


@pytest.mark.parametrize("text, country", [
    ("The Catholic Bishops' Conference of the Philippines condemned the bombing of a chapel.", "PHL"),
    ("The Sikhs of Canada protested against the killing.", "CAN"),
    ("Syrian Kurds accused Turkey of shelling villages.", "SYR"),
])
def test_a_people_or_its_body_named_with_a_country_is_of_it(pipeline, text, country):
    """A religious or ethnic group the dictionary gives no country takes the one its phrase
    names, by demonym or by an of-phrase ("the ... Conference of the Philippines")."""
    event = pipeline.process(text, published="2024-05-02").events[0]
    assert [a.country for a in event.actor] == [country]


@pytest.mark.parametrize("text, host", [
    ("The Israeli ambassador in Madrid was summoned on Monday over the remarks, the Spanish foreign ministry said.", "ESP"),
    ("Iran's envoy to Norway was summoned over the executions.", "NOR"),
    ("The Russian ambassador was summoned to the foreign ministry in Warsaw after the drone incursion.", "POL"),
    ("ALGIERS (Wire) - The French ambassador was summoned on Tuesday over the comments.", "DZA"),
    ("The U.S. charge d'affaires in Baghdad would be summoned to receive a formal protest, a spokesman said.", "IRQ"),
    # a story that names only the envoy's own country says nothing of who summoned him
    ("PARIS (Wire) - The French ambassador was summoned on Tuesday over the comments.", None),
])
def test_an_envoy_summoned_with_no_summoner_named_is_summoned_by_his_hosts(pipeline, text, host):
    """An agentless summons of an envoy is by the government he is posted to: of the place
    his phrase or the clause names, else of the story's country or the one other it names."""
    summons = next(e for e in pipeline.process(text, published="2024-05-02").events
                   if e.evidence.trigger.startswith("summoned"))
    assert [a.country for a in summons.actor] == ([host] if host else [])
    assert all(r.country != host for r in summons.recipient)


@pytest.mark.parametrize(
    "text, country, resolution",
    [
        # a known national official described as holding an office of an international body acts for it
        ("Speaking in Geneva, Kenzo Oshima, the UN emergency relief coordinator, urged Sudan to reopen the roads to Darfur.",
         "UNO", "apposition"),
        # an envoy sent to the body is still the state's
        ("Kenzo Oshima, Japan's ambassador to the United Nations, urged Sudan to reopen the roads to Darfur.",
         "JPN", "lexicon"),
        # a state's leader who chairs a body in turn is still the state's
        ("President Felix Tshisekedi of the DRC, chair of the African Union, urged Rwanda to pull its troops back.",
         "COD", "lexicon"),
    ],
)
def test_a_known_person_holding_an_international_bodys_office_acts_for_the_body(pipeline, text, country, resolution):
    request = next(e for e in pipeline.process(text, published="2006-05-02").events if e.event_type == "REQUEST")
    assert (request.actor[0].country, request.actor[0].resolution) == (country, resolution)


def test_they_told_by_a_reporting_verb_sharing_an_earlier_subject_is_that_subject(pipeline):
    """"The rebels rejected the plan and said they opposed ...": the reporting verb has no
    subject of its own, so its report is about the first verb's subject, not the last
    country named ("a Nigerian peace plan")."""
    text = "Ghana's rebels on Friday rejected a Nigerian peace plan, and said they opposed the deployment of a regional force."
    opposed = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.evidence.trigger == "opposed")
    assert [(a.country, a.resolution) for a in opposed.actor] == [("GHA", "coreference")]


@pytest.mark.parametrize(
    "text, country",
    [
        # unnamed officials "in" a capital are its government's
        ("Officials in Beijing accused Manila of provoking the clash at the shoal.", "CHN"),
        # diplomats are foreigners where they serve
        ("Diplomats in Moscow condemned the strike on the port.", None),
    ],
)
def test_unnamed_officials_in_a_capital_are_of_its_government(pipeline, text, country):
    accusation = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "ACCUSE")
    assert accusation.actor[0].country == country


@pytest.mark.parametrize(
    "text, country",
    [
        # people who fled a country are of it
        ("The WFP will ship 20,000 tons of food to refugees fleeing the fighting in Sudan.", "SDN"),
        ("The WFP will ship 20,000 tons of food to refugees who escaped from Myanmar.", "MMR"),
        # refugees the text gives no origin stay without one
        ("The WFP will ship 20,000 tons of food to refugees on Monday.", None),
    ],
)
def test_refugees_are_of_the_country_they_fled(pipeline, text, country):
    aid = pipeline.process(text, published=PUBLISHED).events[0]
    assert [r.country for r in aid.recipient if r.name == "refugee"] == [country]


def test_jewish_settlers_are_israeli(pipeline):
    """Settlers in the occupied territories are Israel's side whatever word the text uses
    ("Jewish settlers" as much as "Israeli settlers"; groups.tsv)."""
    attack = pipeline.process("Near Nablus, Jewish settlers set fire to two Palestinian cars on Tuesday night.",
                              published=PUBLISHED).events[0]
    assert [a.country for a in attack.actor] == ["ISR"]


@pytest.mark.parametrize("text, actor", [
    # spelled out in brackets after other words, the acronym is that body, not the dictionary's IMF
    ("Kenya's Independent Media Foundation (IMF) criticised the media bill on Monday. "
     "On Tuesday the IMF urged parliament to drop it.", "KEN"),
    # spelled out as the dictionary's own body, it stays that body
    ("The International Monetary Fund (IMF) praised Kenya's budget. On Tuesday the IMF urged parliament to pass it.",
     "IGO"),
])
def test_an_acronym_the_article_spells_out_names_what_it_spells(pipeline, text, actor):
    requests = [e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "REQUEST"]
    assert requests and [a.country for a in requests[0].actor] == [actor]


@pytest.mark.parametrize(
    "text, country",
    [
        ("The Secretary met with King Abdullah II of Jordan in Amman. The King thanked Canada for its aid to refugees.", "JOR"),
        ("King Abdullah of Jordan received the German chancellor on Tuesday. The King praised Germany for its support.", "JOR"),
    ],
)
def test_a_title_that_is_also_a_surname_is_the_title(pipeline, text, country):
    """"King" before a name or after "the" is the monarch's title, not the surname of a
    dictionary person (Tom King, a British defence secretary): "the King" is the king just named."""
    praise = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "SUPPORT")
    assert [a.country for a in praise.actor] == [country]


def test_a_title_and_name_the_ner_reads_as_a_body_is_a_person(pipeline):
    """"Deputy National Security Advisor Finer", tagged an organisation by the NER, is a title
    and a name: "Mr. Finer" later is that person, of the publisher's side in a readout."""
    text = ("Deputy National Security Advisor Finer met with Vietnamese Deputy Foreign Minister Ha Kim Ngoc. "
            "Mr. Finer thanked Vietnam for its help in recovering the remains of missing servicemen.")
    events = pipeline.process(text, published="2024-05-02", url="https://www.whitehouse.gov/briefing-room/r").events
    thanks = next(e for e in events if e.event_type == "SUPPORT")
    assert [(a.name, a.country) for a in thanks.actor][0][1] == "USA"
    assert [r.country for r in thanks.recipient] == ["VNM"]


def test_the_title_the_ner_takes_into_a_name_is_no_name_of_the_article(pipeline):
    """"Crown Prince Mohammed bin Salman" tagged as one name: "Crown" is its title, not a
    person the article names, so "the Crown Prince" later is the crown prince (SAU)."""
    text = ("The Chancellor received Crown Prince Mohammed bin Salman in Berlin. "
            "The Crown Prince praised Germany for its help with the new hospital.")
    praise = next(e for e in pipeline.process(text, published="2024-05-02").events if e.event_type == "SUPPORT")
    assert [a.country for a in praise.actor] == ["SAU"]
    assert [r.country for r in praise.recipient] == ["DEU"]


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister spoke about the war in Yemen. Turkey urged the warring parties to return to talks.",
        "Turkey, alarmed by Yemen's civil war, urged the warring sides to return to talks.",
        "The conflict in Yemen has lasted a decade. Turkey urged the belligerents to return to talks.",
    ],
)
def test_the_sides_of_a_war_are_of_where_it_is_fought(pipeline, text):
    """"the warring parties" after "the war in Yemen" are that war's sides (YEM, resolution
    `location`), not parties of the speaker's country (locations.theatre_of)."""
    urged = next(e for e in pipeline.process(text, published=PUBLISHED).events if e.event_type == "REQUEST")
    assert [(r.country, r.resolution) for r in urged.recipient] == [("YEM", "location")]


def test_a_treaty_named_after_a_city_is_not_the_city(pipeline):
    """"the Paris Agreement", "the Minsk Protocol": a capital opening a treaty's name is no
    place and no party (mentions._names_a_treaty)."""
    events = pipeline.process("Chancellor Scholz praised the decision to rejoin the Paris Agreement.", published=PUBLISHED).events
    assert not any(r.country == "FRA" for e in events for r in e.recipient)


@pytest.mark.parametrize(
    "text, actor",
    [
        # a bare definite body is the last one of that name the text gave a country
        ("The Peruvian foreign ministry condemned the arrest on Wednesday. The ministry also summoned the "
         "Bolivian ambassador.", "PER"),
        ("Kenya's interior ministry condemned the attack on Monday. The ministry also summoned the Ugandan envoy.", "KEN"),
        # ... and stays unknown with no such body near
        ("The talks ended on Wednesday. The ministry also summoned the Bolivian ambassador.", None),
    ],
)
def test_a_bare_definite_body_is_the_last_of_that_name_with_a_country(pipeline, text, actor):
    summons = [e for e in pipeline.process(text, published="2024-05-02").events if e.evidence.trigger == "summoned"]
    assert [[a.country for a in e.actor] for e in summons] == [[actor]]


def test_the_end_of_a_persons_name_is_that_person_not_the_town_of_that_name(pipeline):
    # "San Miguel" is also a town in El Salvador; here it is the activist named before
    text = ("Police in Caracas arrested the activist Marta San Miguel on Friday, her lawyer said.\n\n"
            "San Miguel was detained at the airport as she boarded a flight.")
    events = pipeline.process(text, published="2024-05-02").events
    assert all(r.country != "SLV" for e in events for r in (*e.actor, *e.recipient))
    assert any(r.country == "VEN" for e in events if e.evidence.trigger == "detained" for r in e.recipient)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "we" and "our" in a government's own statement are that government, outside quotes
        ("Prime Minister Starmer spoke with President Stubb of Finland. The Prime Minister made clear that we will "
         "continue to support Ukraine.", ("SUPPORT", ["GBR"], ["UKR"])),
        # ... and "our NATO Ally" is the ally met, NATO only what allies them
        ("Prime Minister Starmer spoke with President Stubb of Finland. The Prime Minister assured him that we "
         "stand firmly with our NATO Ally.", ("SUPPORT", ["GBR"], ["FIN"])),
    ],
)
def test_we_in_a_governments_own_statement_is_that_government(pipeline, text, expected):
    events = pipeline.process(text, published="2024-05-02", url="https://www.gov.uk/government/news/r").events
    found = [(e.event_type, sorted({a.country for a in e.actor if a.country}), sorted({r.country for r in e.recipient if r.country}))
             for e in events]
    assert expected in found


def test_we_quoted_in_a_governments_statement_is_the_speakers_side(pipeline):
    text = ('Prime Minister Starmer spoke with President Stubb of Finland. President Stubb said: "We will always '
            'stand with Ukraine."')
    events = pipeline.process(text, published="2024-05-02", url="https://www.gov.uk/government/news/r").events
    assert all(a.country != "GBR" for e in events if e.evidence.trigger == "stand" for a in e.actor)
