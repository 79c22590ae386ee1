"""`{% tableregion %}`: a data table scrolls inside its own labelled, focusable region."""

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load tables %}" + source).render(Context(context))


def test_table_region_is_a_focusable_region_named_by_the_caption():
    html = render(
        '{% tableregion "staff-caption" %}<table><caption id="staff-caption">Staff</caption>'
        "</table>{% endtableregion %}"
    )
    assert html.startswith(
        '<div class="table-region" role="region" aria-labelledby="staff-caption" tabindex="0">'
    )
    assert html.endswith("</table></div>")


def test_table_region_ids_made_in_a_loop_are_joined_with_hyphens():
    html = render(
        '{% for n in numbers %}{% tableregion "cycles" forloop.counter %}<table>'
        '<caption id="cycles-{{ forloop.counter }}">x</caption></table>{% endtableregion %}'
        "{% endfor %}",
        numbers=[1, 2],
    )
    assert 'aria-labelledby="cycles-1"' in html
    assert 'aria-labelledby="cycles-2"' in html


def test_table_region_keeps_the_table_markup_unescaped_and_escapes_values():
    html = render(
        '{% tableregion "c" %}<table><caption id="c">{{ name }}</caption></table>'
        "{% endtableregion %}",
        name="<b>",
    )
    assert "<table>" in html
    assert "&lt;b&gt;" in html
