"""`maturity serve` (`make serve`): the production server with the settings from the environment,
several of them in front of one database, with throttles that count across them."""

from __future__ import annotations

import json
import re

import pytest
import requests

from tests.operations.servers import ServerDatabase, maturity, production_environment, start_server


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """MATURITY_HOME of the servers, with the static files collected as the README says."""
    home = tmp_path_factory.mktemp("servers")
    result = maturity(
        "collectstatic",
        "--noinput",
        "-v0",
        environment=production_environment(home=home, database_url=f"sqlite:///{home}/unused.sqlite3"),
    )
    assert result.returncode == 0, result.stderr
    return home


@pytest.fixture(scope="module")
def database(home):
    database = ServerDatabase(home)
    try:
        result = maturity(
            "migrate", "--noinput", "-v0", environment=production_environment(home=home, database_url=database.url)
        )
        assert result.returncode == 0, result.stderr
        yield database
    finally:
        database.drop()


@pytest.fixture(scope="module")
def environment(home, database):
    return production_environment(home=home, database_url=database.url)


@pytest.fixture
def servers():
    """Starts servers for one test and stops them after it, whatever happens."""
    started = []

    def start(environment, **options):
        server = start_server(environment, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_it_refuses_to_start_with_debug_on(home):
    result = maturity("serve", environment=production_environment(home=home, database_url="sqlite:///x", DEBUG="1"))
    assert result.returncode != 0
    assert "DEBUG is on: the production server refuses to start" in result.stderr


def test_it_refuses_to_start_without_a_secret_key(home):
    environment = production_environment(home=home, database_url="sqlite:///x")
    del environment["SECRET_KEY"]
    result = maturity("serve", environment=environment)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_it_says_to_collect_the_static_files_first(tmp_path):
    result = maturity("serve", environment=production_environment(home=tmp_path, database_url="sqlite:///x"))
    assert result.returncode != 0
    assert "run `maturity collectstatic --noinput` first" in result.stderr


def test_it_serves_pages_static_files_and_probes_and_logs_each_request(environment, servers):
    server = servers(environment)
    home = requests.get(server.url + "/", timeout=10)
    assert home.status_code == 200 and "Procurement maturity toolkit" in home.text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)  # collected, with a content hash
    css = requests.get(server.url + stylesheet, timeout=10)
    assert css.status_code == 200 and "immutable" in css.headers["Cache-Control"]
    assert requests.get(server.url + "/readyz", timeout=10).json()["status"] == "ok"
    server.stop()
    lines = [json.loads(line) for line in server.output().splitlines() if line.startswith("{")]
    served = [line for line in lines if line["logger"] == "maturity.requests"]
    assert [(line["path"], line["status"]) for line in served] == [("/", 200), (stylesheet, 200)]
    assert served[0]["request_id"] == home.headers["X-Request-ID"]
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_throttles_hold_across_two_app_servers(cache, environment, servers, request):
    if cache == "redis":
        import redis

        url = request.getfixturevalue("redis_url")
        stored = redis.Redis.from_url(url)
        for key in stored.scan_iter("maturity:*"):
            stored.delete(key)
        environment = {**environment, "REDIS_URL": url}
    first, second = servers(environment), servers(environment)

    # The API allows 120 requests a minute from a client without a token: 60 to each server.
    answers = [
        requests.get(f"{server.url}/api/v1/frameworks", timeout=10).status_code
        for _ in range(60)
        for server in (first, second)
    ]
    assert answers == [200] * 120
    refused = requests.get(f"{first.url}/api/v1/frameworks", timeout=10)
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_requests"
    assert requests.get(f"{second.url}/api/v1/frameworks", timeout=10).status_code == 429

    # Five wrong passwords for one address, spread over both servers, lock it on both.
    session = requests.Session()
    form = session.get(f"{first.url}/accounts/sign-in/", timeout=10).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    address = f"someone-{cache}@example.gov.uk"
    for attempt in range(5):
        server = (first, second)[attempt % 2]
        page = session.post(
            f"{server.url}/accounts/sign-in/",
            timeout=10,
            data={"csrfmiddlewaretoken": csrf, "email": address, "password": f"wrong {attempt}"},
            headers={"Referer": f"{server.url}/accounts/sign-in/"},
        )
        assert "Enter a correct email address and password" in page.text
    for server in (first, second):
        page = session.post(
            f"{server.url}/accounts/sign-in/",
            timeout=10,
            data={"csrfmiddlewaretoken": csrf, "email": address, "password": "wrong again"},
            headers={"Referer": f"{server.url}/accounts/sign-in/"},
        )
        assert "You have tried to sign in too many times" in page.text


def test_a_connection_the_database_closed_is_replaced_before_it_is_used(database, environment, servers):
    if database.vendor != "postgresql":
        pytest.skip("SQLite has no connections for a server to close")
    server = servers(environment, workers=1)
    assert requests.get(server.url + "/readyz", timeout=10).status_code == 200  # the worker's connection is open
    assert database.terminate_connections() >= 1  # as a database restart or a failover would
    answer = requests.get(server.url + "/readyz", timeout=10)
    assert answer.status_code == 200, answer.text
    assert requests.get(server.url + "/framework/", timeout=10).status_code == 200


def test_readyz_says_when_the_database_does_not_answer(home, database, servers):
    unreachable = (
        "postgres://postgres@127.0.0.1:1/nothing"
        if database.vendor == "postgresql"
        else f"sqlite:///{home}/no-such-folder/maturity.sqlite3"
    )
    server = servers(production_environment(home=home, database_url=unreachable))
    assert requests.get(server.url + "/healthz", timeout=10).json() == {"status": "ok"}
    ready = requests.get(server.url + "/readyz", timeout=10)
    assert ready.status_code == 503
    assert ready.json() == {
        "status": "unavailable",
        "checks": {"database": "unreachable", "migrations": "unknown", "cache": "unreachable", "jobs": "unknown"},
    }
