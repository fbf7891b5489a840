"""The S3 path of the documents storage (django-storages' S3Storage), against moto's stand-in for
the S3 API, since no real store runs here: attach, download through the view, delete."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from maturity.documents.models import Document
from tests.documents import files
from tests.documents.test_documents import attach, document_url

BUCKET = "council-evidence"


@pytest.fixture
def s3_documents(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="eu-west-2")
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        settings.STORAGES = {
            **settings.STORAGES,
            "documents": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "eu-west-2",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
        }
        yield client


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_document_is_kept_in_the_bucket_served_through_the_view_and_removed_on_delete(
    client, assessment, contributor, viewer, s3_documents, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    assert attach(client, assessment).status_code == 302
    document = Document.objects.get()
    assert keys(s3_documents) == [document.stored_name]
    acl = s3_documents.get_object_acl(Bucket=BUCKET, Key=document.stored_name)
    assert not [grant for grant in acl["Grants"] if grant["Grantee"].get("URI", "").endswith("AllUsers")]

    client.force_login(viewer)
    download = client.get(document_url("download", assessment, document))
    assert download["Content-Disposition"] == 'attachment; filename="strategy.pdf"'
    assert b"".join(download.streaming_content) == files.pdf()

    client.force_login(contributor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(document_url("delete", assessment, document))
    assert keys(s3_documents) == []


def test_a_refused_file_puts_nothing_in_the_bucket(client, assessment, contributor, s3_documents):
    client.force_login(contributor)
    assert "contains macros" in attach(client, assessment, "minutes.docx", files.docm_renamed()).content.decode()
    assert keys(s3_documents) == [] and Document.objects.count() == 0


def test_setting_a_bucket_keeps_documents_in_it_privately():
    import json
    import os
    import subprocess
    import sys

    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "1",
        "DOCUMENTS_S3_BUCKET": "council-evidence",
        "DOCUMENTS_S3_ENDPOINT_URL": "https://s3.example.net",
    }
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from maturity import settings; print(json.dumps(settings.STORAGES['documents']))",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    documents = json.loads(printed)
    assert documents["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        documents["OPTIONS"]["bucket_name"],
        documents["OPTIONS"]["endpoint_url"],
        documents["OPTIONS"]["default_acl"],
    ) == ("council-evidence", "https://s3.example.net", "private")
