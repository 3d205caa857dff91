"""The layout parameters of ``styles/layout.yaml``, and what follows from them.

The stylesheet, the line composer and the PDF check all take their numbers
from here, so a measure is written once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .content import display_path
from .content.yamldoc import Fields, Node, load_yaml
from .errors import ProblemCollector
from .model import Location
from .project import LAYOUT_FILE
from .roles import Role

if TYPE_CHECKING:  # the check reads the layout without the fonts
    from .fonts import FontSet

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class TextStyle:
    size_pt: float
    fonts: tuple[str, ...]
    weight: int = 400
    stacks: tuple[str, ...] = ()  # the names of the stacks its fonts came from

    @property
    def css_family(self) -> str:
        return ", ".join(f'"{name}"' for name in self.fonts)


@dataclass(frozen=True)
class LetterLayout:
    """The measures of the 信函格式 (GB/T 9704 10.1), layout.yaml's ``letter:``."""

    mark_below_page_top_mm: float
    mark_size_pt: float
    rule_below_mark_mm: float
    rule_above_page_bottom_mm: float
    rule_width_mm: float
    thick_rule_mm: float
    thin_rule_mm: float
    rule_gap_mm: float
    first_line_below_rule_em: float

    @property
    def double_rule_mm(self) -> float:
        """A double line's height: both its lines and the gap between them."""
        return self.thick_rule_mm + self.rule_gap_mm + self.thin_rule_mm


@dataclass(frozen=True)
class Layout:
    page_width_mm: float
    page_height_mm: float
    top_mm: float
    left_mm: float
    text_width_mm: float
    text_height_mm: float
    lines_per_page: int
    chars_per_line: int
    line_pitch_pt: float
    indent_chars: int
    text: dict[Role, TextStyle]
    dash_below_text_mm: float
    page_number_inset_chars: int
    mark_below_text_top_mm: float
    number_blank_lines: int
    rule_below_number_mm: float
    masthead_rule_mm: float
    title_blank_lines: int
    colophon_outer_rule_mm: float
    colophon_inner_rule_mm: float
    colophon_inset_chars: int
    compress_punctuation: bool
    keep_lines_after_head: int
    keep_lines_with_signature: int
    table_columns_mm: tuple[float, ...]
    table_line_height: float
    table_padding_v_pt: float
    table_padding_h_pt: float
    table_border_pt: float
    table_last_year_columns_mm: tuple[float, ...] = (22.0, 24.0)  # 上年, 增减
    seal_diameter_mm: float = 42.0
    seal_centre_above_text_mm: float = 2.5
    seal_joint_gap_mm: float = 4.0
    signature_stamp_mm: tuple[float, ...] = (40.0, 20.0)  # width, height of a 签名章
    black_cmyk: tuple[float, ...] = (0.0, 0.0, 0.0, 100.0)  # C, M, Y, K in per cent
    red_cmyk: tuple[float, ...] = (0.0, 80.0, 80.0, 0.0)
    print_profile: Path | None = None  # the ICC profile of the PDF's output intent
    letter: LetterLayout | None = None  # 信函格式 (None only in a Layout made by hand)

    @property
    def right_mm(self) -> float:
        return self.page_width_mm - self.left_mm - self.text_width_mm

    @property
    def bottom_mm(self) -> float:
        return self.page_height_mm - self.top_mm - self.text_height_mm

    @property
    def text_width_pt(self) -> float:
        return self.text_width_mm * PT_PER_MM

    @property
    def text_height_pt(self) -> float:
        return self.text_height_mm * PT_PER_MM

    @property
    def body(self) -> TextStyle:
        return self.text[Role.BODY]

    @property
    def char_pitch_pt(self) -> float:
        """Distance between the starts of neighbouring characters on a full line.

        The first character's em box starts at the left edge and the last one's
        ends at the right edge: (width - one em) / (characters - 1).
        """
        size = self.body.size_pt
        return (self.text_width_pt - size) / (self.chars_per_line - 1)

    @property
    def grid_spacing_pt(self) -> float:
        """The letter spacing that puts the grid's characters on a line (negative)."""
        return self.char_pitch_pt - self.body.size_pt

    @property
    def indent_pt(self) -> float:
        return self.indent_chars * self.char_pitch_pt


def load_layout(styles_folder: Path, file_name: str = LAYOUT_FILE) -> Layout:
    path = styles_folder / file_name
    problems = ProblemCollector()
    root = Fields(load_yaml(path, display_path(path)), problems, "layout")
    page = _section(root, "page", problems)
    grid = _section(root, "grid", problems)
    page_number = _section(root, "page_number", problems)
    masthead = _section(root, "masthead", problems)
    letter = _section(root, "letter", problems)
    colophon = _section(root, "colophon", problems)
    seal = _section(root, "seal", problems)
    pages = _section(root, "pages", problems)
    table = _section(root, "summary_table", problems)
    ink = _section(root, "print", problems)
    text_node = root.mapping("text")
    stacks = _stacks(root.mapping("stacks", required=False), problems)
    root.finish()
    text_fields = Fields(text_node, problems, "text") if text_node else None
    styles = {}
    if text_fields is not None:
        for role in Role:
            node = text_fields.mapping(role)
            if node is None:
                continue
            fields = Fields(node, problems, f"text style '{role}'")
            size = fields.number("size_pt", minimum=1)
            named = fields.texts("fonts")
            fonts = tuple(family for name in named or () for family in stacks.get(name, (name,)))
            weight = fields.number("weight", required=False, minimum=100) or 400
            fields.finish()
            if size is not None and fonts:
                styles[role] = TextStyle(size, fonts, int(weight),
                                         tuple(name for name in named if name in stacks))
        text_fields.finish()
    values = {
        "page_width_mm": page.number("width_mm", minimum=1),
        "page_height_mm": page.number("height_mm", minimum=1),
        "top_mm": page.number("top_mm"),
        "left_mm": page.number("left_mm"),
        "text_width_mm": page.number("text_width_mm", minimum=1),
        "text_height_mm": page.number("text_height_mm", minimum=1),
        "lines_per_page": grid.number("lines_per_page", minimum=1),
        "chars_per_line": grid.number("chars_per_line", minimum=2),
        "line_pitch_pt": grid.number("line_pitch_pt", minimum=1),
        "indent_chars": grid.number("indent_chars"),
        "dash_below_text_mm": page_number.number("dash_below_text_mm"),
        "page_number_inset_chars": page_number.number("inset_chars"),
        "mark_below_text_top_mm": masthead.number("mark_below_text_top_mm"),
        "number_blank_lines": masthead.number("number_blank_lines"),
        "rule_below_number_mm": masthead.number("rule_below_number_mm"),
        "masthead_rule_mm": masthead.number("rule_mm"),
        "title_blank_lines": masthead.number("title_blank_lines"),
        "colophon_outer_rule_mm": colophon.number("outer_rule_mm"),
        "colophon_inner_rule_mm": colophon.number("inner_rule_mm"),
        "colophon_inset_chars": colophon.number("inset_chars"),
        "compress_punctuation": grid.boolean("compress_punctuation", default=True),
        "keep_lines_after_head": pages.number("keep_lines_after_head"),
        "keep_lines_with_signature": pages.number("keep_lines_with_signature", minimum=1),
        "table_line_height": table.number("line_height", minimum=1),
        "table_border_pt": table.number("border_pt"),
        "seal_diameter_mm": seal.number("diameter_mm", minimum=10),
        "seal_centre_above_text_mm": seal.number("centre_above_text_mm"),
        "seal_joint_gap_mm": seal.number("joint_gap_mm", minimum=0.5),
    }
    values["signature_stamp_mm"] = seal.numbers("signature_stamp_mm", count=2)
    columns = table.numbers("columns_mm", count=3)
    values["table_last_year_columns_mm"] = table.numbers("last_year_columns_mm", count=2)
    padding = table.numbers("padding_pt", count=2)
    values["black_cmyk"] = _cmyk(ink, "black_cmyk", problems)
    values["red_cmyk"] = _cmyk(ink, "red_cmyk", problems)
    values["print_profile"] = _print_profile(ink, styles_folder, problems)
    values["letter"] = _letter(letter, problems)
    for finished in (page, grid, page_number, masthead, colophon, seal, pages, table, ink,
                     letter):
        finished.finish()
    problems.raise_if_any()
    for key in ("lines_per_page", "chars_per_line", "indent_chars", "page_number_inset_chars",
                "number_blank_lines", "title_blank_lines", "colophon_inset_chars",
                "keep_lines_after_head", "keep_lines_with_signature"):
        values[key] = int(values[key])
    values["table_columns_mm"] = columns
    values["table_padding_v_pt"], values["table_padding_h_pt"] = padding
    return Layout(text=styles, **values)


def _letter(fields: Fields, problems: ProblemCollector) -> LetterLayout | None:
    values = {name: fields.number(name, minimum=0.01 if name.endswith("_pt") else 0)
              for name in LetterLayout.__dataclass_fields__}
    if any(value is None for value in values.values()):
        return None  # reported
    return LetterLayout(**values)


def _stacks(node: Node | None, problems: ProblemCollector) -> dict[str, tuple[str, ...]]:
    """Named lists of font families, which a role's ``fonts`` may name."""
    if node is None:
        return {}
    fields = Fields(node, problems, "stacks")
    names = list(node.value) if isinstance(node.value, dict) else []
    stacks = {name: fields.texts(name) or () for name in names}
    fields.finish()
    return stacks


def _cmyk(fields: Fields, key: str, problems: ProblemCollector) -> tuple[float, ...]:
    values = fields.numbers(key, count=4)
    if any(value > 100 for value in values):
        problems.add(f"print: '{key}' is four percentages of C, M, Y and K, each 0 to 100",
                     fields.location_of(key))
    return values


def _print_profile(fields: Fields, styles_folder: Path, problems: ProblemCollector
                   ) -> Path | None:
    """The ICC profile, a CMYK output profile in the styles folder."""
    name = fields.text("profile")
    if name is None:
        return None
    path = (styles_folder / name).resolve()
    if not path.is_relative_to(styles_folder.resolve()) or not path.is_file():
        problems.add(f"print: 'profile' must name an ICC profile file inside "
                     f"{display_path(styles_folder)}, found '{name}'",
                     fields.location_of("profile"))
        return None
    header = path.read_bytes()[:40]
    if header[16:20] != b"CMYK" or header[36:40] != b"acsp":
        problems.add(f"print: {display_path(path)} is not a CMYK ICC profile: the PDF's "
                     "output intent must describe the CMYK inks its colours are given in",
                     fields.location_of("profile"))
        return None
    return path


def _section(root: Fields, key: str, problems: ProblemCollector) -> Fields:
    """The fields of a section; an empty one when missing (already reported)."""
    return Fields(root.mapping(key) or Node({}, root.location), problems, key)


def with_office_fonts(layout: Layout, fonts: FontSet) -> Layout:
    """The layout with an office's own fonts put first where they are meant: each
    before the first face of the stack it names (仿宋, 楷体 …), or before the
    first Chinese face of the role it names (body, head_1 …)."""
    styles = dict(layout.text)
    for font in fonts.office_fonts:
        for role, style in styles.items():
            if font.family in style.fonts:
                continue
            named = [name for name in font.sets if name == role.value or name in style.stacks]
            if not named:
                continue
            chinese = [index for index, name in enumerate(style.fonts)
                       if any(not face.unicode_ranges for face in fonts.family(name))]
            at = chinese[0] if chinese else len(style.fonts)
            styles[role] = dataclasses.replace(
                style, fonts=style.fonts[:at] + (font.family,) + style.fonts[at:])
    return dataclasses.replace(layout, text=styles)


def check_layout_fonts(layout: Layout, families: set[str], styles_folder: Path) -> None:
    """Every font the layout names must be one of the manifest's families."""
    problems = ProblemCollector()
    known = {family.lower() for family in families}
    for role, style in layout.text.items():
        for name in style.fonts:
            if name.lower() not in known:
                problems.add(f"text style '{role}' names the font '{name}', which is not in "
                             f"fonts/fonts.yaml (there: {', '.join(sorted(families))})",
                             Location(display_path(styles_folder / LAYOUT_FILE)))
    problems.raise_if_any()
