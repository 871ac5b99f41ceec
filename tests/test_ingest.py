"""Tests for newsledger.ingest: real files in tmp_path, no mocks."""

from __future__ import annotations

import io
import os
import random
import time
from pathlib import Path

import pytest

from newsledger.ingest import read_inputs
from newsledger.records import ArticleInput, InputError


def read(*paths: Path | str, **kwargs) -> list[ArticleInput | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def one(*paths: Path | str, **kwargs) -> ArticleInput | InputError:
    items = read(*paths, **kwargs)
    assert len(items) == 1, items
    return items[0]


def article(*paths: Path | str, **kwargs) -> ArticleInput:
    item = one(*paths, **kwargs)
    assert isinstance(item, ArticleInput), item
    return item


def error(*paths: Path | str, **kwargs) -> InputError:
    item = one(*paths, **kwargs)
    assert isinstance(item, InputError), item
    assert "\n" not in item.line()
    return item


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- plain text ---------------------------------------------------------------------


def test_text_title_is_first_line_followed_by_blank_line(tmp_path: Path) -> None:
    path = write(tmp_path / "story-1.txt", "Talks collapse in Geneva\n\nMinisters left without a deal.\n")
    got = article(path, published="2024-03-05")
    assert got.doc_id == "story-1"
    assert got.title == "Talks collapse in Geneva"
    assert got.text == "Talks collapse in Geneva\n\nMinisters left without a deal.\n"
    assert got.published == "2024-03-05"
    assert got.source == str(path)


def test_text_without_blank_second_line_has_no_title(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "Ministers met on Tuesday.\nThey left without a deal.\n")
    assert article(path).title is None


def test_text_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "word " * 50 + "\n\nBody.\n")
    assert article(path).title is None


def test_latin1_text_decodes_correctly(tmp_path: Path) -> None:
    path = write(tmp_path / "legacy.txt", "Talks in Zürich\n\nThe delegates met at a café in Zürich on Monday.\n".encode("latin-1"))
    got = article(path)
    assert "Zürich" in got.text and "café" in got.text
    assert got.title == "Talks in Zürich"


def test_short_cp1252_text_decodes_correctly(tmp_path: Path) -> None:
    # Short legacy text: charset-normalizer alone guesses an exotic code page here.
    path = write(tmp_path / "short.txt", "“Zürich” café – España".encode("cp1252"))
    assert article(path).text == "“Zürich” café – España"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfHeadline\n\nBody text in Z\xc3\xbcrich.\n")
    got = article(path)
    assert got.text == "Headline\n\nBody text in Zürich.\n"
    assert got.title == "Headline"


def test_crlf_becomes_lf_and_nothing_else_changes(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", b"Headline\r\n\r\nLine one.\r\nLine  two.\ttab\r\n")
    got = article(path)
    assert got.text == "Headline\n\nLine one.\nLine  two.\ttab\n"
    assert got.title == "Headline"


def test_invalid_utf8_in_mostly_ascii_file_is_decoded(tmp_path: Path) -> None:
    data = b"Reuters reported the ceasefire held.\nA stray byte \xff\xfe here and \x80 there.\nThe end.\n" * 3
    got = article(write(tmp_path / "bad.txt", data))
    assert got.text.startswith("Reuters reported the ceasefire held.\n")
    assert got.text.count("The end.") == 3


def test_utf8_with_one_corrupt_byte_stays_utf8(tmp_path: Path) -> None:
    data = "Delegates from Zürich, Genève and Malmö met. ".encode() * 3 + b"\xff end.\n"
    got = article(write(tmp_path / "mostly.txt", data))
    assert "Zürich" in got.text and "Genève" in got.text and "Malmö" in got.text


def test_whitespace_only_text_is_an_error(tmp_path: Path) -> None:
    assert error(write(tmp_path / "blank.txt", " \n\t\n")).message == "no text"


# --- HTML ---------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers meet in Geneva over grain deal | The Daily Ledger</title>
<link rel="canonical" href="https://dailyledger.example.com/world/grain-talks">
<meta property="og:title" content="Ministers meet in Geneva over grain deal">
<meta property="og:site_name" content="The Daily Ledger">
<meta name="author" content="Jane Correspondent">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies</div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main id="main">
<article>
<h1>Ministers meet in Geneva over grain deal</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>Foreign ministers from Turkey and Ukraine met in Geneva on Tuesday to discuss a renewed
agreement on grain shipments through the Black Sea, officials said.</p>
<p>The talks, brokered by the United Nations, lasted more than six hours and ended without a
joint statement, according to two diplomats familiar with the discussions.</p>
<p>Russia did not send a delegation. A spokesman for the Kremlin said Moscow would study any
proposal but rejected the framework in its current form.</p>
<p>Grain prices in Chicago rose two percent after the news, traders said, as markets weighed
the risk of further disruption to exports.</p>
</article>
<aside class="donate"><h3>Support our journalism</h3>
<p>Please donate today to keep independent reporting free for everyone.</p></aside>
</main>
<footer><p>&copy; 2023 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

BOILERPLATE = ["Skip to content", "cookies", "Share on", "Home", "Business", "Support our journalism",
               "donate", "All rights reserved", "Privacy policy"]


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    got = article(write(tmp_path / "geneva.html", NEWS_PAGE))
    assert got.doc_id == "geneva"
    assert "Foreign ministers from Turkey and Ukraine met in Geneva on Tuesday" in got.text
    assert "rose two percent after the news" in got.text
    for junk in BOILERPLATE:
        assert junk not in got.text, junk
    # Paragraphs are separated by blank lines.
    assert "officials said.\n\nThe talks, brokered" in got.text


def test_html_metadata(tmp_path: Path) -> None:
    got = article(write(tmp_path / "geneva.htm", NEWS_PAGE), published="2000-01-01")
    assert got.title == "Ministers meet in Geneva over grain deal"
    assert got.published == "2024-03-05"
    assert got.author == "Jane Correspondent"
    assert got.outlet == "The Daily Ledger"
    assert got.url == "https://dailyledger.example.com/world/grain-talks"


def test_html_without_date_uses_fallback_not_footer_year(tmp_path: Path) -> None:
    page = NEWS_PAGE.replace('<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">', "")
    got = article(write(tmp_path / "nodate.html", page), published="2024-02-29")
    assert got.published == "2024-02-29"  # trafilatura's extensive search would say 2023-01-01


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    got = article(write(tmp_path / "saved.txt", NEWS_PAGE))
    assert got.title == "Ministers meet in Geneva over grain deal"
    assert "<p>" not in got.text and "Skip to content" not in got.text
    assert "Foreign ministers from Turkey" in got.text


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="iso-8859-2"').replace(
        "Foreign ministers", "Foreign ministers from Łódź and")
    got = article(write(tmp_path / "latin2.html", page.encode("iso-8859-2")))
    assert "from Łódź and" in got.text


def test_malformed_html_gives_text_or_a_clean_error(tmp_path: Path) -> None:
    junk = b"<html><body><div><p>Officials said the <b>talks <i>would resume</p></span></td><<>>&&&; <p unclosed"
    got = one(write(tmp_path / "broken.html", junk))
    if isinstance(got, ArticleInput):
        assert "talks" in got.text and "<b>" not in got.text
    else:
        assert got.message and "\n" not in got.line()


def test_html_fragment_is_read(tmp_path: Path) -> None:
    fragment = "<p>EU leaders ended the Brussels summit on Friday without agreeing on the budget.</p>"
    got = article(write(tmp_path / "fragment.html", fragment))
    assert got.text == "EU leaders ended the Brussels summit on Friday without agreeing on the budget."


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><head><title>Empty</title></head><body><div></div></body></html>"
    assert error(write(tmp_path / "empty.html", page)).message == "no article text found in HTML"


# --- feeds --------------------------------------------------------------------------

RSS_DIGEST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>World Digest</title>
<link>https://news.example.org/</link>
<description>Summaries of the day</description>
<item>
  <title>Talks resume in Geneva</title>
  <link>https://news.example.org/geneva</link>
  <guid isPermaLink="false">geneva-0305</guid>
  <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
  <dc:creator>Ann Writer</dc:creator>
  <description>&lt;p&gt;Ministers met in &lt;b&gt;Geneva&lt;/b&gt; on Tuesday &amp;amp; agreed to meet again.&lt;/p&gt;
  &lt;p&gt;Second paragraph.&lt;/p&gt; &lt;a href="https://news.example.org/geneva"&gt;Continue reading...&lt;/a&gt;</description>
</item>
<item>
  <title>Port strike ends</title>
  <link>https://news.example.org/port</link>
  <description>Dock workers returned to work on Wednesday. Continue reading…</description>
</item>
<item>
  <title>Election called</title>
  <guid>https://news.example.org/election</guid>
  <pubDate>Thu, 07 Mar 2024 08:00:00 GMT</pubDate>
  <description>The prime minister called a snap election for May [&#8230;]</description>
</item>
</channel>
</rss>
"""


def test_rss_digest_entries_become_articles(tmp_path: Path) -> None:
    items = read(write(tmp_path / "digest.xml", RSS_DIGEST), published="2024-03-01")
    assert all(isinstance(i, ArticleInput) for i in items), items
    first, second, third = items
    assert [i.doc_id for i in items] == ["digest:geneva-0305", "digest:2", "digest:https://news.example.org/election"]
    assert first.text == "Talks resume in Geneva\n\nMinisters met in Geneva on Tuesday & agreed to meet again.\n\nSecond paragraph."
    assert first.title == "Talks resume in Geneva"
    assert first.published == "2024-03-05"  # the date the feed states, not the UTC date
    assert first.url == "https://news.example.org/geneva"
    assert first.outlet == "World Digest"
    assert first.author == "Ann Writer"
    assert first.source == f"{tmp_path / 'digest.xml'}#1"
    assert second.text == "Port strike ends\n\nDock workers returned to work on Wednesday."
    assert second.published == "2024-03-01"  # no date in the entry: the fallback
    assert third.text == "Election called\n\nThe prime minister called a snap election for May"
    assert third.published == "2024-03-07"
    for item in items:
        assert "Continue reading" not in item.text and "…" not in item.text


def test_feed_teasers_only_stripped_at_the_end(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
    <item><guid>a</guid><description>Voters said they wanted to read more</description></item>
    <item><guid>b</guid><description>&lt;p&gt;Port reopens.&lt;/p&gt;&lt;p&gt;The post Port reopens appeared first on Wire.&lt;/p&gt;</description></item>
    <item><guid>c</guid><description>Read more about the talks. The talks resume on Monday.</description></item>
    </channel></rss>"""
    assert [i.text for i in read(write(tmp_path / "w.rss", feed))] == [
        "Voters said they wanted to read more", "Port reopens.", "Read more about the talks. The talks resume on Monday."]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <id>urn:wire</id>
  <updated>2024-03-08T10:00:00Z</updated>
  <entry>
    <title>Ceasefire announced</title>
    <id>tag:wire.example,2024:1</id>
    <link rel="alternate" href="https://wire.example/1"/>
    <published>2024-03-07T22:00:00-05:00</published>
    <updated>2024-03-08T10:00:00Z</updated>
    <author><name>Bob Reporter</name></author>
    <content type="html">&lt;p&gt;Both sides agreed to a ceasefire &amp;eacute;t&amp;eacute;.&lt;/p&gt;&lt;p&gt;Monitors will deploy.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Talks to continue</title>
    <id>tag:wire.example,2024:2</id>
    <updated>2024-03-09T01:00:00+01:00</updated>
    <summary type="text">Negotiators said a &lt; b was not the issue.</summary>
  </entry>
</feed>
"""


def test_atom_feed(tmp_path: Path) -> None:
    first, second = read(write(tmp_path / "wire.atom", ATOM))
    assert isinstance(first, ArticleInput) and isinstance(second, ArticleInput)
    assert first.doc_id == "wire:tag:wire.example,2024:1"
    assert first.text == "Ceasefire announced\n\nBoth sides agreed to a ceasefire été.\n\nMonitors will deploy."
    assert first.published == "2024-03-07"
    assert first.url == "https://wire.example/1"
    assert first.author == "Bob Reporter"
    assert first.outlet == "Atom Wire"
    assert second.doc_id == "wire:tag:wire.example,2024:2"
    assert second.text == "Talks to continue\n\nNegotiators said a < b was not the issue."
    assert second.published == "2024-03-09"
    assert second.url is None  # feedparser offers the tag: id as link; not a URL


def test_feed_detected_by_content_despite_extension(tmp_path: Path) -> None:
    items = read(write(tmp_path / "feed.txt", ATOM))
    assert [i.doc_id for i in items] == ["feed:tag:wire.example,2024:1", "feed:tag:wire.example,2024:2"]


def test_feed_without_entries_is_an_error(tmp_path: Path) -> None:
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert error(write(tmp_path / "quiet.rss", empty)).message == "feed has no entries"


def test_malformed_xml_feed_is_a_clean_error(tmp_path: Path) -> None:
    broken = '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title></channel></rss>'
    got = error(write(tmp_path / "broken.xml", broken))
    assert got.message.startswith("malformed XML: mismatched tag")
    assert got.source == str(tmp_path / "broken.xml")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""


def test_billion_laughs_feed_is_refused_quickly(tmp_path: Path) -> None:
    start = time.monotonic()
    got = error(write(tmp_path / "bomb.xml", BILLION_LAUGHS))
    assert time.monotonic() - start < 2
    assert got.message == "refusing XML entity declarations (possible entity bomb)"


# --- JSON Lines ---------------------------------------------------------------------


def test_jsonl_bad_line_in_the_middle(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.jsonl", "\n".join([
        '{"id": "a1", "text": "First article.", "title": "One", "published": "2024-03-05T23:30:00-05:00",'
        ' "url": "https://x.example/a1", "outlet": "X", "author": "Ann"}',
        '{"id": "a2", "text": "Second article.",',
        '{"id": "a3", "text": "Third article."}',
    ]) + "\n")
    items = read(path, published="2024-01-01")
    assert [type(i) for i in items] == [ArticleInput, InputError, ArticleInput]
    first, bad, third = items
    assert (first.doc_id, first.text, first.title, first.published, first.url, first.outlet, first.author) == (
        "a1", "First article.", "One", "2024-03-05", "https://x.example/a1", "X", "Ann")
    assert bad.source == f"{path}:2"
    assert bad.message.startswith("invalid JSON")
    assert bad.line().startswith(f"error: {path}:2: ")
    assert (third.doc_id, third.published) == ("a3", "2024-01-01")


def test_jsonl_lines_without_id_or_text_are_errors(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.ndjson", '{"text": "no id"}\n\n{"id": "b"}\n[1, 2]\n{"id": 7, "text": "ok", "published": "5 March 2024"}\n')
    items = read(path)
    assert [(type(i).__name__, i.source) for i in items] == [
        ("InputError", f"{path}:1"), ("InputError", f"{path}:3"), ("InputError", f"{path}:4"), ("ArticleInput", f"{path}:5")]
    assert "'id'" in items[0].message and "'text'" in items[1].message
    assert (items[3].doc_id, items[3].published) == ("7", "2024-03-05")


# --- paths, directories, stdin ------------------------------------------------------


def test_directory_recursion_sorted_and_skipping_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Bravo\n\nText b.\n")
    write(tmp_path / "a" / "z.txt", "Text z.\n")
    write(tmp_path / "a" / "deeper" / "y.md", "Text y.\n")
    write(tmp_path / ".hidden.txt", "secret\n")
    write(tmp_path / ".git" / "c.txt", "not me\n")
    items = read(tmp_path)
    assert [i.doc_id for i in items] == ["y", "z", "b"]
    assert all(isinstance(i, ArticleInput) for i in items)


def test_directory_with_nothing_readable_yields_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty" / "nested").mkdir(parents=True)
    write(tmp_path / "empty" / ".only-hidden", "x")
    assert read(tmp_path / "empty") == []


def test_nonexistent_path_is_an_error(tmp_path: Path) -> None:
    got = error(tmp_path / "missing.txt")
    assert got.source == str(tmp_path / "missing.txt")
    assert got.message == "no such file or directory"


def test_stdin_text(tmp_path: Path) -> None:
    got = article("-", stdin=io.BytesIO(b"From stdin\r\n\r\nBody.\r\n"), published="2024-03-05")
    assert (got.doc_id, got.source, got.title, got.text, got.published) == (
        "stdin", "-", "From stdin", "From stdin\n\nBody.\n", "2024-03-05")


def test_stdin_jsonl_and_feed_by_content() -> None:
    items = read("-", stdin=io.BytesIO(b'{"id": "j1", "text": "one"}\n{"id": "j2"}\n'))
    assert [(type(i).__name__, i.source) for i in items] == [("ArticleInput", "-:1"), ("InputError", "-:2")]
    feed = read("-", stdin=io.BytesIO(ATOM.encode()))
    assert [i.doc_id for i in feed] == ["stdin:tag:wire.example,2024:1", "stdin:tag:wire.example,2024:2"]


def test_errors_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Fine.\n")
    items = read(tmp_path / "missing.txt", write(tmp_path / "empty.txt", b""), good)
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "ArticleInput"]


# --- refusals -----------------------------------------------------------------------


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(4096)
    assert error(write(tmp_path / "image.txt", png)).message == "binary content, not text"


def test_random_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    noise = bytes(b for b in random.Random(2).randbytes(6000) if b)
    assert error(write(tmp_path / "noise.dat", noise)).message == "binary content, not text"


def test_mostly_control_characters_are_binary(tmp_path: Path) -> None:
    # Valid UTF-8 (ASCII even), no NUL byte, but a terminal dump rather than text.
    data = b"\x1b[0m\x01\x02\x03\x04ab\x05\x06\x07\x08\x0e\x0f" * 200
    assert error(write(tmp_path / "dump.log", data)).message == "binary content, not text"


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    assert error(write(tmp_path / "empty.txt", b"")).message == "empty input"


def test_file_over_max_bytes_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 101)
    assert error(path, max_bytes=100).message == "too large: 101 bytes > 100 byte limit"
    assert isinstance(one(path, max_bytes=101), ArticleInput)


def test_50mb_file_is_refused_from_its_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        for _ in range(50):
            handle.write(b"a" * 1_000_000)
    start = time.monotonic()
    got = error(path)
    assert time.monotonic() - start < 1
    # The exact size can only come from stat: a read stops at max_bytes + 1.
    assert got.message == "too large: 50000000 bytes > 20000000 byte limit"


def test_stdin_over_max_bytes_is_an_error() -> None:
    got = error("-", stdin=io.BytesIO(b"x" * 50), max_bytes=10)
    assert got.source == "-" and got.message.startswith("too large")


def _summaries_as_nobody(paths: list[Path]) -> list[str]:
    """read_inputs(paths) as an unprivileged process (root reads any file): one
    "doc_id" or "error: ..." line per item."""
    def summaries() -> list[str]:
        return [i.doc_id if isinstance(i, ArticleInput) else i.line() for i in read(*paths)]

    if os.geteuid() != 0:
        return summaries()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop to "nobody" (modules are already imported), report, exit
        try:
            os.setgid(65534)
            os.setuid(65534)
            out = "\n".join(summaries())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent instead
            out = f"child failed: {exc!r}"
        os.write(writer, out.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        out = pipe.read().decode()
    os.waitpid(pid, 0)
    return out.split("\n")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX permissions and fork")
def test_permission_denied_is_an_error(tmp_path: Path) -> None:
    readable = write(tmp_path / "open.txt", "public\n")
    locked = write(tmp_path / "locked.txt", "secret\n")
    # pytest's temp dirs are 0700: let the unprivileged reader through them for the test.
    opened = [d for d in [tmp_path, *tmp_path.parents] if not d.stat().st_mode & 0o001]
    modes = {d: d.stat().st_mode for d in opened}
    for d in opened:
        d.chmod(modes[d] | 0o111)
    locked.chmod(0)
    try:
        # open.txt proves the directories are passable, so the refusal is locked.txt's own.
        assert _summaries_as_nobody([readable, locked]) == ["open", f"error: {locked}: permission denied"]
    finally:
        locked.chmod(0o644)
        for d in opened:
            d.chmod(modes[d])


def test_bad_published_fallback_is_the_callers_error() -> None:
    with pytest.raises(ValueError):
        read_inputs(["-"], published="05/03/2024")


def test_feed_with_undeclared_html_entity_is_still_read(tmp_path):
    feed = tmp_path / "sloppy.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><guid>s1</guid><title>Talks&nbsp;resume</title>"
        "<description>Envoys met in Vienna on Monday.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (item,) = list(read_inputs([str(feed)]))
    assert not isinstance(item, InputError), item
    assert item.doc_id == "sloppy:s1"
    assert "Envoys met in Vienna" in item.text


def test_hostile_prologs_and_long_teasers_cost_linear_time():
    """A 321-byte run of comments used to hang the format detector (exponential regex), and
    a 176 KB feed entry the teaser stripper (quadratic): each now takes milliseconds."""
    import time

    from newsledger.ingest.feeds import strip_teaser
    from newsledger.ingest.sources import detect_format, root_element

    started = time.perf_counter()
    assert detect_format("x.txt", "<!--a-->" * 40 + "!") == "text"
    assert detect_format("x.txt", "<!--a-->" * 5000 + "<rss>") == "feed"
    long_entry = "Police detained ten people." + " " * 176_000 + "x. Continue reading →"
    assert strip_teaser(long_entry).endswith("x.")
    assert time.perf_counter() - started < 2.0
    assert root_element('<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ENTITY x "y">]><rss>') == ("rss", "rss")
    assert root_element("<!doctype html>\n<html lang='en'>") == ("html", "html")
    assert root_element("Just text <b>") is None and root_element("<!-- never closed") is None
    assert strip_teaser("The minister resigned. Read more") == "The minister resigned."


def test_an_error_line_stays_one_line_whatever_the_name_holds(run_cli, tmp_path):
    forged = tmp_path / "real.txt\nerror: forged.txt"
    forged.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Police in Lagos arrested 12 protesters on Monday.", encoding="utf-8")
    result = run_cli("extract", "--published", "2023-05-10", str(forged), str(good))
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]
    assert result.returncode == 1 and len(errors) == 1 and "\\n" in errors[0]
    assert any('"kind": "article"' in line for line in result.stdout.decode().splitlines())


def test_a_closed_stdin_is_one_error_and_the_other_inputs_are_coded(tmp_path):
    import os
    import subprocess
    import sys

    good = tmp_path / "good.txt"
    good.write_text("Police in Lagos arrested 12 protesters on Monday.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsledger", "extract", "-", str(good), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(0), timeout=300,
    )
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == "error: -: standard input is closed"
    assert '"kind": "article"' in result.stdout.decode()


def test_a_deeply_nested_jsonl_line_is_its_own_error(tmp_path):
    from newsledger.ingest import read_inputs
    from newsledger.records import ArticleInput, InputError

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "Police arrested ten people."}\n'
        + '{"id": "b", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
        + '{"id": "c", "text": "Troops shelled the town."}\n',
        encoding="utf-8",
    )
    items = list(read_inputs([str(corpus)]))
    assert [i.doc_id for i in items if isinstance(i, ArticleInput)] == ["a", "c"]
    [error] = [i for i in items if isinstance(i, InputError)]
    assert error.source.endswith("c.jsonl:2") and "nested too deeply" in error.message


def test_utf8_with_two_stray_bytes_stays_utf8_with_a_warning(run_cli, tmp_path):
    text = "Germany’s foreign minister met her French counterpart in Berlin on Monday. " * 5
    data = text.encode("utf-8")
    data = data[:40] + b"\xff\xfe" + data[40:]
    article = tmp_path / "stray.txt"
    article.write_bytes(data)
    result = run_cli("extract", "--published", "2023-05-10", str(article), "--min-confidence", "0")
    assert result.returncode == 0
    assert "stray.txt: 2 invalid UTF-8 byte(s) replaced, the first at byte 40" in result.stderr.decode()
    from newsledger.ingest.decode import decode

    decoded = decode(data)
    assert "Germany’s" in decoded and decoded.count("\ufffd") == 2
    assert decode("Zürich".encode("cp1252")) == "Zürich"  # a legacy file is still read as such
