"""Packages exchanged between the portals of two levels (docs/interchange.md): a ward's upward
proposal sent to the city, the city's decision sent back, and the awards of a period for the national
database. One ZIP: manifest.json (validated by schema/manifest-1.json) and the files it lists with
their SHA-256 checksums."""

FORMAT = "dosonthidua-interchange"
VERSION = "1.0"
# Versions this portal reads: the same major version (a minor version only adds optional fields).
SUPPORTED_MAJOR = "1"
