"""The parts of an issued document (GB/T 9704-2012) as report.yaml gives them:
the 版头's marks and 发文机关标志, the 署名 with its seal, the 版记, the formats of
chapter 10. Plain typed data, part of :class:`report_pdf.model.Report`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # model imports this module for Report's field
    from .model import Location


@dataclass(frozen=True)
class SealImage:
    """An image of the seal (or of the 签名章) that report.yaml asks to print, read
    from a file whose sha256 report.yaml pins; its drawing painted in the red
    ink (``#ff0000``) and paper (``#ffffff``) alone (see report_pdf.seal_drawing)."""

    file: Path  # as report.yaml names it, for messages
    sha256: str
    svg: str  # a whole <svg> element
    width: float  # of its frame, in the drawing's own units
    height: float
    location: Location  # report.yaml's seal_image


@dataclass(frozen=True)
class Signature:
    """署名 and 成文日期: without a seal (GB/T 9704 7.3.5.2), or laid out for one
    (7.3.5.1), the space left for the stamp; or, with ``signer`` instead of the
    authority, the 签发人's title beside the space for a 签名章 (7.3.5.3). With
    ``image``, the seal (or the 签名章) is printed in that space."""

    authority: str | None
    date: str  # 2020年1月5日
    seal: bool = False
    signer: str | None = None  # the 签发人's title (职务), for a 签名章
    image: SealImage | None = None
    joint: tuple[JointAuthority, ...] = ()  # 联合行文: every issuer, the lead first


@dataclass(frozen=True)
class JointAuthority:
    """One issuer of a joint document in the signature, with its seal's image."""

    authority: str
    image: SealImage | None = None


@dataclass(frozen=True)
class Colophon:
    """版记: who else receives the document, who printed it and when."""

    copy_to: str | None  # 抄送, the organs as a list with its closing 。
    printed_by: str  # 印发机关
    printed_on: str  # 印发日期, 2020年1月5日


class DocumentFormat(StrEnum):
    """report.yaml's ``document: format``, a format of GB/T 9704-2012 chapter 10;
    without it, the 文件格式."""

    LETTER = "letter"  # 信函格式, 10.1
    MINUTES = "minutes"  # 纪要格式, 10.3


@dataclass(frozen=True)
class Attendance:
    """A list at the end of minutes (GB/T 9704 10.3): who attended (出席), was on
    leave (请假) or sat in (列席), each entry a unit and a name as written."""

    label: str  # 出席, 请假 or 列席
    names: tuple[str, ...]
    source: Location  # the list in report.yaml


@dataclass(frozen=True)
class DocumentParts:
    """The parts of an issued document (GB/T 9704-2012); each is absent unless given."""

    issuer_mark: str | None = None  # 发文机关标志, printed red in the 版头; in a joint
    # document the word set right of the names (文件), or "" for none
    number: str | None = None  # 发文字号, 卫政发〔2020〕1号
    addressees: str | None = None  # 主送机关, without the colon
    attachment_note: bool = True  # 附件说明 listing the attachments under the body
    signature: Signature | None = None
    colophon: Colophon | None = None
    signers: tuple[str, ...] = ()  # 签发人: given in a 上行文, printed in the 版头
    copy_number: str | None = None  # 份号, six digits: 000001
    secrecy: str | None = None  # 密级和保密期限: 秘密★1年
    urgency: str | None = None  # 紧急程度: 特急 or 加急
    note: str | None = None  # 附注, without its round brackets: printed under the 成文日期
    joint_issuers: tuple[str, ...] = ()  # 联合行文: the issuers' names, the lead first
    format: DocumentFormat | None = None  # None: the 文件格式
    attendance: tuple[Attendance, ...] = ()  # minutes: 出席, 请假, 列席, in that order

    @property
    def markings(self) -> tuple[str, ...]:
        """份号, 密级和保密期限 and 紧急程度, those given, in the order they are printed."""
        return tuple(mark for mark in (self.copy_number, self.secrecy, self.urgency) if mark)

    @property
    def has_masthead(self) -> bool:
        return self.issuer_mark is not None
