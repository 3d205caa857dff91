"""report.yaml: the summary table's title (the attachment; none without it), the
language, and the parts of an issued document (版头, 主送机关, 附件说明, 署名 and
成文日期, 版记), in the 文件格式 or as a letter or minutes (GB/T 9704 chapter 10)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..document_parts import (
    Attendance,
    Colophon,
    DocumentFormat,
    DocumentParts,
    JointAuthority,
    Signature,
)
from ..errors import ProblemCollector
from ..model import AttachmentFile, SummaryTable
from .seal import read_seal_image
from .yamldoc import Fields, Node

# 卫政发〔2020〕1号: hexagonal brackets, the full year, no 第, no leading zeros.
DOCUMENT_NUMBER = re.compile(r"^\S+〔[0-9]{4}〕[1-9][0-9]*号$")
# 2020年1月5日: Arabic digits, the full year, no leading zeros.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")  # BCP 47, simply
# GB/T 9704 7.2.1–7.2.3: 份号, six digits; 密级 with its 保密期限 after a ★;
# 紧急程度 of a document (特提 and 平急 are for telegrams).
MARKINGS = {
    "copy_number": (re.compile(r"^[0-9]{6}$"), "six digits, like 000001"),
    "secrecy": (re.compile(r"^(绝密|机密|秘密)(★([1-9][0-9]*(年|个月)|长期))?$"),
                "绝密, 机密 or 秘密, with its term after a ★ when given: 秘密★1年"),
    "urgency": (re.compile(r"^(特急|加急)$"), "特急 or 加急"),
}
# More than any document has (the 附件说明 lists them all under the body); a
# bound, so that a report.yaml cannot make a build read thousands of files.
MAX_ATTACHMENTS = 30
MAX_JOINT_ISSUERS = 6  # names stacked in a joint document's 版头
DATE = re.compile(r"^[0-9]{4}年(1[0-2]|[1-9])月(3[01]|[12][0-9]|[1-9])日$")
# GB/T 9704 10.3: the lists at the end of minutes, in the order they are printed.
ATTENDANCE = {"present": "出席", "on_leave": "请假", "sitting_in": "列席"}
FORMAT_NAMES = {DocumentFormat.LETTER: "a letter (信函格式, GB/T 9704 10.1)",
                DocumentFormat.MINUTES: "minutes (纪要格式, GB/T 9704 10.3)"}


@dataclass(frozen=True)
class Settings:
    summary_table: SummaryTable | None
    lang: str
    document: DocumentParts
    date: str | None  # the document's date, 2020年1月5日, for the PDF's metadata
    office_fonts: str | None = None  # a folder of the office's own fonts, as written
    attachments: tuple[AttachmentFile, ...] = ()  # after the summary table, in order


def read_settings(node: Node, problems: ProblemCollector,
                  folder: Path | None = None) -> Settings:
    """``folder``: the report folder, where a seal image is looked for."""
    fields = Fields(node, problems, "settings")
    lang = fields.text("lang", required=False) or "zh-CN"
    if not LANGUAGE_TAG.match(lang):
        problems.add(f"settings: 'lang' must be a language tag like zh-CN, found '{lang}'",
                     fields.location_of("lang"))
        lang = "zh-CN"
    date = _date(fields, "date", problems, required=False)
    office_fonts = fields.text("fonts", required=False)
    table_node = fields.mapping("summary_table", required=False)
    document_node = fields.mapping("document", required=False)
    attachments = _attachments(fields, problems)
    fields.finish()
    summary_table = None
    if table_node is not None:
        table = Fields(table_node, problems, "summary_table")
        summary_table = SummaryTable(table.text("title") or "", table.location_of("title"),
                                     table.boolean("landscape"))
        table.finish()
    document = (_read_document(document_node, summary_table is not None or bool(attachments),
                               problems, folder)
                if document_node else DocumentParts())
    for entry in attachments:
        if not entry.bound and document.number is None:
            problems.add("attachments: an attachment not bound with the body carries the "
                         "document's 发文字号 on its first line (GB/T 9704 7.3.7): give "
                         "document: number, or remove 'bound: false'", entry.location)
    return Settings(summary_table, lang, document, date, office_fonts, attachments)


def _attachments(fields: Fields, problems: ProblemCollector) -> tuple[AttachmentFile, ...]:
    """``attachments:``, a list of ``file:`` (a Markdown file in the report folder,
    its title on its '# ' line) with ``bound: false`` for one printed apart."""
    entries = []
    nodes = fields.list("attachments", required=False)
    if len(nodes) > MAX_ATTACHMENTS:
        problems.add(f"attachments: {len(nodes)} attachments, more than the {MAX_ATTACHMENTS} "
                     "a document may list: bind them into fewer", fields.location_of("attachments"))
        return ()
    for node in nodes:
        entry = Fields(node, problems, "attachments")
        file = entry.text("file")
        bound = entry.boolean("bound", default=True)
        entry.finish()
        if file is not None:
            entries.append(AttachmentFile(file, bound, node.location))
    return tuple(entries)


def _read_document(node: Node, has_attachment: bool, problems: ProblemCollector,
                   folder: Path | None) -> DocumentParts:
    fields = Fields(node, problems, "document")
    document_format = _format(fields, problems)
    issuer_mark, joint_issuers = _issuer_mark(fields, problems)
    number = fields.text("number", required=False)
    addressees = fields.text("addressees", required=False)
    signers = fields.texts("signers", required=False) or ()
    markings = {key: _marking(fields, key, problems) for key in MARKINGS}
    note = fields.text("note", required=False)
    note_given = isinstance(node.value, dict) and "attachment_note" in node.value
    attachment_note = fields.boolean("attachment_note", default=True)
    if attachment_note and note_given and not has_attachment:
        problems.add("document: attachment_note lists the attachments, but there is none: "
                     "give summary_table or attachments, or remove attachment_note",
                     fields.location_of("attachment_note"))
    signature_node = fields.mapping("signature", required=False)
    colophon_node = fields.mapping("colophon", required=False)
    attendance = tuple(Attendance(label, names, fields.location_of(key))
                       for key, label in ATTENDANCE.items()
                       if (names := fields.texts(key, required=False)))
    fields.finish()
    if number is not None and not DOCUMENT_NUMBER.match(number):
        problems.add(f"document: number '{number}' is not like 卫政发〔2020〕1号 (hexagonal "
                     "brackets 〔〕, the full year, no 第, no leading zeros)",
                     fields.location_of("number"))
    if number is not None and issuer_mark is None:
        problems.add("document: a number is printed under the issuer_mark; give both",
                     fields.location_of("number"))
    signature = None
    if signature_node is not None:
        part = Fields(signature_node, problems, "document: signature")
        given = signature_node.value if isinstance(signature_node.value, dict) else {}
        by_signer = "signer" in given
        joint = _joint_authorities(part, folder, problems) if "authorities" in given else ()
        authority = (joint[0].authority if joint else None) or part.text(
            "authority", required=not by_signer and "authorities" not in given)
        signer = part.text("signer", required=False)
        date = _date(part, "date", problems)
        seal = part.boolean("seal")
        image_file = part.text("seal_image", required=False)
        pinned = part.text("seal_sha256", required=False)
        part.finish()
        image = None
        both = by_signer and ("authority" in given or seal)
        if joint and (by_signer or image_file or "authority" in given):
            problems.add("document: signature: authorities lists the issuers of a joint "
                         "document, each with its own seal_image: give no authority, "
                         "signer or seal_image beside it (a joint 签名章 is not supported)",
                         part.location_of("authorities"))
            both = True
        elif both:
            problems.add("document: signature: a 签名章 (signer) stands instead of the "
                         "authority and its seal (GB/T 9704 7.3.5.3): give signer, or "
                         "authority (with seal, or not)", part.location_of("signer"))
        elif image_file is not None and "seal" in given and not seal:
            problems.add("document: signature: seal is false, but seal_image asks for the "
                         "seal to be printed, which takes the layout for a seal: remove "
                         "'seal: false'", part.location_of("seal"))
        elif image_file is not None and pinned is None:
            problems.add("document: signature: seal_image needs seal_sha256, the image "
                         f"file's sha256 (sha256sum {image_file}), so that a changed or "
                         "swapped image is refused", part.location_of("seal_image"))
        elif pinned is not None and image_file is None:
            problems.add("document: signature: seal_sha256 pins a seal_image, but none is "
                         "given", part.location_of("seal_sha256"))
        elif image_file is not None and pinned is not None and folder is not None:
            image = read_seal_image(folder, image_file, pinned, part.location_of("seal_image"),
                                    part.location_of("seal_sha256"), problems)
        if (authority or signer) and date and not both:
            # An image of the seal is printed where a seal is pressed: it takes that layout.
            sealed = seal or (image_file is not None and not by_signer) or any(
                issuer.image for issuer in joint)
            signature = Signature(authority, date, sealed, signer, image, joint)
    colophon = None
    if colophon_node is not None:
        part = Fields(colophon_node, problems, "document: colophon")
        copy_to = part.text("copy_to", required=False)
        printed_by, printed_on = part.text("printed_by"), _date(part, "printed_on", problems)
        part.finish()
        if printed_by and printed_on:
            colophon = Colophon(copy_to, printed_by, printed_on)
    if signers and issuer_mark is None:
        problems.add("document: the 签发人 are printed in the 版头, under the issuer_mark; "
                     "give both", fields.location_of("signers"))
    if note is not None and signature_node is None:
        problems.add("document: the note (附注) is printed under the signature's date; give "
                     "signature", fields.location_of("note"))
    for key, value in markings.items():
        if value is not None and issuer_mark is None:
            problems.add(f"document: {key} is printed in the 版头, above the issuer_mark; "
                         "give both", fields.location_of(key))
    document = DocumentParts(issuer_mark, number,
                             addressees.rstrip("：:") if addressees else None,
                             attachment_note, signature, colophon, tuple(signers), **markings,
                             note=note.strip("（）() ") if note else None,
                             format=document_format, attendance=attendance,
                             joint_issuers=joint_issuers)
    _check_format(document, fields, problems)
    return document


def _format(fields: Fields, problems: ProblemCollector) -> DocumentFormat | None:
    name = fields.text("format", required=False)
    if name is None:
        return None
    if name not in {member.value for member in DocumentFormat}:
        problems.add(f"document: format must be letter (信函格式, GB/T 9704 10.1) or minutes "
                     f"(纪要格式, 10.3), or be left out for the 文件格式; found '{name}'",
                     fields.location_of("format"))
        return None
    return DocumentFormat(name)


def _check_format(document: DocumentParts, fields: Fields, problems: ProblemCollector) -> None:
    """What a letter and minutes have, and what they have not: keys given for one
    format only, or for the 文件格式 only, are refused with their place."""
    keys = {label: key for key, label in ATTENDANCE.items()}
    if document.format is not DocumentFormat.MINUTES:
        for entry in document.attendance:
            problems.add(f"document: {keys[entry.label]} ({entry.label}) is printed at the end "
                         "of minutes (纪要格式, GB/T 9704 10.3): give format: minutes, or "
                         "remove it", entry.source)
    if document.format is None:
        return
    name = FORMAT_NAMES[document.format]
    if document.issuer_mark is None:
        problems.add(f"document: {name} is headed by its red mark: give issuer_mark",
                     fields.location_of("format"))
    if document.signers:
        problems.add(f"document: signers (签发人) stand in the 版头 of a 上行文 in the 文件格式, "
                     f"not in {name}: remove them", fields.location_of("signers"))
    if document.format is DocumentFormat.LETTER and document.colophon is not None:
        # 10.1 gives a letter a 版记 without 印发机关, 印发日期 and rules, which
        # report_pdf does not lay out.
        problems.add("document: colophon: a letter's 版记 (GB/T 9704 10.1: 抄送 only, without "
                     "印发机关, 印发日期 and rules) is not supported: remove colophon",
                     fields.location_of("colophon"))
    if document.format is DocumentFormat.MINUTES:
        if document.issuer_mark is not None and not document.issuer_mark.endswith("纪要"):
            problems.add(f"document: the mark of {name} is “××××纪要”, found "
                         f"'{document.issuer_mark}'", fields.location_of("issuer_mark"))
        if document.signature is not None:
            problems.add(f"document: {name} carry no 署名 or 成文日期 (10.3 lays out none, "
                         "and report_pdf none for them): remove signature",
                         fields.location_of("signature"))


def _issuer_mark(fields: Fields, problems: ProblemCollector
                 ) -> tuple[str | None, tuple[str, ...]]:
    """``issuer_mark:`` as one text (示例市人民政府文件), or for a joint document
    (联合行文, GB/T 9704 7.2.4) the issuers' names, the lead first, with the word
    set right of them: ``{names: [...], word: 文件}``. Returned as (the mark, or
    the word beside the names; the names)."""
    node = fields.mapping("issuer_mark", required=False)
    if node is None or not isinstance(node.value, dict):
        return fields.text("issuer_mark", required=False), ()
    mark = Fields(node, problems, "document: issuer_mark")
    names = mark.texts("names") or ()
    word = mark.text("word", required=False)
    mark.finish()
    if len(names) == 1:
        problems.add("document: issuer_mark: names lists the issuers of a joint document; "
                     "for one issuer write issuer_mark: 示例市人民政府文件",
                     mark.location_of("names"))
    elif len(names) > MAX_JOINT_ISSUERS:
        problems.add(f"document: issuer_mark: {len(names)} issuers, more than the "
                     f"{MAX_JOINT_ISSUERS} whose names a 版头 can stack",
                     mark.location_of("names"))
        names = ()
    return (word or "", names) if len(names) > 1 else (None, ())


def _joint_authorities(part: Fields, folder: Path | None,
                       problems: ProblemCollector) -> tuple[JointAuthority, ...]:
    """``authorities:``, a joint document's issuers in order, the lead first: each a
    name, or ``{authority: …, seal_image: …, seal_sha256: …}``."""
    issuers = []
    nodes = part.list("authorities")
    for node in nodes:
        if isinstance(node.value, str) and node.value.strip():
            issuers.append(JointAuthority(node.value.strip()))
            continue
        entry = Fields(node, problems, "document: signature: authorities")
        name = entry.text("authority")
        image_file = entry.text("seal_image", required=False)
        pinned = entry.text("seal_sha256", required=False)
        entry.finish()
        image = None
        if (image_file is None) != (pinned is None):
            problems.add("document: signature: authorities: seal_image and seal_sha256 go "
                         "together (sha256sum FILE gives the second)", node.location)
        elif image_file is not None and folder is not None:
            image = read_seal_image(folder, image_file, pinned, entry.location_of("seal_image"),
                                    entry.location_of("seal_sha256"), problems)
        if name:
            issuers.append(JointAuthority(name, image))
    if len(nodes) < 2 or len(nodes) > MAX_JOINT_ISSUERS:
        problems.add(f"document: signature: authorities lists the 2 to {MAX_JOINT_ISSUERS} "
                     "issuers of a joint document, the lead first; for one, write authority",
                     part.location_of("authorities"))
        return ()
    if any(issuer.image for issuer in issuers) and not all(issuer.image for issuer in issuers):
        problems.add("document: signature: authorities: a seal_image for some issuers and "
                     "not others; give every issuer's, or none (the space is then left for "
                     "seals pressed by hand with seal: true)", part.location_of("authorities"))
    return tuple(issuers) if len(issuers) == len(nodes) else ()


def _marking(fields: Fields, key: str, problems: ProblemCollector) -> str | None:
    value = fields.text(key, required=False)
    pattern, like = MARKINGS[key]
    if value is not None and not pattern.match(value):
        problems.add(f"document: {key} must be {like}, found '{value}'", fields.location_of(key))
        return None
    return value


def _date(fields: Fields, key: str, problems: ProblemCollector,
          required: bool = True) -> str | None:
    value = fields.text(key, required=required)
    if value is not None and not DATE.match(value):
        problems.add(f"{fields.what}: '{key}' must be a date like 2020年1月5日 (Arabic digits, "
                     f"the full year, no leading zeros), found '{value}'",
                     fields.location_of(key))
        return None
    if value is not None and not _exists(value):
        problems.add(f"{fields.what}: '{key}' is {value}, which is not a day of the "
                     "calendar (from 1900 on)", fields.location_of(key))
        return None
    return value


def _exists(text: str) -> bool:
    """Whether 2020年2月31日 is a day of the calendar (it is not), from 1900 on."""
    year, month, day = (int(part) for part in re.findall(r"[0-9]+", text))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return year >= 1900
