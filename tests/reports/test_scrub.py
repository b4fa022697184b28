"""The evidence scrubber: real files with the reporter's name and place in them come out without.

Every file is built here with the library that writes such files, scrubbed, and read back with the
same library: the metadata is gone, the content (pixels, pages and text, cells) is still there.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree as ET

import openpyxl
import pillow_heif
import pytest
from openpyxl.comments import Comment
from PIL import Image, ImageChops, ImageStat, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from bot.reports.domain.scrub import Scrubbed, UnscrubbableError, scrub, sniff

NAME = "Siti Rahayu"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b"dc:creator='Siti Rahayu'/></rdf:RDF></x:xmpmeta>"
)
STORY = "Gereja kami disegel pagi tadi"


# -- images --------------------------------------------------------------------------------------


def picture(size: tuple[int, int] = (40, 20)) -> Image.Image:
    """Not a flat colour: a flip or a lossy re-encode would show."""
    image = Image.new("RGB", size, "white")
    for x in range(size[0]):
        for y in range(size[1]):
            image.putpixel((x, y), (x * 6 % 256, y * 12 % 256, 200 if x < size[0] // 2 else 30))
    return image


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SitiPhone"  # Make
    exif[0x0110] = "Pixel Siti"  # Model
    exif[0x013B] = NAME  # Artist
    exif[0x0132] = "2026:01:02 03:04:05"  # DateTime
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0xA431] = "SN-0042-SITI"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (6.0, 1.0, 30.0)
    gps[3], gps[4] = "E", (106.0, 3.0, 0.0)
    return exif


def jpeg(orientation: int = 1) -> bytes:
    out = io.BytesIO()
    picture().save(
        out, "JPEG", quality=95, exif=camera_exif(orientation), xmp=XMP, comment=NAME.encode()
    )
    # a motion photo's video appended after the image, as some phones do
    return out.getvalue() + b"\x00\x00\x00\x18ftypmp42 Siti Rahayu video"


def png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_text("Comment", NAME, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=camera_exif())
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    picture().save(out, "WEBP", lossless=True, exif=camera_exif(), xmp=XMP)
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    picture().convert("P").save(out, "GIF", comment=NAME.encode())
    return out.getvalue()


def heic() -> bytes:
    out = io.BytesIO()
    pillow_heif.from_pillow(picture()).save(out, quality=-1, exif=camera_exif().tobytes(), xmp=XMP)
    return out.getvalue()


def no_metadata(image: Image.Image) -> None:
    assert not image.getexif()
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info)
    assert not getattr(image, "text", None)


@pytest.mark.parametrize(
    ("build", "ext", "out_ext", "fmt", "lossless"),
    [
        (jpeg, "jpg", "jpg", "JPEG", True),
        (png, "png", "png", "PNG", True),
        (webp, "webp", "webp", "WEBP", True),
        (gif, "gif", "gif", "GIF", True),
        (heic, "heic", "jpg", "JPEG", False),
    ],
)
def test_image_metadata_gone_picture_kept(
    build: Callable[[], bytes], ext: str, out_ext: str, fmt: str, lossless: bool
) -> None:
    data = build()
    assert b"Siti" in data
    result = scrub(data, ext)
    assert result.ext == out_ext
    for secret in (b"Siti", b"SITI", b"SN-0042", b"ftypmp42"):
        assert secret not in result.data
    with Image.open(io.BytesIO(result.data)) as image:
        assert image.format == fmt and image.size == (40, 20)
        no_metadata(image)
        if lossless:  # the same picture, pixel for pixel, as the original decodes to
            with Image.open(io.BytesIO(data)) as original:
                diff = ImageChops.difference(image.convert("RGB"), original.convert("RGB"))
                assert diff.getbbox() is None
        else:
            assert mean_difference(image, picture()) < 8


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return max(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean)


@pytest.mark.parametrize(
    ("orientation", "size", "turn"),
    [
        (1, (40, 20), None),
        (3, (40, 20), Image.Transpose.ROTATE_180),
        (6, (20, 40), Image.Transpose.ROTATE_270),
        (8, (20, 40), Image.Transpose.ROTATE_90),
    ],
)
def test_rotated_photo_is_turned_upright_before_its_exif_goes(
    orientation: int, size: tuple[int, int], turn: Image.Transpose | None
) -> None:
    data = jpeg(orientation)
    result = scrub(data, "jpeg")
    assert result.ext == "jpeg"
    with Image.open(io.BytesIO(result.data)) as image, Image.open(io.BytesIO(data)) as original:
        assert image.size == size
        no_metadata(image)
        stored = original.convert("RGB")  # the pixels as stored, before any turning
        upright = stored if turn is None else stored.transpose(turn)
        if turn is None:
            assert ImageChops.difference(image.convert("RGB"), upright).getbbox() is None
        else:  # re-encoded with the original's tables: close to, not equal to, the original
            assert mean_difference(image, upright) < 4
            assert mean_difference(image, upright.transpose(Image.Transpose.ROTATE_180)) > 20


def test_a_jpeg_named_txt_is_still_cleaned_as_a_jpeg() -> None:
    result = scrub(jpeg(), "txt", "text/plain")
    assert result.ext == "jpg" and b"SitiPhone" not in result.data


# -- PDF -----------------------------------------------------------------------------------------


def pdf(pages: int = 2) -> bytes:
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    photo = DecodedStreamObject()
    photo.set_data(jpeg()[: jpeg().index(b"\xff\xd9") + 2])
    photo.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(40),
            NameObject("/Height"): NumberObject(20),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    photo_ref = writer._add_object(photo)
    for number in range(1, pages + 1):
        page = writer.add_blank_page(300, 300)
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
                NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): photo_ref}),
            }
        )
        content = DecodedStreamObject()
        content.set_data(
            f"BT /F1 12 Tf 20 250 Td ({STORY} {number}) Tj ET q 40 0 0 20 20 20 cm /Im0 Do Q".encode()
        )
        page[NameObject("/Contents")] = writer._add_object(content)
        note = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Text"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 30, 30)]),
                NameObject("/Contents"): TextStringObject("lihat foto"),
                NameObject("/T"): TextStringObject(NAME),
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(note)])
    writer.add_metadata(
        {
            "/Author": NAME,
            "/Creator": "Siti's scanner",
            "/Producer": "SitiPhone PDF",
            "/Title": "Laporan Siti",
            "/Keywords": "Siti",
            "/CreationDate": "D:20260102030405+07'00'",
        }
    )
    writer.xmp_metadata = XMP
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_loses_info_xmp_annotation_author_and_photo_exif() -> None:
    data = pdf()
    assert PdfReader(io.BytesIO(data)).metadata["/Author"] == NAME
    result = scrub(data, "pdf", "application/pdf")
    assert result.ext == "pdf"
    assert b"Siti" not in result.data and b"SN-0042" not in result.data
    reader = PdfReader(io.BytesIO(result.data))
    assert not reader.metadata and reader.xmp_metadata is None
    assert len(reader.pages) == 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"{STORY} {number}" in page.extract_text()
        [note] = [a.get_object() for a in page["/Annots"]]
        assert note["/Contents"] == "lihat foto" and "/T" not in note
        [image] = page.images
        assert image.image is not None and image.image.size == (40, 20)
        assert b"SitiPhone" not in image.data
        with Image.open(io.BytesIO(image.data)) as decoded:
            assert not decoded.getexif()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1))))
    writer.encrypt("rahasia")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_attachment() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1))))
    writer.add_attachment("ktp.jpg", jpeg())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- Office Open XML -----------------------------------------------------------------------------


def xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.properties.creator = NAME
    wb.properties.lastModifiedBy = NAME
    wb.properties.title = "Daftar Siti"
    ws = wb.active
    assert ws is not None
    ws["A1"] = STORY
    ws["A1"].comment = Comment("dicatat di lokasi", NAME)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCX_PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
<Override PartName="/word/people.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>
</Types>""",
    "_rels/.rels": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{PKG}/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>
<Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/>
</Relationships>""",
    "docProps/core.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Kronologi</dc:title><dc:creator>Siti Rahayu</dc:creator>
<cp:lastModifiedBy>Siti Rahayu</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-02T03:04:05Z</dcterms:created>
</cp:coreProperties>""",
    "docProps/app.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>Microsoft Office Word</Application><Company>LBH Siti</Company>
<Manager>Siti Rahayu</Manager></Properties>""",
    "docProps/custom.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Pelapor"><vt:lpwstr>Siti Rahayu</vt:lpwstr></property></Properties>""",
    "word/_rels/document.xml.rels": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/comments" Target="comments.xml"/>
<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/people" Target="people.xml"/>
<Relationship Id="rId3" Type="{REL}/settings" Target="settings.xml"/>
<Relationship Id="rId4" Type="{REL}/image" Target="media/image1.jpeg"/>
<Relationship Id="rId5" Type="{REL}/hyperlink" Target="https://example.org/berita" TargetMode="External"/>
</Relationships>""",
    "word/_rels/settings.xml.rels": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/attachedTemplate" Target="file:///C:\\Users\\SitiRahayu\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm" TargetMode="External"/>
</Relationships>""",
    "word/document.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"><w:body>
<w:p><w:r><w:t>{STORY}</w:t></w:r><w:ins w:id="1" w:author="Siti Rahayu" w:date="2026-01-02T03:04:05Z"><w:r><w:t xml:space="preserve"> oleh aparat</w:t></w:r></w:ins>
<w:commentRangeStart w:id="0"/><w:r><w:t>author="Budi" tetap</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p>
</w:body></w:document>""",
    "word/comments.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Siti Rahayu" w:date="2026-01-02T03:04:05Z" w:initials="SR"><w:p><w:r><w:t>cek lagi</w:t></w:r></w:p></w:comment></w:comments>""",
    "word/people.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="{W15}"><w15:person w15:author="Siti Rahayu"><w15:presenceInfo w15:providerId="AD" w15:userId="S::siti.rahayu@example.org::1234"/></w15:person></w15:people>""",
    "word/settings.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}" xmlns:r="{REL}"><w:attachedTemplate r:id="rId1"/></w:settings>""",
}


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in DOCX_PARTS.items():
            archive.writestr(name, text.encode())
        archive.writestr("word/media/image1.jpeg", jpeg())
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_xlsx_loses_creator_and_comment_author_and_still_opens() -> None:
    data = xlsx()
    assert any(b"Siti" in part for part in parts_of(data).values())
    result = scrub(data, "xlsx")
    assert result.ext == "xlsx"
    for name, part in parts_of(result.data).items():
        assert b"Siti" not in part, name
    wb = openpyxl.load_workbook(io.BytesIO(result.data))
    ws = wb.active
    assert ws is not None and ws["A1"].value == STORY
    assert ws["A1"].comment is not None and ws["A1"].comment.text.startswith("dicatat di lokasi")
    assert wb.properties.creator != NAME and wb.properties.title is None
    assert len(ET.fromstring(parts_of(result.data)["docProps/core.xml"])) == 0


def test_docx_loses_properties_authors_and_paths_and_keeps_its_text() -> None:
    result = scrub(docx(), "docx")
    assert result.ext == "docx"
    parts = parts_of(result.data)
    for name, part in parts.items():
        assert b"Siti" not in part and b"SITI" not in part, name
    assert "docProps/custom.xml" not in parts
    assert b"custom" not in parts["_rels/.rels"] + parts["[Content_Types].xml"]
    for name in ("docProps/core.xml", "docProps/app.xml"):
        assert len(ET.fromstring(parts[name])) == 0  # empty, and still the right part
    assert ET.fromstring(parts["docProps/core.xml"]).tag.endswith("}coreProperties")
    comment = ET.fromstring(parts["word/comments.xml"])[0]
    assert comment.get(f"{{{W}}}author") == "Anonim" and comment.get(f"{{{W}}}date") is None
    person = ET.fromstring(parts["word/people.xml"])[0]
    assert person.get(f"{{{W15}}}author") == "Anonim"
    document = parts["word/document.xml"].decode()
    # the document's own text and namespace declarations are left as they were
    assert STORY in document and 'author="Budi" tetap' in document
    assert 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"' in document
    assert 'w:author="Anonim"' in document and "w:date" not in document
    assert b"about:blank" in parts["word/_rels/settings.xml.rels"]
    assert b"https://example.org/berita" in parts["word/_rels/document.xml.rels"]
    with Image.open(io.BytesIO(parts["word/media/image1.jpeg"])) as image:
        assert image.size == (40, 20) and not image.getexif()
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# -- audio and text ------------------------------------------------------------------------------

MPEG_FRAMES = (b"\xff\xfb\x90\x64" + bytes(413)) * 3


def mp3() -> bytes:
    frame = b"\x00" + NAME.encode()
    tpe1 = b"TPE1" + struct.pack(">I", len(frame)) + b"\x00\x00" + frame
    size = len(tpe1)
    syncsafe = bytes((size >> 21 & 0x7F, size >> 14 & 0x7F, size >> 7 & 0x7F, size & 0x7F))
    id3v1 = b"TAG" + NAME.encode().ljust(30, b"\x00") + bytes(95)
    return b"ID3\x03\x00\x00" + syncsafe + tpe1 + MPEG_FRAMES + id3v1


def test_mp3_loses_its_id3_tags_and_keeps_its_frames() -> None:
    assert scrub(mp3(), "mp3") == Scrubbed(MPEG_FRAMES, "mp3")


@pytest.mark.parametrize(
    ("data", "ext", "mime"),
    [
        (f"tanggal,kejadian\n2026-01-02,{STORY}\n".encode(), "csv", "text/csv"),
        (f"\ufeff{STORY}\n".encode(), "txt", None),
        (b"", "bin", None),
    ],
)
def test_text_without_metadata_passes_unchanged(data: bytes, ext: str, mime: str | None) -> None:
    assert scrub(data, ext, mime) == Scrubbed(data, ext)


# -- refused -------------------------------------------------------------------------------------


def mov() -> bytes:
    ftyp = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  "
    xyz = b"\x00\x00\x00\x1e\xa9xyz\x00\x12\x15\xc7-06.0000+106.0000/"
    return ftyp + struct.pack(">I", 8 + len(xyz)) + b"moov" + xyz


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("foto/siti.jpg", jpeg())
    return out.getvalue()


@pytest.mark.parametrize(
    ("build", "ext", "reason"),
    [
        (mov, "mov", "video"),
        (lambda: b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64), "mp4", "video"),
        (encrypted_pdf, "pdf", "encrypted"),
        (pdf_with_attachment, "pdf", "attached"),
        (lambda: b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "pdf", "cannot be read"),
        (lambda: xlsx()[:-200], "xlsx", "damaged"),
        (plain_zip, "zip", "not an Office document"),
        (lambda: docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "docm", "macros"),
        (lambda: docx({"word/media/logo.svg": b"<svg/>"}), "docx", "cannot be cleaned"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "doc", "legacy Office"),
        (lambda: jpeg()[:300], "jpg", "JPEG"),
        (lambda: b"\x7fELF\x02\x01\x01" + bytes(57), "bin", "not cleaned"),
        (lambda: b"Siti\x00Rahayu", "txt", "not cleaned"),
        (lambda: mp3() + b"APETAGEX" + bytes(24), "mp3", "APE"),
    ],
)
def test_files_that_cannot_be_cleaned_are_refused(
    build: Callable[[], bytes], ext: str, reason: str
) -> None:
    with pytest.raises(UnscrubbableError) as raised:
        scrub(build(), ext)
    assert reason in raised.value.reason


def test_kinds_are_told_by_their_bytes() -> None:
    assert sniff(heic()) == "HEIF"
    assert sniff(mov()) == "video"
    assert sniff(b"RIFF\x00\x00\x00\x00WAVEfmt ") == "wav"
    assert sniff(STORY.encode()) is None
