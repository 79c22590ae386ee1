"""The text of a PDF's streams, enough for a test to look for words in a certificate."""

import re
import zlib

_STREAM = re.compile(rb"<<((?:(?!>>).)*)>>\s*stream(?:\r\n|\n)", re.DOTALL)
_LENGTH = re.compile(rb"/Length\s+(\d+)\b")


def pdf_streams(data: bytes) -> bytes:
    """Every stream of a PDF, inflated where compressed, joined.

    Each stream is cut at its dictionary's /Length, not at the next "endstream": compressed
    bytes may end in a carriage return, which a search for the end of line would take away.
    """
    out = []
    for match in _STREAM.finditer(data):
        length = _LENGTH.search(match.group(1))
        if length is None:
            continue
        body = data[match.end() : match.end() + int(length.group(1))]
        out.append(zlib.decompress(body) if b"/FlateDecode" in match.group(1) else body)
    return b"\n".join(out)
