"""Images for the demo, drawn locally with Pillow (nothing is downloaded)."""

import io
import math
import random

from PIL import Image, ImageDraw

GOLD = (245, 196, 66)


def _star(draw, cx, cy, radius, fill):
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo(color, seed):
    """A round emblem: a gold star over rays in the school's red."""
    size = 400
    rng = random.Random(seed)
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=color)
    rays = rng.randint(8, 16)
    for i in range(rays):
        angle = 2 * math.pi * i / rays
        x, y = size / 2 + 170 * math.cos(angle), size / 2 + 170 * math.sin(angle)
        draw.line((size / 2, size / 2, x, y), fill=tuple(min(255, c + 40) for c in color), width=6)
    draw.ellipse((60, 60, size - 60, size - 60), outline=GOLD, width=10)
    _star(draw, size / 2, size / 2, 110, GOLD)
    return _png(image)


def photo(color, seed):
    """A landscape-like picture: sky, sun, layered hills and a flag, varied by seed."""
    width, height = 1200, 800
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = (rng.randint(150, 210), rng.randint(190, 230), 250), (255, 240, 220)
    for y in range(height):
        t = y / height
        draw.line(
            (0, y, width, y),
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x, sun_y = rng.randint(150, 1050), rng.randint(100, 260)
    draw.ellipse((sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70), fill=(255, 210, 120))
    for layer in range(3):
        base = 480 + layer * 100
        shade = tuple(max(0, c - 30 * layer) for c in (90, 150, 100))
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 140)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    pole_x = rng.randint(300, 900)
    draw.line((pole_x, 600, pole_x, 300), fill=(80, 80, 80), width=8)
    draw.rectangle((pole_x + 4, 300, pole_x + 164, 400), fill=color)
    _star(draw, pole_x + 40, 340, 22, GOLD)
    return _png(image)
