"""screen: supplier screening for North Korean forced-labour and sanctions risk.

The public API mirrors the CLI::

    import screen
    results = screen.screen_file("suppliers.xlsx")
    results.write_json("results.json")
    results.write_xlsx("report.xlsx")
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("screen")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+src"

if TYPE_CHECKING:
    from screen.config import Config, load_config
    from screen.errors import ScreenError
    from screen.pipeline import screen_file, screen_frame
    from screen.reference import Reference, load_reference
    from screen.results import Results

_LAZY = {
    "Config": "screen.config",
    "load_config": "screen.config",
    "ScreenError": "screen.errors",
    "screen_file": "screen.pipeline",
    "screen_frame": "screen.pipeline",
    "Reference": "screen.reference",
    "load_reference": "screen.reference",
    "Results": "screen.results",
}


def __getattr__(name: str) -> Any:  # imported on first use: keeps `screen --help` fast
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'screen' has no attribute {name!r}")


__all__ = [
    "Config",
    "Reference",
    "Results",
    "ScreenError",
    "__version__",
    "load_config",
    "load_reference",
    "screen_file",
    "screen_frame",
]
