"""The client's address, worked out once (maturity.client_address) for the audit log, the sign-in
throttles and the API's rate limits; one setting, BEHIND_PROXY, decides whether the proxy is trusted."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from maturity.accounts import throttle
from maturity.api.throttling import ANONYMOUS
from maturity.client_address import client_address

PROXIED = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 192.0.2.44"}


def request_from(**meta):
    return RequestFactory().get("/", **meta)


def test_behind_a_proxy_the_client_is_the_address_the_proxy_appended(settings):
    settings.BEHIND_PROXY = True
    assert client_address(request_from(**PROXIED)) == "192.0.2.44"  # "198.51.100.1" came from the client


def test_without_a_proxy_x_forwarded_for_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert client_address(request_from(**PROXIED)) == "10.0.0.5"


def test_behind_a_proxy_without_x_forwarded_for_the_connection_is_the_client(settings):
    settings.BEHIND_PROXY = True
    assert client_address(request_from(REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"


def test_the_proxy_ssl_header_alone_does_not_make_the_proxy_trusted(settings):
    settings.BEHIND_PROXY = False
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_address(request_from(**PROXIED)) == "10.0.0.5"


@pytest.mark.parametrize("given", ["not-an-address", "1.2.3.4.5", "unknown"])
def test_an_address_that_is_not_an_ip_address_is_none(settings, given):
    settings.BEHIND_PROXY = False
    assert client_address(request_from(REMOTE_ADDR=given)) is None
    settings.BEHIND_PROXY = True
    assert client_address(request_from(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {given}")) is None


def test_an_ipv6_address_is_written_in_its_short_form(settings):
    settings.BEHIND_PROXY = False
    assert client_address(request_from(REMOTE_ADDR="2001:0db8:0000:0000:0000:0000:0000:0001")) == "2001:db8::1"


@pytest.mark.parametrize("behind_proxy, expected", [(True, "192.0.2.44"), (False, "10.0.0.5")])
def test_the_api_counts_calls_without_a_token_by_the_same_address(settings, behind_proxy, expected):
    settings.BEHIND_PROXY = behind_proxy
    assert ANONYMOUS.get_ident(request_from(**PROXIED)) == expected


def test_the_sign_in_throttle_keys_an_unknown_address_as_one_client(settings):
    limit = throttle.password_per_client()
    assert throttle._key(limit, None) == throttle._key(limit, "")
