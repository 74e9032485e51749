"""Boilerplate removal: one test per rule, must-not-remove cases, a prose property, linearity."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlekit import boilerplate
from articlekit.blocks import split_spans
from articlekit.boilerplate import Cleanup, classify_line, drop_lines, remove_boilerplate
from articlekit.lines import split_lines
from articlekit.model import RemovalReason
from articlekit.options import Options
from linearity import module_patterns, ratio, regex_work

R = RemovalReason


def _clean(text: str, options: Options | None = None) -> Cleanup:
    return remove_boilerplate(split_spans(split_lines(text)), options or Options())


def _kept(cleanup: Cleanup) -> list[str]:
    return [line.text.strip() for span in cleanup.spans for line in span.lines]


def _removed(cleanup: Cleanup) -> list[tuple[str, RemovalReason]]:
    return [(item.text, item.reason) for item in cleanup.removed]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Table of Contents", R.TABLE_OF_CONTENTS),
        ("📑 Contents", R.TABLE_OF_CONTENTS),
        ("In this article:", R.TABLE_OF_CONTENTS),
        ("Jump to:", R.TABLE_OF_CONTENTS),
        ("On this page", R.TABLE_OF_CONTENTS),
        ("Contents [hide]", R.TABLE_OF_CONTENTS),
        ("Inhaltsverzeichnis", R.TABLE_OF_CONTENTS),
        ("Advertisement", R.ADVERTISEMENT),
        ("ADVERTISEMENT", R.ADVERTISEMENT),
        ("Sponsored", R.ADVERTISEMENT),
        ("Article continues below advertisement", R.ADVERTISEMENT),
        ("Continue reading the main story", R.ADVERTISEMENT),
        ("Anzeige", R.ADVERTISEMENT),
        ("Share this post", R.SHARE),
        ("Share on X", R.SHARE),
        ("Share on WhatsApp", R.SHARE),
        ("Tweet", R.SHARE),
        ("Click to share on Reddit (Opens in new window)", R.SHARE),
        ("Follow us on Instagram", R.SHARE),
        ("Subscribe to the weekly newsletter", R.NEWSLETTER),
        ("Sign up for our free daily newsletter!", R.NEWSLETTER),
        ("Get our best stories delivered straight to your inbox", R.NEWSLETTER),
        ("Read more: The Lighthouse Keepers of the North", R.READ_MORE),
        ("READ MORE: Ten Years After the Flood", R.READ_MORE),
        ("Related: Why Bees Dance", R.READ_MORE),
        ("Also read: A Short History of Salt", R.READ_MORE),
        ("See also: Tidal power", R.READ_MORE),
        ("Article continues after this advertisement", R.ADVERTISEMENT),
        ("Lesen Sie auch: Die Stadt am Fluss", R.READ_MORE),
        ("Read more:", R.READ_MORE),
        ("Read more »", R.READ_MORE),
        ("Related posts:", R.RELATED),
        ("You might also like", R.RELATED),
        ("Recommended for you", R.RELATED),
        ("Tags: Rivers, Spring, Floods", R.TAGS),
        ("Filed under: Science", R.TAGS),
        ("© 2019 Harbour Gazette. All rights reserved.", R.FOOTER),
        ("Copyright 2020 Lakeside Press, all rights reserved", R.FOOTER),
        ("Leave a comment", R.COMMENTS),
        ("Leave a Reply", R.COMMENTS),
        ("12 Comments", R.COMMENTS),
        ("No comments yet", R.COMMENTS),
        ("Comments (12)", R.COMMENTS),
        ("Back to top", R.NAVIGATION),
        ("Skip to content", R.NAVIGATION),
    ],
)
def test_classify_line(line: str, reason: RemovalReason) -> None:
    assert classify_line(line) is reason


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply after the announcement.",
        "Read more about tide mills in our guide.",
        "Related work on this topic is scarce.",
        "Contents of the box were listed on the lid.",
        "Advertisement revenue fell by a third last year.",
        "We announced it on Facebook first.",
        "Facebook",  # alone, not in a share cluster
        "Twitter",
        "Comments from readers were mostly kind.",
        "Comments (5 posted)",
        "Tags are useful when there are few of them.",
        "Subscribe to a magazine you love and read it cover to cover.",
        "© is the copyright sign; the law protects the work without it.",
        "Sponsored by the city council, the race drew thousands.",
        "Table of contents and index were added in the second edition.",
        "Leave a comment on the draft if something is unclear, she said.",
        "Related",
        "Further reading",
        "See also",
        "Contents and form",
        "Tweet-length headlines did not help.",
        "Read more: that is what the teacher told every pupil who finished early, and it worked.",
        "",
    ],
)
def test_must_not_remove_single_line(line: str) -> None:
    assert classify_line(line) is None


def test_ad_between_paragraphs_is_removed_with_line_number() -> None:
    cleanup = _clean("Title\n\nFirst paragraph here.\n\nAdvertisement\n\nSecond paragraph here.")
    assert [(r.text, r.reason, r.line) for r in cleanup.removed] == [
        ("Advertisement", R.ADVERTISEMENT, 5)
    ]
    assert _kept(cleanup) == ["Title", "First paragraph here.", "Second paragraph here."]


def test_share_cluster_removed_but_lone_network_name_kept() -> None:
    text = "Title\n\nBody text.\n\nFacebook\n\nMore body.\n\nShare this post\n\nFacebook\n\nEmail"
    cleanup = _clean(text)
    assert _removed(cleanup) == [
        ("Share this post", R.SHARE),
        ("Facebook", R.SHARE),
        ("Email", R.SHARE),
    ]
    assert _kept(cleanup) == ["Title", "Body text.", "Facebook", "More body."]


def test_two_network_names_form_a_cluster() -> None:
    cleanup = _clean("Title\n\nBody text.\n\nTwitter\nLinkedIn")
    assert _removed(cleanup) == [("Twitter", R.SHARE), ("LinkedIn", R.SHARE)]


def test_toc_entries_that_repeat_headings_are_removed_and_reported() -> None:
    text = (
        "Title\n\nContents\n\n1. Origins\n\n2. The long winter\n\n3. Aftermath\n\n"
        "Intro paragraph of the piece.\n\nOrigins\n\nText one.\n\nThe long winter\n\n"
        "Text two.\n\nAftermath\n\nText three."
    )
    cleanup = _clean(text)
    assert _removed(cleanup) == [
        ("Contents", R.TABLE_OF_CONTENTS),
        ("1. Origins", R.TABLE_OF_CONTENTS),
        ("2. The long winter", R.TABLE_OF_CONTENTS),
        ("3. Aftermath", R.TABLE_OF_CONTENTS),
    ]
    assert sorted(cleanup.heading_lines) == [12, 16, 20]  # 0-based line indices


def test_toc_after_the_first_heading_confirms_entries_by_earlier_lines() -> None:
    text = "T\nOrigins\nJump to:\n1. Origins\n2. Winter\nText one.\nWinter\nText two."
    cleanup = _clean(text)
    assert [t for t, _ in _removed(cleanup)] == ["Jump to:", "1. Origins", "2. Winter"]
    assert sorted(cleanup.heading_lines) == [1, 6]


def test_repeated_entries_name_distinct_headings() -> None:
    text = (
        "T\nContents\nSetup\nUse\nSetup\nTuning\nIntro.\nSetup\na.\nUse\nb.\nSetup\nc.\nTuning\nd."
    )
    cleanup = _clean(text)
    assert [t for t, _ in _removed(cleanup)] == ["Contents", "Setup", "Use", "Setup", "Tuning"]
    assert sorted(cleanup.heading_lines) == [7, 9, 11, 13]


def test_toc_ends_where_the_first_entry_comes_back() -> None:
    # The body starts with the first heading, then an unlisted heading, then a heading that
    # repeats later: none of them is an entry.
    text = (
        "T\nContents\nAlpha\nBeta\nAlpha\nIntro words here.\nSetup\nText one.\nBeta\n"
        "Text two.\nSetup\nText three."
    )
    cleanup = _clean(text)
    assert [t for t, _ in _removed(cleanup)] == ["Contents", "Alpha", "Beta"]


def test_toc_entries_dashed_and_nested() -> None:
    text = (
        "T\nOn this page\n- Alpha\n  - Beta\n- Gamma\nIntro words here.\nAlpha\nx.\nBeta\ny.\nGamma"
    )
    cleanup = _clean(text)
    assert [t for t, _ in _removed(cleanup)] == ["On this page", "- Alpha", "- Beta", "- Gamma"]
    assert sorted(cleanup.heading_lines) == [6, 8, 10]


def test_toc_entry_finds_heading_that_kept_mojibake() -> None:
    text = "T\nJump to:\n1. “Snow” ($5)\n2. Rain\nIntro.\nâ€œSnowâ€\x9d ($5)\nx.\nRain\ny."
    cleanup = _clean(text)
    assert [t for t, _ in _removed(cleanup)] == ["Jump to:", "1. “Snow” ($5)", "2. Rain"]


def test_toc_marker_alone_is_removed_and_its_followers_stay() -> None:
    text = "Contents\n\nThe Title\n\nA first paragraph.\n\nA heading\n\nMore text."
    cleanup = _clean(text)
    assert _removed(cleanup) == [("Contents", R.TABLE_OF_CONTENTS)]
    assert _kept(cleanup) == ["The Title", "A first paragraph.", "A heading", "More text."]


def test_list_under_contents_label_that_names_nothing_later_stays() -> None:
    text = "Title\n\nContents\n\nTwo eggs\n\nA cup of flour\n\nMix and bake."
    cleanup = _clean(text)
    assert _removed(cleanup) == [("Contents", R.TABLE_OF_CONTENTS)]
    assert _kept(cleanup) == ["Title", "Two eggs", "A cup of flour", "Mix and bake."]


def test_title_under_top_marker_is_not_an_entry_even_if_repeated() -> None:
    text = "Contents\n\nRivers\n\nIntro paragraph here.\n\nRivers\n\nBody."
    cleanup = _clean(text)
    assert _removed(cleanup) == [("Contents", R.TABLE_OF_CONTENTS)]


def test_bare_read_more_takes_the_title_on_the_next_line_only() -> None:
    text = "T\n\nBody one.\n\nRead more:\n\nThe Other Story\n\nA Heading\n\nBody two."
    cleanup = _clean(text)
    assert _removed(cleanup) == [("Read more:", R.READ_MORE), ("The Other Story", R.READ_MORE)]
    assert _kept(cleanup) == ["T", "Body one.", "A Heading", "Body two."]


def test_bare_read_more_above_the_title_does_not_take_the_title() -> None:
    cleanup = _clean("Read more:\n\nThe Real Title\n\nBody text.")
    assert _removed(cleanup) == [("Read more:", R.READ_MORE)]
    assert _kept(cleanup) == ["The Real Title", "Body text."]


def test_see_also_label_does_not_take_the_next_line() -> None:
    cleanup = _clean("T\n\nBody one.\n\nSee also:\n\nA Heading\n\nBody two.")
    assert _removed(cleanup) == [("See also:", R.READ_MORE)]


def test_bare_read_more_followed_by_prose_takes_nothing_more() -> None:
    text = "T\n\nBody one.\n\nRead more:\n\nThe rain kept falling, and the river rose again."
    cleanup = _clean(text)
    assert _removed(cleanup) == [("Read more:", R.READ_MORE)]


def test_related_list_at_the_end_is_removed_whole() -> None:
    text = "T\n\nBody.\n\nRelated posts:\n\nOne Title\n\nAnother Title\n\nLeave a Reply"
    cleanup = _clean(text)
    assert _removed(cleanup) == [
        ("Related posts:", R.RELATED),
        ("One Title", R.RELATED),
        ("Another Title", R.RELATED),
        ("Leave a Reply", R.COMMENTS),
    ]


def test_related_list_in_the_middle_leaves_the_next_heading() -> None:
    text = (
        "T\n\nBody.\n\nYou may also like\n\nThe Lighthouse Keepers of the North\n\n"
        "Next Section Heading Here\n\nThe section's text."
    )
    cleanup = _clean(text)
    assert _removed(cleanup) == [
        ("You may also like", R.RELATED),
        ("The Lighthouse Keepers of the North", R.RELATED),
    ]
    assert "Next Section Heading Here" in _kept(cleanup)


def test_related_label_in_the_middle_spares_a_plain_list() -> None:
    text = "T\n\nBody.\n\nRelated posts:\n\nMoss and ferns\n\nsmall stones\n\nMix them well."
    cleanup = _clean(text)
    assert _removed(cleanup) == [("Related posts:", R.RELATED)]


def test_related_headlines_before_a_plain_heading_all_go() -> None:
    text = (
        "T\n\nBody.\n\nRelated posts:\n\nWhy Rivers Flood Every Spring | River News\n\n"
        "The Quiet Return of Night Trains\n\nwhat we learned\n\nThe text of the section."
    )
    cleanup = _clean(text)
    assert [t for t, _ in _removed(cleanup)] == [
        "Related posts:",
        "Why Rivers Flood Every Spring | River News",
        "The Quiet Return of Night Trains",
    ]


def test_tag_list_and_footer_and_comments() -> None:
    text = (
        "T\n\nBody.\n\nTags: Rivers, Spring\n\n© 2021 Lake News. All rights reserved.\n\n0 Comments"
    )
    assert [r for _, r in _removed(_clean(text))] == [R.TAGS, R.FOOTER, R.COMMENTS]


def test_copyright_without_rights_phrase_stays() -> None:
    assert classify_line("© 2002, 2003 A. Writer") is None


def test_removal_inside_a_span_splits_it() -> None:
    cleanup = _clean("Title\nFirst line of text.\nADVERTISEMENT\nSecond line of text.")
    assert [span.text for span in cleanup.spans] == [
        "Title\nFirst line of text.",
        "Second line of text.",
    ]
    assert cleanup.spans[0].blank_after is False
    assert cleanup.spans[1].blank_before is False


def test_drop_lines_keeps_untouched_spans_identical() -> None:
    spans = split_spans(split_lines("a\n\nb\nc\n\nd"))
    out = drop_lines(spans, frozenset({2}))
    assert out[0] is spans[0]
    assert out[-1] is spans[-1]
    assert [span.text for span in out] == ["a", "c", "d"]  # index 2 is "b" (index 1 is blank)


def test_switched_off_returns_spans_untouched() -> None:
    spans = split_spans(split_lines("T\n\nAdvertisement\n\nShare this post"))
    cleanup = remove_boilerplate(spans, Options(remove_boilerplate=False))
    assert cleanup.spans == spans
    assert cleanup.removed == ()


def test_every_removed_line_is_accounted_for() -> None:
    text = "T\n\nBody.\n\nAdvertisement\n\nTweet\n\nRead more: X Y\n\nMore body.\n\nLeave a Reply"
    cleanup = _clean(text)
    kept = _kept(cleanup)
    removed = [item.text for item in cleanup.removed]
    originals = [line.strip() for line in text.splitlines() if line.strip()]
    assert sorted(kept + removed) == sorted(originals)


_VOCABULARY = [
    "by",
    "share",
    "read",
    "more",
    "related",
    "contents",
    "advertisement",
    "sponsored",
    "tags",
    "subscribe",
    "newsletter",
    "facebook",
    "twitter",
    "comments",
    "leave",
    "reply",
    "jump",
    "to",
    "our",
    "this",
    "article",
    "the",
    "river",
    "rose",
    "and",
    "town",
    "waited",
    "inbox",
    "latest",
    "news",
    "you",
    "may",
    "also",
    "like",
    "continue",
    "reading",
    "below",
    "©",
    "rights",
]


@st.composite
def _prose_line(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_VOCABULARY), min_size=16, max_size=30))
    return " ".join(words).capitalize() + "."


@settings(max_examples=150, deadline=None)
@given(st.lists(_prose_line(), min_size=1, max_size=8), st.booleans())
def test_property_ordinary_prose_lines_are_never_removed(lines: list[str], compact: bool) -> None:
    text = ("\n" if compact else "\n\n").join(["A Title", *lines])
    cleanup = _clean(text)
    assert cleanup.removed == ()
    assert _kept(cleanup) == ["A Title", *lines]


def _adversarial(n: int) -> list[str]:
    return [
        "a" * n,
        " " * n + "x",
        "a " * n,
        ": " * n + "x",
        "a." * n + "x",
        "Read more: " * n,
        "Tags: a, " * n,
        "- " * n + "x",
        "1. " * n,
        "📑 " * n + "x",
        "© " * n,
        "share " * n,
        "get the latest " * n + "inbox",
        ", " * n + "x",
        "#a " * n,
    ]


def test_every_regex_is_linear_on_long_adversarial_lines() -> None:
    patterns = module_patterns(boilerplate)
    assert len(patterns) > 10

    def run(n: int) -> Callable[[], object]:
        return regex_work(patterns, _adversarial(n))

    assert ratio(run(2000), run(20000)) < 15


@pytest.mark.parametrize(
    "unit",
    [
        "A heading\n\nA paragraph of ordinary text, with a comma.\n\nAdvertisement\n\n"
        "Contents\n\nA heading\n\nShare this post\n\nFacebook\n\nRelated posts:\n\nSome Title\n\n",
        # One table of contents whose entries all have the same words, and their headings.
        "Setup\n",
        "Contents\nSetup\nUse\nSetup\nIntro.\n",
        "Related posts:\nThe Same Headline Again\n",
    ],
)
def test_remove_boilerplate_is_linear_in_document_size(unit: str) -> None:
    def run(n: int) -> Callable[[], object]:
        spans = split_spans(split_lines("Title\nContents\n" + unit * n))
        return lambda: remove_boilerplate(spans, Options())

    assert ratio(run(150), run(1500)) < 15
