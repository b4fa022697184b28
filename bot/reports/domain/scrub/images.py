"""Pictures without what their camera wrote about them: EXIF (GPS, device, dates), XMP, IPTC, comments.

JPEG, PNG, WebP and GIF are cleaned at the container level, keeping the picture's own bytes: only
the segments or chunks that draw the picture are copied (an allow-list), so whatever an app adds
(Photoshop/IPTC blocks, vendor trailers, a motion photo's video after the image) is dropped
without having to be known. The ICC colour profile goes too (it may name the device). When the
EXIF orientation is not "upright", the picture is decoded, turned upright and encoded again (a
JPEG with its original quantisation tables); HEIC/HEIF and AVIF are decoded and sent as JPEG.

Every result is opened again with Pillow and must decode to the same size with no metadata left.
"""

from __future__ import annotations

import functools
import io
import struct
from collections.abc import Callable

from PIL import Image, ImageOps, JpegImagePlugin

from bot.reports.domain.scrub.errors import Scrubbed, UnscrubbableError

#: Extensions accepted as they are for each format; the first is the canonical one.
EXTENSIONS = {
    "JPEG": ("jpg", "jpeg", "jpe", "jfif"),
    "PNG": ("png",),
    "WEBP": ("webp",),
    "GIF": ("gif",),
    "HEIF": ("heic", "heif"),
    "AVIF": ("avif",),
}
_ORIENTATION = 0x0112
_METADATA_KEYS = frozenset(
    {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop", "iptc", "extension"}
)


def scrub_image(data: bytes, fmt: str, ext: str) -> Scrubbed:
    """The picture of ``fmt`` (a Pillow format name) without its metadata, upright."""
    image = _open(data, fmt)
    with image:
        size = image.size
        orientation = image.getexif().get(_ORIENTATION, 1)
        strip = _STRIPPERS.get(fmt)
        if strip is not None and orientation in (0, 1):
            out, out_fmt = strip(data), fmt
        else:
            out, out_fmt = _reencode(image, fmt), "JPEG" if fmt in ("HEIF", "AVIF") else fmt
            if orientation in (5, 6, 7, 8):
                size = size[::-1]
    _verify(out, out_fmt, size)
    keep = EXTENSIONS[out_fmt]
    return Scrubbed(out, ext if ext in keep else keep[0])


@functools.cache
def _register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _open(data: bytes, fmt: str) -> Image.Image:
    if fmt == "HEIF":
        _register_heif()
    try:
        image = Image.open(io.BytesIO(data), formats=[fmt])
        image.load()
    except Exception as exc:  # Pillow raises many kinds for a damaged or hostile file
        raise UnscrubbableError(
            f"the {fmt} image cannot be decoded ({type(exc).__name__})"
        ) from exc
    return image


def _reencode(image: Image.Image, fmt: str) -> bytes:
    """Decoded, turned upright and encoded again: only the pixels are written."""
    if getattr(image, "n_frames", 1) > 1:
        raise UnscrubbableError("an animated image with a rotation tag cannot be re-encoded")
    upright = ImageOps.exif_transpose(image)
    clean = upright.copy()
    clean.info = {}
    out = io.BytesIO()
    if fmt in ("JPEG", "HEIF", "AVIF"):
        if clean.mode in ("RGBA", "LA", "P", "PA"):
            rgba = clean.convert("RGBA")
            clean = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        options: dict[str, object] = {"quality": 92}
        if isinstance(image, JpegImagePlugin.JpegImageFile):
            options = {"qtables": image.quantization}
            sampling = JpegImagePlugin.get_sampling(image)
            if sampling != -1:
                options["subsampling"] = sampling
        clean.save(out, format="JPEG", **options)
    elif fmt == "WEBP":
        clean.save(out, format="WEBP", lossless=True)
    else:
        clean.save(out, format=fmt)
    return out.getvalue()


def _verify(data: bytes, fmt: str, size: tuple[int, int]) -> None:
    """The cleaned picture decodes to ``size`` and nothing but the picture is left."""
    image = _open(data, fmt)
    with image:
        left = {str(key) for key in image.info} & _METADATA_KEYS
        if image.getexif():
            left.add("exif")
        if getattr(image, "text", None):
            left.add("text")
        if image.size != size:
            raise UnscrubbableError(f"the cleaned {fmt} image changed size")
    if left:
        raise UnscrubbableError(f"metadata left in the {fmt} image: {', '.join(sorted(left))}")


def _damaged(fmt: str) -> UnscrubbableError:
    return UnscrubbableError(f"the {fmt} file is damaged")


# -- JPEG: markers -------------------------------------------------------------------------------

#: SOFn, DHT, DAC, DQT, DRI, SOS, DNL, DHP, EXP: what draws the picture.
_JPEG_STRUCTURE = frozenset({*range(0xC0, 0xD0), 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF})
#: APPn segments kept: the JFIF header and Adobe's colour-transform flag (needed for CMYK).
_JPEG_KEEP_APP = {0xE0: (b"JFIF\x00", b"JFXX\x00"), 0xEE: (b"Adobe",)}
_JPEG_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD8)})


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG's structural segments and scans, without APPn/COM segments or trailing data."""
    if data[:2] != b"\xff\xd8":
        raise _damaged("JPEG")
    out = bytearray(b"\xff\xd8")
    pos, n = 2, len(data)
    while True:
        if pos >= n or data[pos] != 0xFF:
            raise _damaged("JPEG")
        while pos < n and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            raise _damaged("JPEG")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # end of image: thumbnails and videos appended after it are dropped
            out += b"\xff\xd9"
            return bytes(out)
        if marker in _JPEG_NO_LENGTH:
            out += bytes((0xFF, marker))
            continue
        (length,) = struct.unpack_from(">H", data, pos) if pos + 2 <= n else (0,)
        if length < 2 or pos + length > n:
            raise _damaged("JPEG")
        segment, payload = data[pos - 2 : pos + length], data[pos + 2 : pos + length]
        pos += length
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            if payload.startswith(_JPEG_KEEP_APP.get(marker, ())):
                out += segment
            continue
        if marker not in _JPEG_STRUCTURE:
            raise UnscrubbableError(f"unexpected JPEG marker 0x{marker:02X}")
        out += segment
        if marker == 0xDA:  # entropy-coded data up to the next marker (not stuffing, not RSTn)
            end = pos
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= n:
                    raise _damaged("JPEG")
                follower = data[end + 1]
                if follower == 0x00 or 0xD0 <= follower <= 0xD7:
                    end += 2
                elif follower == 0xFF:
                    end += 1
                else:
                    break
            out += data[pos:end]
            pos = end


# -- PNG: chunks ---------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Critical chunks, colour and transparency, physical size, animation (APNG).
_PNG_KEEP = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD"}
    | {b"pHYs", b"hIST", b"cICP", b"acTL", b"fcTL", b"fdAT"}
)


def strip_png(data: bytes) -> bytes:
    """Only the chunks that draw the picture: no tEXt/iTXt/zTXt, eXIf, tIME, iCCP or private ones."""
    if not data.startswith(_PNG_SIGNATURE):
        raise _damaged("PNG")
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            break
        if kind in _PNG_KEEP:
            out += data[pos:end]
        if kind == b"IEND":
            return bytes(out)
        pos = end
    raise _damaged("PNG")


# -- WebP: RIFF chunks ---------------------------------------------------------------------------

_WEBP_KEEP = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"})
_VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04  # ICC profile, EXIF, XMP


def strip_webp(data: bytes) -> bytes:
    """The WebP without its ICCP, EXIF and XMP chunks, and the header saying so."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _damaged("WebP")
    body = bytearray()
    pos, end = 12, min(len(data), 8 + struct.unpack_from("<I", data, 4)[0])
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        (length,) = struct.unpack_from("<I", data, pos + 4)
        stop = pos + 8 + length + (length & 1)
        if pos + 8 + length > end:
            raise _damaged("WebP")
        chunk = bytearray(data[pos:stop])
        if kind == b"VP8X":
            chunk[8] &= ~_VP8X_METADATA_FLAGS & 0xFF
        if kind in _WEBP_KEEP:
            body += chunk
        pos = stop
    if not body:
        raise _damaged("WebP")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + bytes(body)


# -- GIF: blocks ---------------------------------------------------------------------------------

_GIF_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _sub_blocks_end(data: bytes, pos: int) -> int:
    while True:
        if pos >= len(data):
            raise _damaged("GIF")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def strip_gif(data: bytes) -> bytes:
    """The GIF's frames and their timing, without comments or application blocks (XMP, ICC)."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise _damaged("GIF")
    packed = data[10]
    pos = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    out = bytearray(data[:pos])
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # trailer
            out += b"\x3b"
            return bytes(out)
        if block == 0x2C:  # image: descriptor, local colour table, LZW data
            if pos + 10 > len(data):
                raise _damaged("GIF")
            flags = data[pos + 9]
            start = pos + 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            end = _sub_blocks_end(data, start + 1)
            out += data[pos:end]
        elif block == 0x21 and pos + 2 <= len(data):  # extension: label, sub-blocks
            label = data[pos + 1]
            end = _sub_blocks_end(data, pos + 2)
            application = data[pos + 3 : pos + 3 + data[pos + 2]] if pos + 2 < len(data) else b""
            if label in (0xF9, 0x01) or (label == 0xFF and application in _GIF_LOOPING):
                out += data[pos:end]
        else:
            raise _damaged("GIF")
        pos = end
    raise _damaged("GIF")


_STRIPPERS: dict[str, Callable[[bytes], bytes]] = {
    "JPEG": strip_jpeg,
    "PNG": strip_png,
    "WEBP": strip_webp,
    "GIF": strip_gif,
}
