"""The certificate tests' PDF reader: a stream is read to its declared /Length."""

import zlib

from tests.courses.certificates.pdf_text import pdf_streams


def _text_whose_compressed_bytes_end_in_a_carriage_return() -> bytes:
    for number in range(100_000):
        text = f"BT (Revoked on 5 December 2026, number {number}) Tj ET".encode()
        if zlib.compress(text).endswith(b"\r"):
            return text
    raise AssertionError("no such text among the first 100,000")


def test_a_compressed_stream_ending_in_a_carriage_return_is_read_whole():
    text = _text_whose_compressed_bytes_end_in_a_carriage_return()
    body = zlib.compress(text)
    pdf = (
        b"%PDF-1.3\n1 0 obj\n<</Filter /FlateDecode /Length "
        + str(len(body)).encode()
        + b">>\nstream\n"
        + body
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    assert text in pdf_streams(pdf)


def test_an_uncompressed_stream_is_read_as_it_is():
    text = b"BT (Issued in error.) Tj ET"
    pdf = b"<</Length " + str(len(text)).encode() + b">>\nstream\n" + text + b"\nendstream\n"
    assert pdf_streams(pdf) == text
