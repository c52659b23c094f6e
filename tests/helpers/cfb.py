"""Write a small compound file (CFB v3), enough to make Outlook .msg test files.

Real .msg samples carry someone's mail; building them from parts keeps the
tests honest about what each property holds. Streams under 4096 bytes live in
the mini stream, as in files Outlook writes.
"""

from __future__ import annotations

import struct

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def _pad(data: bytes, size: int) -> bytes:
    return data + b"\x00" * (-len(data) % size)


def _entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,  # black
        NOSTREAM,
        right,
        child,
        b"\x00" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A CFB holding the given streams at its root."""
    # CFB orders siblings by name length, then upper-cased name.
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    mini_data = b""
    mini_fat: list[int] = []
    big: list[tuple[str, bytes]] = []
    starts: dict[str, int] = {}
    for name in names:
        data = streams[name]
        if len(data) >= CUTOFF:
            big.append((name, data))
            continue
        first = len(mini_data) // MINI
        count = max(1, -(-len(data) // MINI))
        mini_fat += [first + i + 1 for i in range(count - 1)] + [END]
        mini_data += _pad(data or b"\x00", MINI)
        starts[name] = first

    # Sector 0 is the FAT; the rest follow in order: directory, mini FAT, mini stream, big streams.
    fat = [FATSECT]
    sectors: list[bytes] = []

    def place(data: bytes) -> int:
        first = len(fat)
        count = max(1, -(-len(data) // SECTOR))
        fat.extend([first + i + 1 for i in range(count - 1)] + [END])
        sectors.append(_pad(data, SECTOR))
        return first

    entries = [b""] * (1 + len(names))
    dir_first = len(fat)
    dir_count = -(-len(entries) * 128 // SECTOR)
    fat.extend([dir_first + i + 1 for i in range(dir_count - 1)] + [END])
    sectors.append(b"")  # the directory is filled in below
    mini_fat_first = place(struct.pack(f"<{len(mini_fat)}I", *mini_fat)) if mini_fat else END
    mini_first = place(mini_data) if mini_data else END
    for name, data in big:
        starts[name] = place(data)
    assert len(fat) <= SECTOR // 4, "too big for a one-sector FAT"

    entries[0] = _entry(
        "Root Entry", 5, NOSTREAM, 1 if names else NOSTREAM, mini_first, len(mini_data)
    )
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else NOSTREAM
        entries[i] = _entry(name, 2, right, NOSTREAM, starts[name], len(streams[name]))
    directory = b"".join(entries)
    directory += b"".join(
        _entry("", 0, NOSTREAM, NOSTREAM, 0, 0) for _ in range(-len(entries) % (SECTOR // 128))
    )
    sectors[0] = directory

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\x00" * 16,
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        1,  # FAT sectors
        dir_first,
        0,
        CUTOFF,
        mini_fat_first,
        1 if mini_fat else 0,
        END,
        0,
    )
    header += struct.pack("<I", 0) + struct.pack("<108I", *([FREE] * 108))
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREE] * (SECTOR // 4 - len(fat))))
    return header + fat_sector + b"".join(sectors)


def outlook_message(properties: dict[int, str], times: dict[int, int] | None = None) -> bytes:
    """A .msg: string properties (stored as UTF-16, type 001F) and PT_SYSTIME FILETIMEs."""
    streams = {
        f"__substg1.0_{prop:04X}001F": value.encode("utf-16-le")
        for prop, value in properties.items()
    }
    fixed = b"\x00" * 32 + b"".join(
        struct.pack("<IIQ", (prop << 16) | 0x0040, 2, value)
        for prop, value in (times or {}).items()
    )
    streams["__properties_version1.0"] = fixed
    return compound_file(streams)
