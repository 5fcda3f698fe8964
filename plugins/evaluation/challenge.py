"""The challenge before a browser may rate, drawn here: no third-party service sees visitors.

The sum is drawn as a PNG with jittered glyphs and crossing lines, at three sizes (a visitor
who cannot read it enlarges it), and written out in Chinese words for screen readers and for
anyone who cannot see it. It is a speed bump, not a wall: the real limits are per rater and
per address (procedure.rate, procedure.issue_rater).
"""

import io
import secrets

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

DIGITS = "零一二三四五六七八九"
SCALES = (1, 2, 3)


def in_words(number):
    """0–99 in Chinese numerals, as a person would say it (十二, 四十, 三十七)."""
    tens, units = divmod(number, 10)
    if tens == 0:
        return DIGITS[units]
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[units] if units else "")


def question(challenge):
    return _("What is %(first)s plus %(second)s? Answer in digits.") % {
        "first": in_words(challenge.first),
        "second": in_words(challenge.second),
    }


def png(challenge, scale=1):
    """The sum as an image, ``scale`` times the base size."""
    scale = scale if scale in SCALES else 1
    text = f"{challenge.first} + {challenge.second} = ?"
    size = 28 * scale
    font = ImageFont.load_default(size=size)
    width, height = 12 * scale + int(size * 0.62) * len(text), size * 2
    image = Image.new("RGB", (width, height), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    noise = secrets.SystemRandom()
    for _line in range(6):
        points = [(noise.randrange(width), noise.randrange(height)) for _point in range(2)]
        draw.line(points, fill=(160, 150, 140), width=scale)
    x = 6 * scale
    for glyph in text:
        y = size // 3 + noise.randrange(-size // 6, size // 6 + 1)
        draw.text((x, y), glyph, font=font, fill=(60 + noise.randrange(60), 20, 20))
        x += int(size * 0.62)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
