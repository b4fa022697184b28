"""One way to read files: safe YAML with lines, size and encoding checks, pydantic models, one
error format (``file:line: field: what is wrong``). See ``docs/architecture.md`` ("Reading files").
"""

from bot.fileio.csvfile import CELL_LIMIT, read_csv
from bot.fileio.fields import (
    RegionCode,
    RegionList,
    Scalar,
    ScalarList,
    find_region,
    one_of,
    parse_when,
    scalar_text,
)
from bot.fileio.models import FileModel, problems_from, raise_problems, validate
from bot.fileio.problems import FileError, Problem
from bot.fileio.text import (
    MAX_CSV_BYTES,
    MAX_NLU_BYTES,
    MAX_YAML_BYTES,
    decode_text,
    read_bytes,
    read_text,
)
from bot.fileio.yamlfile import Loc, YamlDoc, dotted, parse_yaml, read_yaml, yaml_files

__all__ = [
    "CELL_LIMIT",
    "MAX_CSV_BYTES",
    "MAX_NLU_BYTES",
    "MAX_YAML_BYTES",
    "FileError",
    "FileModel",
    "Loc",
    "Problem",
    "RegionCode",
    "RegionList",
    "Scalar",
    "ScalarList",
    "YamlDoc",
    "decode_text",
    "dotted",
    "find_region",
    "one_of",
    "parse_when",
    "parse_yaml",
    "problems_from",
    "raise_problems",
    "read_bytes",
    "read_csv",
    "read_text",
    "read_yaml",
    "scalar_text",
    "validate",
    "yaml_files",
]
