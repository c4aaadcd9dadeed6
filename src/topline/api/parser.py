"""Request bodies are JSON whose every string is Unicode text that UTF-8 can encode.

JSON may escape a lone surrogate ("\\ud800"), and Python's json reads it into a str that no
database, log or response can encode; left alone it fails deep in a save as a server error.
The parser refuses it up front, naming where in the body it is.
"""

import json

from django.http import HttpRequest
from ninja.parser import Parser

from topline.api.errors import BodyError, field_path


def _bad_character(text: str) -> str | None:
    """The first character of `text` UTF-8 cannot encode, as a \\u escape; else None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"\\u{ord(exc.object[exc.start]):04x}"
    return None


def check_text(data) -> None:
    """Raise BodyError for the first string (value or key) in `data` that is not valid
    Unicode. Iterative: a body nested as deep as json accepts must not overflow the stack."""
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            bad = _bad_character(value)
            if bad:
                raise BodyError(
                    field_path(path),
                    f"is not valid Unicode text: it contains a lone surrogate ({bad}).",
                )
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                bad = _bad_character(key)
                if bad:
                    raise BodyError(
                        field_path(path),
                        f"has a key that is not valid Unicode text: it contains a lone "
                        f"surrogate ({bad}).",
                    )
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))


class TextParser(Parser):
    def parse_body(self, request: HttpRequest):
        data = json.loads(request.body)
        check_text(data)
        return data
