"""Writing emitted files so that a person's edits are never lost.

A manifest (`.stackwright-manifest.json` in the output folder) records the hash of every file
written. A file whose content differs from what was recorded was edited by hand: it is not
overwritten unless forced, and the refusal names each such file with a diff. Files that are no
longer produced are reported, never deleted. Builds into one folder take turns (a lock on the
folder), so one never checks files while another is writing them.
"""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".stackwright-manifest.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Conflict:
    path: str
    reason: str
    diff: str


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    overwritten_edits: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


class HandEditsError(Exception):
    """Files changed since stackwright wrote them; nothing was written."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__(", ".join(c.path for c in conflicts))


def _load_manifest(out: Path) -> dict[str, str]:
    path = out / MANIFEST
    if not path.exists():
        return {}
    content = _existing(path)
    if isinstance(content, str):
        raise ValueError(f"{path} is not a stackwright manifest ({content}); move it aside")
    try:
        data = json.loads(content.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        why = str(exc) if isinstance(exc, ValueError) else "nested too deep"
        raise ValueError(f"{path} is not a stackwright manifest ({why}); move it aside") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        raise ValueError(
            f"{path} is not a stackwright manifest (no mapping of files); move it aside"
        )
    return {str(k): str(v) for k, v in files.items()}


MAX_EXISTING_BYTES = 64 * 1024 * 1024  # larger than anything stackwright writes


def _existing(path: Path) -> bytes | str:
    """An existing file's bytes, or why they are not read: it is not a regular file (a pipe
    would block, a device would never end) or it is larger than any file stackwright writes."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > MAX_EXISTING_BYTES:
            return "larger than any file stackwright writes"
        return stream.read()


def _no_links_between(out: Path, relative: str) -> None:
    """Writes stay inside `out`: no folder on the way from `out` to a file may be a link."""
    for parent in reversed(Path(relative).parents[:-1]):
        if (out / parent).is_symlink():
            raise ValueError(
                f"{out / parent} is a symbolic link; stackwright writes no file through one"
            )


def _new_file_mode() -> int:
    """What a file created by `open` would get: 0666 less the process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` in one step; a file that was there keeps its mode, a new one gets the
    umask's (mkstemp alone would make every file 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _diff(path: str, on_disk: bytes, ours: bytes) -> str:
    lines = difflib.unified_diff(
        ours.decode("utf-8", "replace").splitlines(keepends=True),
        on_disk.decode("utf-8", "replace").splitlines(keepends=True),
        f"{path} (stackwright)",
        f"{path} (on disk)",
        n=1,
    )
    return "".join(lines)


@contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One build at a time in a folder: a second waits, then sees what the first wrote."""
    out.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def write_files(out: Path, files: dict[str, str], *, force: bool = False) -> WriteReport:
    """Write `files` (relative path → text) under `out`, refusing to clobber hand edits."""
    with _exclusive(out):
        return _write_files(out, files, force=force)


def _write_files(out: Path, files: dict[str, str], *, force: bool) -> WriteReport:
    manifest = _load_manifest(out)
    report = WriteReport()
    conflicts: list[Conflict] = []
    pending: dict[str, bytes] = {}
    for relative, text in sorted(files.items()):
        data = text.encode("utf-8")
        path = out / relative
        _no_links_between(out, relative)
        if path.exists():
            on_disk = _existing(path)
            if isinstance(on_disk, str):
                conflicts.append(Conflict(relative, on_disk, ""))
            elif on_disk == data:
                report.unchanged.append(relative)
                continue
            elif (recorded := manifest.get(relative)) != digest(on_disk):
                reason = (
                    "changed since stackwright wrote it"
                    if recorded
                    else "not written by stackwright"
                )
                conflicts.append(Conflict(relative, reason, _diff(relative, on_disk, data)))
        pending[relative] = data
    if conflicts and not force:
        raise HandEditsError(conflicts)
    report.overwritten_edits = [c.path for c in conflicts]
    for relative, data in pending.items():
        _atomic_write(out / relative, data)
        report.written.append(relative)
    report.stale = sorted(set(manifest) - set(files))
    new_manifest = {**manifest, **{r: digest(t.encode("utf-8")) for r, t in files.items()}}
    _atomic_write(
        out / MANIFEST,
        (
            json.dumps(
                {"generator": "stackwright", "files": dict(sorted(new_manifest.items()))}, indent=2
            )
            + "\n"
        ).encode("utf-8"),
    )
    return report
