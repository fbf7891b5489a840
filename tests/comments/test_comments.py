"""Comments on an answer: a thread per area, mentions of colleagues (emailed), resolving, the count
on the task list, the warning on check your answers, and who may read and write them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity.comments import services
from maturity.comments.models import Comment
from tests.assessments.helpers import url
from tests.html import elements
from tests.jobs.support import sent_emails

AREA = "engaging-councillors"


def comments_url(name, assessment, area_key=AREA):
    return reverse(
        f"comments:{name}", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": area_key}
    )


def area_page(client, assessment, area_key=AREA) -> str:
    return client.get(url("area", assessment, area_key=area_key)).content.decode()


def test_a_contributor_comments_and_mentions_a_colleague_who_is_emailed(client, assessment, contributor, lead, viewer):
    client.force_login(contributor)
    answer = client.post(
        comments_url("add", assessment), {"text": "Is level 3 right?\nThe minutes say 2.", "mentions": [str(lead.pk)]}
    )
    assert answer.status_code == 302 and answer["Location"].endswith("#comments")
    comment = Comment.objects.get()
    assert (comment.author, comment.text, list(comment.mentions.all())) == (
        contributor,
        "Is level 3 right?\nThe minutes say 2.",
        [lead],
    )
    emails = sent_emails()
    assert [email.to for email in emails] == [[lead.email]]
    assert emails[0].subject == f"Connor Contributor mentioned you in a comment on {comment.thread.response.area.label}"
    assert "Is level 3 right?" in emails[0].body and f"/areas/{AREA}/#comments" in emails[0].body

    client.force_login(viewer)
    page = area_page(client, assessment)
    assert "Is level 3 right?" in page and "Emailed to Lena Lead" in page and "Connor Contributor" in page
    assert "Add a comment" not in page  # viewers read


def test_only_colleagues_of_the_same_organisation_can_be_mentioned(client, assessment, contributor, outsider):
    client.force_login(contributor)
    page = client.post(
        comments_url("add", assessment), {"text": "Hello", "mentions": [str(outsider.pk)]}
    ).content.decode()
    assert "Choose colleagues from the list" in page and Comment.objects.count() == 0
    assert "Oscar Outsider" not in area_page(client, assessment)
    # And the service leaves anyone else out, whatever it is given.
    comment = services.add_comment(
        response=assessment.responses.get(area__key=AREA), author=contributor, text="Hello", mentioned=[outsider]
    )
    assert list(comment.mentions.all()) == [] and sent_emails() == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Enter your comment"),
        ("   ", "Enter your comment"),
        ("x" * 5001, "Your comment must be 5,000 characters or fewer"),
    ],
)
def test_an_empty_or_long_comment_is_refused(client, assessment, contributor, text, message):
    client.force_login(contributor)
    answer = client.post(comments_url("add", assessment), {"text": text})
    assert answer.status_code == 200 and message in answer.content.decode() and Comment.objects.count() == 0


def test_a_viewer_cannot_comment_or_resolve(client, assessment, viewer, contributor):
    services.add_comment(response=assessment.responses.get(area__key=AREA), author=contributor, text="Hello")
    client.force_login(viewer)
    assert client.post(comments_url("add", assessment), {"text": "Me too"}).status_code == 403
    assert client.post(comments_url("resolve", assessment)).status_code == 403
    assert Comment.objects.count() == 1


def test_open_comments_count_on_the_task_list_until_resolved_and_a_new_comment_reopens(
    client, assessment, contributor, lead
):
    response = assessment.responses.get(area__key=AREA)
    services.add_comment(response=response, author=contributor, text="First")
    services.add_comment(response=response, author=lead, text="Second")
    client.force_login(contributor)
    assert "2 open comments" in client.get(url("task-list", assessment)).content.decode()

    assert client.post(comments_url("resolve", assessment)).status_code == 302
    assert "open comment" not in client.get(url("task-list", assessment)).content.decode()
    assert "Resolved by Connor Contributor" in area_page(client, assessment)

    client.post(comments_url("add", assessment), {"text": "Third"})
    assert "3 open comments" in client.get(url("task-list", assessment)).content.decode()
    client.post(comments_url("resolve", assessment))
    client.post(comments_url("resolve", assessment), {"reopen": "1"})
    assert "3 open comments" in client.get(url("task-list", assessment)).content.decode()


def test_check_your_answers_warns_of_open_comments(client, assessment, contributor, lead):
    response = assessment.responses.get(area__key=AREA)
    services.add_comment(response=response, author=contributor, text="Is this right?")
    client.force_login(lead)
    page = client.get(url("check", assessment)).content.decode()
    assert "Comments from colleagues are not resolved in 1 area." in page
    assert any(
        item.text == f"{response.area.label}: 1 open comment" and elements(item, "a", text=response.area.label)
        for item in elements(page, "li")
    )
    services.resolve(response=response, user=lead)
    assert "are not resolved in" not in client.get(url("check", assessment)).content.decode()


def test_comments_are_never_visible_to_another_organisation(client, assessment, contributor, outsider):
    services.add_comment(response=assessment.responses.get(area__key=AREA), author=contributor, text="Secret")
    client.force_login(outsider)
    for name in ("add", "resolve"):
        assert client.get(comments_url(name, assessment)).status_code == 404
        assert client.post(comments_url(name, assessment), {"text": "x"}).status_code == 404
    assert Comment.objects.count() == 1
