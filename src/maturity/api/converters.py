"""Path converters of the API's addresses: keys and slugs are plain ASCII, so text the database
cannot hold (a NUL character, say) never reaches a query; anything else answers 404."""

from django.urls import register_converter


class KeyConverter:
    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class VersionConverter(KeyConverter):
    regex = "[-a-zA-Z0-9_.]+"


register_converter(KeyConverter, "apikey")
register_converter(VersionConverter, "apiversion")

KEY_PATTERN = "^" + KeyConverter.regex + "$"
VERSION_PATTERN = "^" + VersionConverter.regex + "$"
