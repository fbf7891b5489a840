"""A signed-in person's most read pages are kept (maturity/pagecache.py) and never shown from before
a write: whoever wrote, however (a form, the API, a bulk update, raw SQL, another app server), and
whatever the page shows. docs/adr/0026-kept-signed-in-pages.md."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maturity import pagecache
from maturity.assessments.models import Response
from tests.assessments.helpers import action_data, url

AREA = "engaging-councillors"


class _Page(HTMLParser):
    """The text a person reads, and the levels chosen in the page's radios."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.words: list[str] = []
        self.checked: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and "checked" in attributes:
            self.checked[attributes["name"]] = attributes["value"]

    def handle_data(self, data):
        self.words.extend(data.split())

    @property
    def text(self) -> str:
        return " ".join(self.words)


def read(client: Client, address: str) -> _Page:
    answer = client.get(address)
    assert answer.status_code == 200
    return _Page(answer.content.decode())


def signed_in(user) -> Client:
    """A browser signed in as `user`, holding a CSRF cookie as it does after its first page."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = "k" * 32
    return client


def queries_for(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_a_page_read_again_is_served_as_kept_with_the_same_text(assessment, lead):
    client = signed_in(lead)
    for name in ("task-list", "results", "action-plan"):
        first = client.get(url(name, assessment)).content
        made = queries_for(client, url(name, assessment))  # kept by the first reading
        assert client.get(url(name, assessment)).content == first
        assert made <= 4, f"{name} made again: {made} queries"  # the session, the person, the token
    first = client.get(url("area", assessment, area_key=AREA)).content
    assert client.get(url("area", assessment, area_key=AREA)).content == first


def test_an_answer_saved_by_a_colleague_is_shown_at_once_on_every_kept_page(assessment, lead, contributor):
    reader, writer = signed_in(lead), signed_in(contributor)
    area = url("area", assessment, area_key=AREA)
    pages = [url("task-list", assessment), url("results", assessment), area]
    before = [read(reader, page).text for page in pages]
    assert read(reader, area).checked.get("current_level") is None
    writer.post(area, {"current_level": "3", "version": "0", "later": "1"})
    after = [read(reader, page) for page in pages]
    assert after[2].checked["current_level"] == "3"
    assert all(new.text != old for new, old in zip(after, before, strict=True))
    assert "In progress" in after[0].text


@pytest.mark.parametrize("how", ["bulk update", "raw SQL"])
def test_writes_that_pass_the_models_are_seen_too(assessment, lead, how):
    reader = signed_in(lead)
    area = url("area", assessment, area_key=AREA)
    assert read(reader, area).checked.get("current_level") is None
    response = assessment.responses.get(area__key=AREA)
    if how == "bulk update":
        Response.objects.filter(pk=response.pk).update(current_level=4)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {Response._meta.db_table} SET current_level = 4 WHERE id = %s", [response.pk])
    assert read(reader, area).checked["current_level"] == "4"


def test_a_write_by_another_app_server_makes_every_page_again(assessment, lead):
    """Another process's writes reach this one only through the shared cache's token."""
    reader = signed_in(lead)
    results = url("results", assessment)
    read(reader, results)
    kept = queries_for(reader, results)
    cache.set(pagecache.DATA_TOKEN, "written-by-another-server", None)
    assert queries_for(reader, results) > kept + 5


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_gives_the_data_a_new_generation_for_every_process():
    from tests.assessments.helpers import make_draft

    before = pagecache.data_generation()[0]
    draft = make_draft()
    assert pagecache.data_generation()[0] != before
    between = pagecache.data_generation()[0]
    with connection.cursor() as cursor:  # a statement outside a transaction, told at the next one
        cursor.execute(f"UPDATE {Response._meta.db_table} SET current_level = 1 WHERE assessment_id = %s", [draft.pk])
    assert pagecache.data_generation()[0] != between


def test_a_message_is_shown_once_and_never_kept(assessment, lead):
    client = signed_in(lead)
    task_list = url("task-list", assessment)
    read(client, task_list)
    saved = client.post(url("area", assessment, area_key=AREA), {"current_level": "2", "version": "0", "later": "1"})
    assert saved.status_code == 302
    assert "has been saved" in read(client, task_list).text
    assert "has been saved" not in read(client, task_list).text
    assert "has been saved" not in read(client, task_list).text  # the kept page: without the message


def test_each_person_and_language_has_their_own_page(assessment, lead, contributor):
    task_list = url("task-list", assessment)
    lena, connor = signed_in(lead), signed_in(contributor)
    assert "Lena Lead" in read(lena, task_list).text
    page = read(connor, task_list).text
    assert "Connor Contributor" in page and "Lena Lead" not in page
    lena.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert "Neidio i’r prif gynnwys" in read(lena, task_list).text


def test_losing_access_is_seen_on_a_kept_page(assessment, contributor):
    client = signed_in(contributor)
    task_list = url("task-list", assessment)
    read(client, task_list)
    contributor.memberships.all().delete()
    assert client.get(task_list).status_code in {403, 404}


def test_signing_out_is_seen_on_a_kept_page(assessment, lead):
    client = signed_in(lead)
    task_list = url("task-list", assessment)
    read(client, task_list)
    assert client.post(reverse("accounts:sign-out")).status_code == 302
    assert client.get(task_list).status_code == 302


def test_a_kept_page_is_made_again_the_next_day(assessment, lead, monkeypatch):
    """The action plan says what is overdue: a kept page never outlives its day."""
    client = signed_in(lead)
    today = timezone.localdate()
    added = client.post(
        url("add-action", assessment, area_key=AREA),
        action_data(
            **{"due_date-day": str(today.day), "due_date-month": str(today.month), "due_date-year": str(today.year)}
        ),
    )
    assert added.status_code == 302
    plan = url("action-plan", assessment)
    assert "1 overdue" not in read(client, plan).text
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "1 overdue" in read(client, plan).text


def test_statements_that_change_rows_are_told_apart_from_reads():
    writes = [
        'INSERT INTO "assessments_response" ("id") VALUES (1)',
        "update assessments_action set title = 'x'",
        'DELETE FROM "assessments_action" WHERE id = 1',
        "WITH x AS (SELECT 1) UPDATE t SET a = 1",
        'INSERT OR REPLACE INTO "t" VALUES (1)',
        "TRUNCATE t",
    ]
    reads = [
        'SELECT * FROM "assessments_response"',
        "SAVEPOINT s1",
        "RELEASE SAVEPOINT s1",
        "PRAGMA foreign_keys",
        'UPDATE "django_session" SET expire_date = now()',
        'DELETE FROM "maturity_cache" WHERE cache_key = 1',
        'CREATE TABLE "t" (id int)',
        "WITH x AS (SELECT 1) SELECT * FROM x",
    ]
    assert [pagecache.is_data_write(sql) for sql in writes] == [True] * len(writes)
    assert [pagecache.is_data_write(sql) for sql in reads] == [False] * len(reads)
