"""Draw the application icon: installer/linux/proforient.png and installer/proforient.ico.

    python installer/make_icon.py

The icon is committed; run this only to change it. It needs Pillow, which
reportlab already requires.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SIZE = 256
BACKGROUND = (31, 95, 168)
ACCENT = (255, 196, 0)
FOREGROUND = (255, 255, 255)


def draw_icon() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=BACKGROUND)
    # A rising line of three steps: progress along a career path.
    draw.line([(40, 200), (100, 200), (100, 160), (160, 160), (160, 120), (216, 120)], fill=ACCENT, width=14)

    font = ImageFont.truetype(str(ROOT / "resources/fonts/DejaVuSans-Bold.ttf"), 96)
    draw.text((SIZE // 2, 78), "ПО", font=font, fill=FOREGROUND, anchor="mm")
    return image


def main() -> None:
    image = draw_icon()
    image.save(ROOT / "installer/linux/proforient.png")
    image.save(ROOT / "installer/proforient.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])


if __name__ == "__main__":
    main()
