"""What a piece of text is in the document: the vocabulary every stage shares.

The composer sets text in a role's style, the plan says which role each line
has, the HTML renders each role as its element and the PDF check reads the
role back from the PDF's structure tags. A role's name is also its key in
``styles/layout.yaml``.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A StrEnum, so that a role is also its layout.yaml key (``Role.BODY == "body"``)."""

    BODY = "body"  # 正文, and the heads of levels 3 and 4 run into it
    TITLE = "title"  # 标题
    HEAD_1 = "head_1"  # 一、
    HEAD_2 = "head_2"  # （一）
    HEAD_3 = "head_3"  # 1.
    HEAD_4 = "head_4"  # （1）
    LABEL = "label"  # the word 附件 over an attachment
    PAGE_NUMBER = "page_number"
    CAPTION = "caption"  # 图1 … and 表1 …
    TABLE = "table"  # cells of a table
    TABLE_HEAD = "table_head"  # a table's header cells
    TABLE_GROUP = "table_group"  # the section rows of the summary table
    CHART = "chart"  # words and figures drawn in a chart
    ISSUER_MARK = "issuer_mark"  # 发文机关标志
    MARKING = "marking"  # 份号, 密级和保密期限 and 紧急程度, above the 发文机关标志
    SIGNER = "signer"  # the names of the 签发人 in a 上行文's 版头
    COLOPHON = "colophon"  # 版记

    @classmethod
    def head(cls, level: int) -> Role:
        return cls(f"head_{level}")

    @property
    def head_level(self) -> int | None:
        """1 to 4 for the heads, None for every other role."""
        return int(self.value[-1]) if self.value.startswith("head_") else None
