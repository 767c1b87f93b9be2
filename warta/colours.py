"""The theme's colours, derived from the one accent colour of `site.toml` (`warna`).

The header background, links and accents of the light and the dark scheme are
the accent with its lightness moved (hue and saturation kept) until the text
they carry, or the text they are, reaches WCAG 2.2's 4.5:1 contrast against
its background. Emitted as CSS custom properties overriding warta.css's own
(which are this derivation hand-tuned for the default red), so a site without
`warta` carries no extra bytes.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

DEFAULT_ACCENT = "#8c1b22"
TEXT_CONTRAST = 4.5
WHITE = "#ffffff"
# Backgrounds of warta.css the accent sits on or under: links are read on the page and on the soft boxes.
LIGHT_BACKGROUNDS = ("#ffffff", "#f7f4f0")
DARK_BACKGROUNDS = ("#17161a", "#221f24")


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of '#rrggbb'."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2.2 contrast ratio of two '#rrggbb' colours, 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _hls(colour: str) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))


def _hex(h: float, lightness: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lightness)), s)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def _with_lightness(colour: str, lightness: float) -> str:
    h, _, s = _hls(colour)
    return _hex(h, lightness, s)


def _until(colour: str, against: tuple[str, ...], darker: bool, ratio: float = TEXT_CONTRAST) -> str:
    """`colour`, made darker (or lighter) in 1 % steps of lightness until it contrasts `ratio`:1 with every
    colour of `against`; black or white at the end always does (against the backgrounds used here)."""
    h, lightness, s = _hls(colour)
    step = -0.01 if darker else 0.01
    candidate = colour
    for _ in range(101):
        if all(contrast(candidate, other) >= ratio for other in against):
            return candidate
        lightness += step
        candidate = _hex(h, lightness, s)
    return "#000000" if darker else WHITE


def _shift(colour: str, by: float) -> str:
    h, lightness, s = _hls(colour)
    return _hex(h, lightness + by, s)


@dataclass(frozen=True)
class Palette:
    """The accent-dependent custom properties of warta.css, for the light and the dark scheme."""

    accent: str  # the link/accent colour in light mode, also the browser's theme-color
    accent_dark: str  # its hover/pressed shade
    header: str  # header background, carries white text
    header_dark: str  # the navigation bar under it, white text
    night_accent: str
    night_accent_dark: str
    night_header: str
    night_header_dark: str

    def css(self) -> str:
        """The custom properties as a small style sheet (deterministic, one line per scheme)."""
        light = (f"--merah:{self.accent};--merah-tua:{self.accent_dark};"
                 f"--kepala:{self.header};--kepala-tua:{self.header_dark}")
        dark = (f"--merah:{self.night_accent};--merah-tua:{self.night_accent_dark};"
                f"--kepala:{self.night_header};--kepala-tua:{self.night_header_dark}")
        return f":root{{{light}}}\n@media (prefers-color-scheme:dark){{:root{{{dark}}}}}"


def palette(accent: str) -> Palette:
    """Every accent colour of the theme from `accent` ('#rrggbb', lower case)."""
    link = _until(accent, LIGHT_BACKGROUNDS, darker=True)
    header = _until(accent, (WHITE,), darker=True)
    night_link = _until(_with_lightness(accent, max(_hls(accent)[1], 0.7)), DARK_BACKGROUNDS, darker=False)
    night_header = _until(_with_lightness(accent, min(_hls(accent)[1], 0.22)), (WHITE,), darker=True, ratio=7.0)
    return Palette(
        accent=link,
        accent_dark=_until(_shift(link, -0.08), LIGHT_BACKGROUNDS, darker=True),
        header=header,
        header_dark=_shift(header, -0.07),
        night_accent=night_link,
        night_accent_dark=_until(_shift(night_link, 0.08), DARK_BACKGROUNDS, darker=False),
        night_header=night_header,
        night_header_dark=_shift(night_header, -0.07),
    )
