"""The glossary's pure helpers: where a title goes in the A-Z index, and rich text as plain text."""

import pytest

from content.glossary.services import OTHER_LETTER, index_letter, rich_text_to_plain, sort_key


@pytest.mark.parametrize(
    ("title", "letter"),
    [
        ("racial equity", "R"),
        ("Équité raciale", "E"),
        ("Ñandú", "N"),
        ("“Othering”", "O"),
        ("Öffentlichkeit", "O"),
        ("2-1-1 referrals", OTHER_LETTER),
        ("Æsthetics", OTHER_LETTER),
        ("", OTHER_LETTER),
    ],
)
def test_titles_fold_to_a_letter_a_to_z(title, letter):
    assert index_letter(title) == letter


def test_accented_titles_sort_with_their_plain_letter_and_case_does_not_matter():
    titles = ["zoning", "Équité", "equity lens", "Anti-racism", "“Disparity”", "disaggregation"]
    assert sorted(titles, key=sort_key) == [
        "Anti-racism",
        "disaggregation",
        "“Disparity”",
        "Équité",
        "equity lens",
        "zoning",
    ]


def test_rich_text_becomes_plain_text_with_spaces_between_blocks():
    html = "<p>One &amp; <b>two</b>.</p><ul><li>Three</li><li>Four</li></ul><p>Five<br/>six</p>"
    assert rich_text_to_plain(html) == "One & two. Three Four Five six"
    assert rich_text_to_plain("") == ""
