"""The filters of PDF streams, to read what a PDF keeps compressed (for :mod:`resource_library.load.pdfsafety`).

Flate, LZW, ASCII hex, ASCII 85 and run length, under their long and short names,
with the PNG and TIFF predictors of ``/DecodeParms``: every filter a reader applies
to a stream of objects.  Each decoder reads its data from the start of a stream to
where its own data ends (zlib's end of stream, LZW's end code, ``>``, ``~>``, the run
length end), so it needs no ``/Length``, and counts the bytes it reads and writes
against a shared budget (``[bytes left]``): past it, :class:`Undecodable`.  Decoders
written in Python count each byte :data:`SLOW` times.  A damaged stream yields what
came before the damage, as a reader shows.
"""

from __future__ import annotations

import base64
import re
import zlib

#: How many times a byte counts against the budget in the decoders written in Python.
SLOW = 16
_SPACE = rb"\x00\t\n\x0c\r "


class Undecodable(Exception):
    """A stream this module cannot unpack, or not within the budget (the reason is its text)."""


def spend(budget: list, size: int) -> None:
    """Count ``size`` bytes of work against ``budget``."""
    budget[0] -= size
    if budget[0] < 0:
        raise Undecodable("reading it would take more work than a document needs")


def _flate(data, budget: list, parameters: dict) -> bytes:
    inflater = zlib.decompressobj()
    out = []
    for start in range(0, len(data), 65536):
        piece = data[start : start + 65536]
        try:
            chunk = inflater.decompress(piece, max(budget[0], 0) + 1)
        except zlib.error:
            break  # a reader shows what came before the damage: so is it read here
        spend(budget, len(piece) + len(chunk))
        out.append(chunk)
        if inflater.eof:
            break
    return b"".join(out)


def _lzw(data, budget: list, parameters: dict) -> bytes:
    early = 0 if parameters.get("EarlyChange") == 0 else 1
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    out = bytearray()
    width, bits, value, previous = 9, 0, 0, None
    for byte in data:
        value = (value << 8) | byte
        bits += 8
        while bits >= width:
            bits -= width
            code = (value >> bits) & ((1 << width) - 1)
            value &= (1 << bits) - 1
            if code == 256:  # clear the table
                spend(budget, SLOW)
                del table[258:]
                width, previous = 9, None
                continue
            if code == 257:  # end of data
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if previous is not None:
                    table.append(previous + entry[:1])
            elif previous is not None:
                entry = previous + previous[:1]
                table.append(entry)
            else:
                return bytes(out)  # damaged: what came before is what a reader shows
            out += entry
            spend(budget, SLOW * (len(entry) + 1))
            previous = entry
            if len(table) + early >= (1 << width) and width < 12:
                width += 1
    return bytes(out)


def _up_to(data, end: bytes, budget: list) -> bytes:
    found = re.compile(re.escape(end)).search(data)
    text = bytes(data[: found.start()] if found else data)
    spend(budget, len(text))
    return text


def _ascii_hex(data, budget: list, parameters: dict) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", _up_to(data, b">", budget))
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _ascii85(data, budget: list, parameters: dict) -> bytes:
    text = re.sub(rb"[" + _SPACE + rb"]", b"", _up_to(data, b"~>", budget))
    try:
        return base64.a85decode(text[2:] if text.startswith(b"<~") else text)
    except ValueError:
        return b""


def _run_length(data, budget: list, parameters: dict) -> bytes:
    out = bytearray()
    index = 0
    while index < len(data) and data[index] != 128:
        length = data[index]
        piece = (
            bytes(data[index + 1 : index + 2 + length])
            if length < 128
            else bytes(data[index + 1 : index + 2]) * (257 - length)
        )
        index += 2 + length if length < 128 else 2
        out += piece
        spend(budget, SLOW * (len(piece) + 1))
    return bytes(out)


_DECODERS = {
    "FlateDecode": _flate,
    "Fl": _flate,
    "LZWDecode": _lzw,
    "LZW": _lzw,
    "ASCIIHexDecode": _ascii_hex,
    "AHx": _ascii_hex,
    "ASCII85Decode": _ascii85,
    "A85": _ascii85,
    "RunLengthDecode": _run_length,
    "RL": _run_length,
}


def _unpredict(data: bytes, parameters: dict, budget: list) -> bytes:
    """``data`` with the predictor of its ``/DecodeParms`` undone (TIFF differences or PNG rows)."""
    predictor = parameters.get("Predictor", 1)
    if predictor < 2:
        return data
    spend(budget, SLOW * len(data))
    colors, bits = parameters.get("Colors", 1), parameters.get("BitsPerComponent", 8)
    pixel = max(1, (colors * bits + 7) // 8)
    row = (parameters.get("Columns", 1) * colors * bits + 7) // 8
    if not 0 < row <= 1 << 20:
        return data
    out = bytearray()
    if predictor == 2:
        for start in range(0, len(data), row):
            line = bytearray(data[start : start + row])
            for i in range(pixel, len(line)):
                line[i] = (line[i] + line[i - pixel]) & 0xFF
            out += line
        return bytes(out)
    previous = bytearray(row)
    for start in range(0, len(data), row + 1):  # a filter type byte, then the row
        kind, line = data[start], bytearray(data[start + 1 : start + 1 + row])
        for i in range(len(line)):
            left = line[i - pixel] if i >= pixel else 0
            up, corner = previous[i], previous[i - pixel] if i >= pixel else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        out += line
        previous = line + bytearray(row - len(line))
    return bytes(out)


def decode(data, filters: tuple, parameters: tuple, budget: list) -> bytes:
    for name, given in zip(filters, parameters):
        decoder = _DECODERS.get(name)
        if decoder is None:
            raise Undecodable(f"its filter /{name} is not one this check reads")
        data = decoder(data, budget, given)
        if decoder in (_flate, _lzw):
            data = _unpredict(data, given, budget)
    return bytes(data)
