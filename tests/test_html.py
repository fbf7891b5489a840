"""The helpers of tests/html.py, which the page tests use to read HTML as HTML."""

from __future__ import annotations

from tests.html import contains_html, count_html, element, elements, has_script, lang_of, parse, text_of, title_of

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><title>Error: Sign in &ndash; Maturity</title><style>p { color: red }</style></head>
<body>
  <h1 class="govuk-heading-l">Sign   in</h1>
  <p class="govuk-body">Signed off by <strong>Lena Lead</strong>, Head of Procurement</p>
  <p>Unclosed paragraph
  <ul><li>One</li><li>Two</li></ul>
  <a href="/one" class="govuk-link app-link" aria-current="page">Lead&#39;s page</a>
  <input type="checkbox" name="nations" value="wales" checked>
  <input type="text" name="title" value="&lt;script&gt;alert(1)&lt;/script&gt;" data-i18n.show-password="Dangos">
  <table><tr><td class="govuk-table__cell">3</td><td class="govuk-table__cell">3</td></tr></table>
  <script>window.ready = true</script>
  <p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
</body></html>"""


class FakeResponse:
    content = PAGE


def test_the_text_a_person_reads_has_entities_as_characters_and_whitespace_collapsed():
    text = text_of(PAGE)
    assert "Sign in" in text and "Signed off by Lena Lead, Head of Procurement" in text
    assert "Lead's page" in text and "<script>alert(1)</script>" in text
    assert "One Two" in text  # block elements do not run together
    assert "window.ready" not in text and "color: red" not in text and "Maturity" not in text  # script, style, head


def test_the_title_is_read_from_the_head():
    assert title_of(PAGE) == "Error: Sign in – Maturity"


def test_the_language_is_the_html_elements_lang():
    assert lang_of(PAGE) == "en"
    welsh = '<!DOCTYPE html><html class="govuk-template" lang="cy"><body><p lang="en">Hi</p></body></html>'
    assert lang_of(welsh) == "cy"
    assert lang_of("<html><body></body></html>") is None


def test_a_page_may_be_bytes_a_string_or_a_response():
    assert text_of(PAGE) == text_of(PAGE.decode()) == text_of(FakeResponse())


def test_elements_are_found_by_tag_attributes_classes_and_text():
    assert [a.get("href") for a in elements(PAGE, "a", aria_current="page")] == ["/one"]
    assert elements(PAGE, "a", class_="govuk-link") == elements(PAGE, "a", class_="app-link govuk-link")
    assert not elements(PAGE, "a", class_="govuk-button")
    assert element(PAGE, "a", text="Lead's page").get("href") == "/one"
    assert element(PAGE, "input", name="nations", value="wales", checked=True).get("type") == "checkbox"
    assert element(PAGE, "input", name="title", checked=None).get("value") == "<script>alert(1)</script>"
    assert element(PAGE, attrs={"data-i18n.show-password": "Dangos"}).tag == "input"
    assert [td.text for td in elements(PAGE, "td", class_="govuk-table__cell")] == ["3", "3"]


def test_an_unclosed_element_is_closed_by_its_parent_end_tag():
    body = element(PAGE, "body")
    assert body.tag == "body" and element(body, "h1").text == "Sign in"
    assert parse(PAGE).tag == "#document"


def test_html_is_compared_as_html_not_as_a_string():
    assert contains_html(PAGE, '<td class="govuk-table__cell">3</td>')
    assert count_html(PAGE, "<td class='govuk-table__cell'>3</td>") == 2
    assert contains_html(PAGE, '<a aria-current="page" class="govuk-link app-link" href="/one">Lead\'s page</a>')
    assert contains_html(PAGE, "<strong>Lena Lead</strong>")
    assert not contains_html(PAGE, "<strong>Lena</strong>")


def test_an_escaped_script_is_text_and_no_script_element():
    assert has_script(PAGE, "window.ready")
    assert not has_script(PAGE, "alert(1)")
    assert not has_script("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "alert(1)")
    assert has_script("<p><script>alert(1)</script></p>", "alert(1)")
