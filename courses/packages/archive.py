"""The zip of a package: checked whole before anything is stored, then unpacked safely.

`archive_open` refuses what is not a zip or is too big to upload; `archive_problems` lists every
reason to refuse a zip's members (too many, too big unpacked, a compression ratio of a zip bomb,
paths that would leave the package's folder, symlinks, duplicates, encryption), without reading
their contents; `archive_extract` copies the members in chunks (flat memory whatever the sizes)
into a new folder beside the final one, counting the bytes it really writes (a member's header
may lie about its size), and returns that folder for the caller to rename into place.
"""

import hashlib
import os
import re
import shutil
import stat
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CHUNK_BYTES = 1024 * 1024
# A member smaller than this is never a bomb, however well it compresses (an HTML page of
# repeated markup easily compresses 200 to 1).
RATIO_MIN_BYTES = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveInvalid(Exception):
    """The zip is refused; `problems` says why (each a translated sentence)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _size(file: BinaryIO) -> int:
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


@contextmanager
def archive_open(file: str | Path | BinaryIO) -> Iterator[zipfile.ZipFile]:
    """Opens the zip at a path or in a binary file object (read from its start).

    Raises ArchiveInvalid when the file is larger than PACKAGE_MAX_UPLOAD_BYTES or not a zip.
    """
    owned = None
    if isinstance(file, str | Path):
        owned = file = open(file, "rb")  # noqa: SIM115 (closed below)
    try:
        file.seek(0)
        if _size(file) > settings.PACKAGE_MAX_UPLOAD_BYTES:
            raise ArchiveInvalid(
                [
                    _("The file is larger than the %(limit)s a package may be.")
                    % {"limit": filesizeformat(settings.PACKAGE_MAX_UPLOAD_BYTES)}
                ]
            )
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise ArchiveInvalid([_("The file is not a zip archive.")]) from None
        with archive:
            yield archive
    finally:
        if owned is not None:
            owned.close()


def archive_sha256(file: str | Path | BinaryIO) -> str:
    """The SHA-256 of the whole file, read in chunks."""
    digest = hashlib.sha256()
    if isinstance(file, str | Path):
        with open(file, "rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                digest.update(chunk)
        return digest.hexdigest()
    file.seek(0)
    while chunk := file.read(CHUNK_BYTES):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def member_path_problem(name: str) -> str | None:
    """Why a member's name may not be unpacked (zip slip), or None when it is safe."""
    if "\\" in name or "\x00" in name:
        return _("“%(name)s”: a path in a package may not contain a backslash.") % {"name": name}
    if name.startswith("/") or _DRIVE.match(name):
        return _("“%(name)s”: a path in a package may not be absolute.") % {"name": name}
    if ".." in PurePosixPath(name).parts:
        return _("“%(name)s”: a path in a package may not contain “..”.") % {"name": name}
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def member_names(archive: zipfile.ZipFile) -> set[str]:
    """The names of the files (not folders) in the zip, as written in it."""
    return {info.filename for info in archive.infolist() if not info.is_dir()}


def archive_problems(archive: zipfile.ZipFile) -> list[str]:
    """Every reason to refuse the zip's members, from its directory alone (nothing is read)."""
    problems: list[str] = []
    infos = archive.infolist()
    files = [info for info in infos if not info.is_dir()]
    if len(files) > settings.PACKAGE_MAX_FILES:
        problems.append(
            _("The package has %(count)s files; at most %(limit)s are allowed.")
            % {"count": len(files), "limit": settings.PACKAGE_MAX_FILES}
        )
    total = sum(info.file_size for info in files)
    if total > settings.PACKAGE_MAX_UNCOMPRESSED_BYTES:
        problems.append(
            _("The package unpacks to %(size)s; at most %(limit)s is allowed.")
            % {
                "size": filesizeformat(total),
                "limit": filesizeformat(settings.PACKAGE_MAX_UNCOMPRESSED_BYTES),
            }
        )
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        problem = member_path_problem(name)
        if problem:
            problems.append(problem)
            continue
        if _is_symlink(info):
            problems.append(
                _("“%(name)s”: a package may not contain symbolic links.") % {"name": name}
            )
        if info.flag_bits & 0x1:
            problems.append(_("“%(name)s” is encrypted.") % {"name": name})
        key = name.rstrip("/")
        if key in seen:
            problems.append(_("“%(name)s” is in the zip more than once.") % {"name": name})
        seen.add(key)
        if info.file_size >= RATIO_MIN_BYTES and info.file_size > settings.PACKAGE_MAX_RATIO * max(
            info.compress_size, 1
        ):
            problems.append(
                _(
                    "“%(name)s” is compressed more than %(ratio)s to 1, as in a zip bomb; "
                    "it is refused."
                )
                % {"name": name, "ratio": settings.PACKAGE_MAX_RATIO}
            )
    return problems


def archive_extract(archive: zipfile.ZipFile) -> Path:
    """Unpacks the (checked) zip into a new folder under PACKAGE_ROOT and returns it.

    The folder's name starts with ".incoming-"; the caller renames it into place. Raises
    ArchiveInvalid (and leaves nothing) when a member unpacks to more bytes than its header
    says or than the limits allow.
    """
    root = Path(settings.PACKAGE_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".incoming-{uuid.uuid4().hex}"
    staging.mkdir()
    base = os.path.realpath(staging)
    written_total = 0
    info = None
    try:
        for info in archive.infolist():
            if member_path_problem(info.filename) or _is_symlink(info):
                raise ArchiveInvalid([_("The zip changed while it was being unpacked.")])
            target = os.path.realpath(os.path.join(base, info.filename))
            if os.path.commonpath([base, target]) != base:
                raise ArchiveInvalid(
                    [member_path_problem("../" + info.filename) or _("Unsafe path.")]
                )
            if info.is_dir():
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            written = 0
            with archive.open(info) as source, open(target, "xb") as destination:
                while chunk := source.read(CHUNK_BYTES):
                    written += len(chunk)
                    written_total += len(chunk)
                    if (
                        written > info.file_size
                        or written_total > settings.PACKAGE_MAX_UNCOMPRESSED_BYTES
                    ):
                        raise ArchiveInvalid(
                            [
                                _("“%(name)s” unpacks to more than its zip entry says.")
                                % {"name": info.filename}
                            ]
                        )
                    destination.write(chunk)
    except zipfile.BadZipFile as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ArchiveInvalid(
            [_("The zip archive is damaged (%(error)s).") % {"error": error}]
        ) from None
    except OSError as error:
        # A file and a folder of the same name, a name the file system refuses, a full disk.
        shutil.rmtree(staging, ignore_errors=True)
        raise ArchiveInvalid(
            [
                _("“%(name)s” could not be unpacked (%(error)s).")
                % {"name": info.filename if info else "", "error": error.strerror or error}
            ]
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging
