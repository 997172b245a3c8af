"""Write the mingw .def file of the cfgmgr32.dll shim (see README.md beside this file).

``CM_MapCrToWin32Err`` is the shim's own; every other export of Wine's cfgmgr32.dll is
forwarded to setupapi.dll, where Wine implements them. Reads the PE export table with the
standard library only.

    python cfgmgr32_def.py WINE_CFGMGR32_DLL OUT.def
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path


def export_names(dll: bytes) -> list[str]:
    """The names a PE32+ DLL exports."""
    pe = struct.unpack_from("<I", dll, 0x3C)[0]
    n_sections = struct.unpack_from("<H", dll, pe + 6)[0]
    optional_size = struct.unpack_from("<H", dll, pe + 20)[0]
    optional = pe + 24
    export_rva = struct.unpack_from("<I", dll, optional + 112)[0]  # PE32+: data directory 0
    sections = [
        struct.unpack_from("<IIII", dll, optional + optional_size + 40 * i + 8)
        for i in range(n_sections)
    ]

    def offset(rva: int) -> int:
        for virtual_size, address, raw_size, raw_offset in sections:
            if address <= rva < address + max(virtual_size, raw_size):
                return rva - address + raw_offset
        raise ValueError(f"RVA {rva:#x} is in no section")

    def cstr(rva: int) -> str:
        start = offset(rva)
        return dll[start : dll.index(b"\0", start)].decode()

    n_names = struct.unpack_from("<I", dll, offset(export_rva) + 24)[0]
    names_rva = struct.unpack_from("<I", dll, offset(export_rva) + 32)[0]
    return [
        cstr(struct.unpack_from("<I", dll, offset(names_rva) + 4 * i)[0]) for i in range(n_names)
    ]


def main(source: str, out: str) -> None:
    names = export_names(Path(source).read_bytes())
    lines = ["LIBRARY cfgmgr32.dll", "EXPORTS", "    CM_MapCrToWin32Err"]
    lines += [f"    {n} = setupapi.{n}" for n in names if n != "CM_MapCrToWin32Err"]
    Path(out).write_text("\n".join(lines) + "\n")
    print(f"cfgmgr32 shim: {len(lines) - 2} exports")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
