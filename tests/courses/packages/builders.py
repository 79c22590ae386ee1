"""Small sample packages for the tests: write a zip from a dict, and the manifests to put in it.

Every helper here returns plain text or writes a plain zip, so a test reads like the package it
builds::

    path = zip_write(tmp_path / "one.zip", scorm12_package())
    lesson = package_import(file=path, course=course)

`zip_write` takes {path inside the zip: bytes or str}; a value may also be a `Member` to set the
raw ZipInfo (symlinks, odd names). The manifest helpers take the few things tests vary.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_NAMES = (
    "scorm12_multi",
    "scorm2004_3rd_sequential",
    "scorm2004_4th_sequential",
    "cmi5_single",
    "cmi5_multi",
)
PAGE = (
    "<!doctype html><html lang='en'><head><title>{title}</title></head><body>{title}</body></html>"
)


@dataclass
class Member:
    """A zip member with its raw ZipInfo settings (for symlinks and other odd members)."""

    data: bytes | str
    external_attr: int = 0o100644 << 16
    compress_type: int = zipfile.ZIP_DEFLATED


def zip_bytes(files: dict[str, bytes | str | Member]) -> bytes:
    """The bytes of a zip holding `files` ({name: content}), in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            member = content if isinstance(content, Member) else Member(content)
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = member.external_attr
            info.compress_type = member.compress_type
            data = member.data.encode() if isinstance(member.data, str) else member.data
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_write(path: Path, files: dict[str, bytes | str | Member]) -> Path:
    """Writes the zip of `files` at `path` and returns `path`."""
    path.write_bytes(zip_bytes(files))
    return path


def sample_files(name: str) -> dict[str, bytes]:
    """The files of the sample package `samples/<name>/`, {path in the zip: bytes}; a SCORM
    sample's pages load the SCO script the samples share (`samples/shared/sco.js`), which goes
    into each one's zip."""
    folder = SAMPLES / name
    files = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    if "imsmanifest.xml" in files and any(b'src="sco.js"' in data for data in files.values()):
        files.setdefault("sco.js", (SAMPLES / "shared" / "sco.js").read_bytes())
    return files


def sample_zip(tmp_path: Path, name: str, files: dict | None = None) -> Path:
    """Zips the sample package `name` (or `files`, e.g. a changed `sample_files(name)`) into
    `tmp_path/<name>.zip`."""
    return zip_write(tmp_path / f"{name}.zip", files if files is not None else sample_files(name))


def page(title: str) -> str:
    """A tiny HTML page (a SCO's or AU's launch file)."""
    return PAGE.format(title=escape(title))


# --- SCORM 1.2 ---

SCORM12_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest identifier="{identifier}" version="1"'
    ' xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
    ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">\n'
    "<metadata><schema>ADL SCORM</schema>"
    "<schemaversion>{schemaversion}</schemaversion></metadata>\n"
)


def scorm12_manifest(
    *,
    identifier: str = "com.example.scorm12",
    title: str = "Working with data",
    scos: list[tuple[str, str, str]] | None = None,
    schemaversion: str = "1.2",
    default: str | None = None,
    extra_resources: str = "",
    mastery_score: int | None = None,
) -> str:
    """An imsmanifest.xml for SCORM 1.2: one organization with one item per SCO.

    `scos` lists (identifier, title, href); the resource of SCO "X" is "RES-X".
    """
    scos = scos if scos is not None else [("SCO-1", "Lesson one", "sco1/index.html")]
    items = "".join(
        f'<item identifier="{sco_id}" identifierref="RES-{sco_id}">'
        f"<title>{escape(sco_title)}</title>"
        + (f"<adlcp:masteryscore>{mastery_score}</adlcp:masteryscore>" if mastery_score else "")
        + "</item>\n"
        for sco_id, sco_title, _href in scos
    )
    resources = "".join(
        f'<resource identifier="RES-{sco_id}" type="webcontent" adlcp:scormtype="sco"'
        f" href={quoteattr(href)}><file href={quoteattr(href)}/></resource>\n"
        for sco_id, _title, href in scos
    )
    return (
        SCORM12_HEAD.format(identifier=escape(identifier), schemaversion=escape(schemaversion))
        + f'<organizations default="{default or "ORG-1"}">\n'
        + f'<organization identifier="ORG-1"><title>{escape(title)}</title>\n'
        + f"{items}</organization>\n"
        + "</organizations>\n"
        + f"<resources>\n{resources}{extra_resources}</resources>\n</manifest>\n"
    )


def scorm12_package(**manifest) -> dict[str, str]:
    """The files of a SCORM 1.2 package: the manifest and a page per SCO."""
    text = scorm12_manifest(**manifest)
    scos = manifest.get("scos") or [("SCO-1", "Lesson one", "sco1/index.html")]
    files = {"imsmanifest.xml": text}
    for _sco_id, sco_title, href in scos:
        files[href.split("?")[0]] = page(sco_title)
    return files


# --- SCORM 2004 ---


def scorm2004_manifest(
    *,
    identifier: str = "com.example.scorm2004",
    schemaversion: str = "2004 4th Edition",
    organization: str,
    resources: str,
    collection: str = "",
) -> str:
    """An imsmanifest.xml for SCORM 2004 around the given organization and resources XML
    (use the prefixes imsss:, adlseq:, adlnav:, adlcp:)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="{escape(identifier)}" version="1"'
        ' xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"'
        ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"'
        ' xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"'
        ' xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"'
        ' xmlns:imsss="http://www.imsglobal.org/xsd/imsss">\n'
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{escape(schemaversion)}"
        "</schemaversion></metadata>\n"
        f'<organizations default="ORG-1">{organization}</organizations>\n'
        f"<resources>{resources}</resources>\n"
        + (
            f"<imsss:sequencingCollection>{collection}</imsss:sequencingCollection>"
            if collection
            else ""
        )
        + "</manifest>\n"
    )


def scorm2004_sco(identifier: str, href: str) -> str:
    """A <resource> of a SCO with its launch file."""
    return (
        f'<resource identifier="{identifier}" type="webcontent" adlcp:scormType="sco"'
        f" href={quoteattr(href)}><file href={quoteattr(href.split('?')[0])}/></resource>\n"
    )


# --- cmi5 ---


def cmi5_course(
    *,
    course_id: str = "https://example.org/courses/equity-basics",
    title: str = "Equity basics",
    body: str | None = None,
    objectives: str = "",
) -> str:
    """A cmi5.xml course structure; `body` is the XML of its AUs and blocks (default one AU)."""
    if body is None:
        body = cmi5_au()
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">\n'
        f'<course id={quoteattr(course_id)}><title><langstring lang="en-US">{escape(title)}'
        '</langstring></title><description><langstring lang="en-US">A course.</langstring>'
        "</description></course>\n"
        + (f"<objectives>{objectives}</objectives>\n" if objectives else "")
        + body
        + "</courseStructure>\n"
    )


def cmi5_au(
    *,
    au_id: str = "https://example.org/courses/equity-basics/au/1",
    title: str = "Unit one",
    url: str = "au1/index.html",
    move_on: str | None = "Completed",
    mastery_score: str | None = None,
    launch_method: str | None = None,
    launch_parameters: str = "",
    entitlement_key: str = "",
    objectives: list[str] = (),
) -> str:
    """One <au> element."""
    attributes = f"id={quoteattr(au_id)}"
    if move_on:
        attributes += f' moveOn="{move_on}"'
    if mastery_score is not None:
        attributes += f' masteryScore="{mastery_score}"'
    if launch_method:
        attributes += f' launchMethod="{launch_method}"'
    references = "".join(f"<objectiveReference idref={quoteattr(o)}/>" for o in objectives)
    return (
        f"<au {attributes}>"
        f'<title><langstring lang="en-US">{escape(title)}</langstring>'
        f'<langstring lang="es">{escape(title)} (es)</langstring></title>'
        '<description><langstring lang="en-US">An assignable unit.</langstring></description>'
        + (f"<objectives>{references}</objectives>" if references else "")
        + (f"<url>{escape(url)}</url>" if url is not None else "")
        + (
            f"<launchParameters>{escape(launch_parameters)}</launchParameters>"
            if launch_parameters
            else ""
        )
        + (f"<entitlementKey>{escape(entitlement_key)}</entitlementKey>" if entitlement_key else "")
        + "</au>\n"
    )


def cmi5_package(xml: str | None = None, urls: list[str] = ("au1/index.html",)) -> dict[str, str]:
    """The files of a cmi5 package: cmi5.xml and a page at each (relative) AU url."""
    files = {"cmi5.xml": xml if xml is not None else cmi5_course()}
    for url in urls:
        files[url.split("?")[0]] = page(url)
    return files
