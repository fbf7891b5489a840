"""Comments in Welsh (docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

from tests.assessments.helpers import url
from tests.comments.test_comments import AREA, comments_url
from tests.welsh import english_in

CY = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def test_commenting_in_welsh(client, assessment, contributor, lead):
    client.force_login(contributor)
    refused = client.post(comments_url("add", assessment), {"text": ""}, **CY).content.decode()
    assert "Rhowch eich sylw" in refused and english_in(refused) == []
    client.post(comments_url("add", assessment), {"text": "Pwy sy’n cytuno?"}, **CY)
    page = client.get(url("area", assessment, area_key=AREA), **CY).content.decode()
    assert "Mae eich sylw wedi’i ychwanegu." in page and "Sylwadau" in page
    assert "Only members of" not in page and "Add comment" not in page
    client.force_login(lead)
    client.post(comments_url("resolve", assessment), {}, **CY)
    page = client.get(url("area", assessment, area_key=AREA), **CY).content.decode()
    assert "Datryswyd gan" in page and "Resolved by" not in page
