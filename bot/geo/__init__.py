"""Indonesian places: provinces and kabupaten/kota with Kemendagri codes (see ``gazetteer``)."""

from bot.geo.gazetteer import Gazetteer, PlaceMatch, Region, RegionKind, normalize

__all__ = ["Gazetteer", "PlaceMatch", "Region", "RegionKind", "normalize"]
