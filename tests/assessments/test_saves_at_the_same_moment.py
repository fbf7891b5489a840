"""Saves of the same area, or the same action, at the same moment from the same version: one is
saved and every other is refused with 409 Conflict, on the web and through the API, on SQLite and
on PostgreSQL, every time; never a server error ("database is locked"). Played as the attack was:
requests released together from threads, against a database with real locking
(tests/concurrency.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from maturity.api.models import ApiToken
from maturity.assessments.models import Action, Change, Response
from maturity.assessments.services import add_action
from maturity.organisations.models import Role
from tests.api.conftest import Api, assessment_path, make_token
from tests.assessments.helpers import YEAR, action_data, make_draft, url
from tests.concurrency import in_thread, shared_database, together
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 6
ROUNDS = 3


@pytest.fixture
def draft(transactional_db):
    return make_draft()


@pytest.fixture
def colleagues(draft):
    return [make_member(draft.organisation, Role.CONTRIBUTOR, f"Colleague {n}") for n in range(PEOPLE)]


def web_clients(people) -> list[Client]:
    clients = []
    for person in people:
        client = Client(raise_request_exception=False)  # a server error is an answer to count, not a crash
        client.force_login(person)
        clients.append(client)
    return clients


def api_clients(people, organisation) -> list[Api]:
    return [
        Api(make_token(person, organisation, scope=ApiToken.Scope.WRITE), client=Client(raise_request_exception=False))
        for person in people
    ]


def one_saved_and_the_rest_refused(statuses: list[int], saved: int) -> None:
    assert sorted(statuses) == [saved] + [409] * (len(statuses) - 1), statuses


def version_of(model, pk: int) -> int:
    return in_thread(lambda: model.objects.get(pk=pk).version)


def test_web_saves_of_one_area_at_the_same_moment_give_one_save_and_409s(draft, colleagues, tmp_path):
    response = draft.responses.select_related("area").order_by("area__position").first()
    address = url("area", draft, area_key=response.area.key)
    clients = web_clients(colleagues)
    with shared_database(tmp_path):
        for round_ in range(ROUNDS):
            version = version_of(Response, response.pk)

            def save(client, level):
                return lambda: (
                    client.post(
                        address,
                        {
                            "version": version,
                            "current_level": level,
                            "target_level": 5,
                            "target_year": YEAR + 1,
                            "evidence": f"Round {round_}",
                            "evidence_links": "",
                            "confidence": "high",
                            "later": "1",
                        },
                    ).status_code
                )

            one_saved_and_the_rest_refused(together([save(c, 1 + n % 4) for n, c in enumerate(clients)]), 302)
        saved = in_thread(
            lambda: (
                Response.objects.get(pk=response.pk).version,
                Change.objects.filter(subject_id=response.pk, subject="response").count(),
            )
        )
    assert saved == (ROUNDS, ROUNDS)


def test_api_saves_of_one_area_at_the_same_moment_give_one_save_and_409s(draft, colleagues, tmp_path):
    response = draft.responses.select_related("area").order_by("area__position").first()
    path = assessment_path(draft, f"responses/{response.area.key}")
    apis = api_clients(colleagues, draft.organisation)
    with shared_database(tmp_path):
        for round_ in range(ROUNDS):
            version = version_of(Response, response.pk)

            def save(api, level):
                return lambda: (
                    api.patch(
                        path,
                        {"version": version, "current_level": level, "target_level": 5, "evidence": f"Round {round_}"},
                    ).status_code
                )

            one_saved_and_the_rest_refused(together([save(a, 1 + n % 4) for n, a in enumerate(apis)]), 200)
        assert version_of(Response, response.pk) == ROUNDS


def test_changes_to_one_action_at_the_same_moment_give_one_save_and_409s_on_the_web_and_the_api(
    draft, colleagues, tmp_path
):
    area = draft.responses.select_related("area").first().area
    action = add_action(
        assessment=draft,
        area=area,
        user=colleagues[0],
        values={
            "title": "Brief cabinet",
            "description": "",
            "owner_name": "Ann Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    half = PEOPLE // 2
    clients = web_clients(colleagues[:half])
    apis = api_clients(colleagues[half:], draft.organisation)
    address = url("edit-action", draft, action_id=action.pk)
    path = assessment_path(draft, f"actions/{action.pk}")
    with shared_database(tmp_path):
        for _ in range(ROUNDS):
            version = version_of(Action, action.pk)
            web = [
                lambda c=c, n=n: c.post(address, action_data(version=str(version), title=f"Web {n}")).status_code
                for n, c in enumerate(clients)
            ]
            api = [
                lambda a=a, n=n: a.patch(path, {"version": version, "title": f"API {n}"}).status_code
                for n, a in enumerate(apis)
            ]
            statuses = together(web + api)
            assert sorted(statuses).count(409) == len(statuses) - 1, statuses
            assert set(statuses) <= {200, 302, 409}, statuses
        assert version_of(Action, action.pk) == ROUNDS
