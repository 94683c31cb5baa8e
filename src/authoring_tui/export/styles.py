"""The named styles of the export: one per kind of content, so a template restyles it.

Each entry gives the style's name as Word shows it (Word's built-in English
names, such as ``heading 1``, for the styles Word knows; French names such as
« Zoom — titre » for ours) and sober default formatting. Styles are found in a
document by *name*, not by id: a template saved by a French Word calls its
``heading 1`` style ``Titre1``. A template's own definitions always win; the
defaults fill what it lacks, and ``force=True`` (the shipped template) replaces
the python-docx defaults with these.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .ooxml import Element

LANGUAGE = "fr-FR"
FONT = "Arial"
INK = "1F2A44"  # headings: a dark blue-grey, readable printed in black
RULE = "8496B0"
SHADE = "EEF2F7"


@dataclass(frozen=True)
class StyleSpec:
    key: str
    name: str
    style_id: str
    kind: str = "paragraph"
    based_on: str | None = "normal"
    ppr: str = ""
    rpr: str = ""
    table: str = ""
    extra: str = ""


def _heading(level: int, size: int, before: int) -> StyleSpec:
    return StyleSpec(
        f"heading{level}",
        f"heading {level}",
        f"Heading{level}",
        ppr=(
            # A part starts a page (the template may say otherwise); no heading is
            # hyphenated, nor left alone at the foot of a page.
            f"<w:keepNext/><w:keepLines/>{'<w:pageBreakBefore/>' if level == 1 else ''}"
            f'<w:suppressAutoHyphens/><w:spacing w:before="{before}" w:after="120"/>'
            f'<w:outlineLvl w:val="{level - 1}"/>'
        ),
        rpr=f'<w:b/><w:color w:val="{INK}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
        extra='<w:next w:val="BodyText"/><w:uiPriority w:val="9"/><w:qFormat/>',
    )


def _toc(level: int) -> StyleSpec:
    return StyleSpec(
        f"toc{level}",
        f"toc {level}",
        f"TOC{level}",
        ppr=(
            f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs>'
            f'<w:spacing w:after="60"/><w:ind w:left="{(level - 1) * 284}"/>'
        ),
        rpr="<w:b/>" if level == 1 else "",
    )


_BOX = f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>'
_BORDER = f'w:val="single" w:sz="8" w:space="0" w:color="{RULE}"'
_GRID = (
    f"<w:tblBorders><w:top {_BORDER}/><w:left {_BORDER}/><w:bottom {_BORDER}/>"
    f"<w:right {_BORDER}/><w:insideH {_BORDER}/><w:insideV {_BORDER}/></w:tblBorders>"
)
_FRAME = (
    f"<w:tblBorders><w:top {_BORDER}/><w:left {_BORDER}/><w:bottom {_BORDER}/>"
    f"<w:right {_BORDER}/></w:tblBorders>"
)
_CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="170" w:type="dxa"/>'
    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>'
)
_SMALL = '<w:sz w:val="18"/><w:szCs w:val="18"/>'

STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("normal", "Normal", "Normal", based_on=None, ppr="<w:widowControl/>"),
    StyleSpec(
        "body",
        "Body Text",
        "BodyText",
        ppr='<w:spacing w:after="120"/><w:jc w:val="both"/>',
        extra='<w:uiPriority w:val="1"/><w:qFormat/>',
    ),
    StyleSpec(
        "title",
        "Title",
        "Title",
        ppr='<w:spacing w:before="2400" w:after="240"/>',
        rpr=f'<w:b/><w:color w:val="{INK}"/><w:sz w:val="56"/><w:szCs w:val="56"/>',
    ),
    StyleSpec(
        "cover_organisation",
        "Couverture — organisation",
        "CouvertureOrganisation",
        rpr=f'<w:caps/><w:color w:val="{INK}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
    ),
    StyleSpec(
        "cover_year",
        "Couverture — année",
        "CouvertureAnnee",
        rpr=f'<w:color w:val="{INK}"/><w:sz w:val="40"/><w:szCs w:val="40"/>',
    ),
    StyleSpec(
        "cover_draft",
        "Couverture — version de travail",
        "CouvertureVersion",
        ppr='<w:spacing w:before="1200"/>',
        rpr='<w:i/><w:color w:val="C00000"/>',
    ),
    _heading(1, 36, 0),
    _heading(2, 30, 360),
    _heading(3, 26, 240),
    _heading(4, 23, 200),
    _heading(5, 22, 160),
    _heading(6, 22, 160),
    StyleSpec(
        "toc_heading",
        "TOC Heading",
        "TOCHeading",
        based_on="heading1",
        ppr='<w:outlineLvl w:val="9"/>',  # the contents' own title stays out of the contents
    ),
    _toc(1),
    _toc(2),
    _toc(3),
    _toc(4),
    StyleSpec(
        "toc_note",
        "Sommaire — note",
        "SommaireNote",
        rpr='<w:i/><w:color w:val="595959"/>',
    ),
    StyleSpec(
        "chapter_dga",
        "Chapitre — DGA",
        "ChapitreDGA",
        ppr="<w:keepNext/>",
        rpr=f'<w:i/><w:color w:val="{RULE}"/>',
    ),
    StyleSpec(
        "chapeau",
        "Chapeau",
        "Chapeau",
        based_on="body",
        ppr='<w:keepNext/><w:spacing w:after="240"/>',
        rpr=f'<w:b/><w:color w:val="{INK}"/>',
    ),
    StyleSpec("list_title", "Liste — titre", "ListeTitre", ppr="<w:keepNext/>", rpr="<w:b/>"),
    StyleSpec("list_item", "Liste — élément", "ListeElement", ppr='<w:spacing w:after="60"/>'),
    StyleSpec(
        "figures_title",
        "Chiffres clés — titre",
        "ChiffresClesTitre",
        ppr='<w:keepNext/><w:spacing w:before="120"/>',
        rpr=f'<w:b/><w:caps/><w:color w:val="{INK}"/>',
    ),
    StyleSpec(
        "figure_value",
        "Chiffre clé — valeur",
        "ChiffreCleValeur",
        ppr='<w:spacing w:after="0"/><w:jc w:val="right"/>',
        rpr=f'<w:b/><w:color w:val="{INK}"/><w:sz w:val="40"/><w:szCs w:val="40"/>',
    ),
    StyleSpec(
        "figure_unit",
        "Chiffre clé — unité",
        "ChiffreCleUnite",
        ppr='<w:spacing w:after="0"/>',
        rpr=f'<w:b/><w:color w:val="{INK}"/>',
    ),
    StyleSpec(
        "figure_label", "Chiffre clé — libellé", "ChiffreCleLibelle", ppr='<w:spacing w:after="0"/>'
    ),
    StyleSpec(
        "figure_note",
        "Chiffre clé — précision",
        "ChiffreClePrecision",
        ppr='<w:spacing w:after="0"/>',
        rpr=f'<w:i/><w:color w:val="595959"/>{_SMALL}',
    ),
    StyleSpec(
        "figure_qualifier",
        "Chiffre clé — approximation",
        "ChiffreCleApproximation",
        kind="character",
        based_on=None,
        rpr=f'<w:b w:val="0"/><w:bCs w:val="0"/><w:i/><w:color w:val="595959"/>{_SMALL}',
    ),
    StyleSpec(
        "table_title",
        "Tableau — titre",
        "TableauTitre",
        ppr="<w:keepNext/>",
        rpr="<w:b/>",
    ),
    StyleSpec(
        "table_header",
        "Tableau — en-tête",
        "TableauEnTete",
        ppr='<w:spacing w:after="0"/>',
        rpr=f'<w:b/><w:color w:val="{INK}"/>',
    ),
    StyleSpec(
        "spacer",
        "Espacement après tableau",
        "EspacementTableau",
        ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        rpr='<w:sz w:val="12"/><w:szCs w:val="12"/>',
    ),
    StyleSpec(
        "table_cell",
        "Tableau — cellule",
        "TableauCellule",
        ppr='<w:spacing w:after="0"/>',
    ),
    StyleSpec(
        "zoom_title",
        "Zoom — titre",
        "ZoomTitre",
        ppr="<w:keepNext/><w:suppressAutoHyphens/>",
        rpr=f'<w:b/><w:caps/><w:color w:val="{INK}"/>',
    ),
    StyleSpec(
        "box_title",
        "Encadré — titre",
        "EncadreTitre",
        ppr="<w:keepNext/><w:suppressAutoHyphens/>",
        rpr=f'<w:b/><w:color w:val="{INK}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    StyleSpec(
        "quote_text",
        "Citation — texte",
        "CitationTexte",
        based_on="body",
        ppr='<w:ind w:left="567" w:right="567"/>',
        rpr="<w:i/>",
    ),
    StyleSpec(
        "quote_author",
        "Citation — auteur",
        "CitationAuteur",
        ppr='<w:spacing w:after="0"/><w:jc w:val="right"/>',
        rpr="<w:b/>",
    ),
    StyleSpec(
        "quote_role",
        "Citation — fonction",
        "CitationFonction",
        ppr='<w:jc w:val="right"/>',
        rpr=f"<w:i/>{_SMALL}",
    ),
    StyleSpec(
        "picture",
        "Image",
        "Image",
        ppr='<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="center"/>',
    ),
    StyleSpec(
        "caption",
        "caption",
        "Caption",
        ppr='<w:spacing w:after="160"/><w:jc w:val="center"/>',
        rpr=f'<w:i/><w:color w:val="{INK}"/>{_SMALL}',
        extra='<w:next w:val="BodyText"/><w:uiPriority w:val="35"/><w:qFormat/>',
    ),
    StyleSpec(
        "picture_credit",
        "Image — crédit",
        "ImageCredit",
        ppr='<w:spacing w:after="160"/><w:jc w:val="center"/>',
        rpr=f'<w:color w:val="595959"/>{_SMALL}',
    ),
    StyleSpec(
        "generic_title", "Générique — titre", "GeneriqueTitre", ppr="<w:keepNext/>", rpr="<w:b/>"
    ),
    StyleSpec("generic_field", "Générique — champ", "GeneriqueChamp", based_on="body"),
    StyleSpec(
        "generic_label",
        "Générique — libellé",
        "GeneriqueLibelle",
        kind="character",
        based_on=None,
        rpr="<w:b/>",
    ),
    StyleSpec(
        "gap",
        "À compléter",
        "ACompleter",
        kind="character",
        based_on=None,
        rpr='<w:b/><w:color w:val="9C0006"/>',
    ),
    StyleSpec("header", "header", "Header", rpr=f'<w:color w:val="595959"/>{_SMALL}'),
    StyleSpec(
        "footer",
        "footer",
        "Footer",
        ppr='<w:jc w:val="center"/>',
        rpr=f'<w:color w:val="595959"/>{_SMALL}',
    ),
    StyleSpec("comment_text", "annotation text", "CommentText"),
    StyleSpec(
        "comment_reference",
        "annotation reference",
        "CommentReference",
        kind="character",
        based_on=None,
    ),
    StyleSpec(
        "table_grid",
        "Tableau — données",
        "TableauDonnees",
        kind="table",
        based_on=None,
        table=f"<w:tblPr>{_GRID}{_CELL_MARGINS}</w:tblPr>",
    ),
    StyleSpec(
        "figures_table",
        "Chiffres clés — tableau",
        "ChiffresClesTableau",
        kind="table",
        based_on=None,
        table=(
            f"<w:tblPr><w:tblBorders><w:bottom {_BORDER}/><w:insideH {_BORDER}/></w:tblBorders>"
            f"{_CELL_MARGINS}</w:tblPr>"
        ),
    ),
    StyleSpec(
        "zoom_frame",
        "Zoom — cadre",
        "ZoomCadre",
        kind="table",
        based_on=None,
        table=f"<w:tblPr>{_FRAME}{_CELL_MARGINS}</w:tblPr><w:tcPr>{_BOX}</w:tcPr>",
    ),
    StyleSpec(
        "box_frame",
        "Encadré — cadre",
        "EncadreCadre",
        kind="table",
        based_on=None,
        table=f"<w:tblPr>{_FRAME}{_CELL_MARGINS}</w:tblPr>",
    ),
)


def ensure_styles(document: Document, force: bool = False) -> dict[str, str]:
    """Make every style of ``STYLES`` exist in ``document``; return key → style id."""
    styles_element = document.styles.element
    by_name = {_name_of(s): s for s in styles_element.findall(qn("w:style"))}
    ids: dict[str, str] = {}
    for spec in STYLES:
        existing = by_name.get(spec.name.lower())
        if existing is not None and not force:
            ids[spec.key] = existing.get(qn("w:styleId"))
            continue
        if existing is not None:
            styles_element.remove(existing)
        styles_element.append(parse_xml(_style_xml(spec, ids)))
        ids[spec.key] = spec.style_id
    return ids


def _name_of(style: Element) -> str:
    name = style.find(qn("w:name"))
    return str(name.get(qn("w:val"))).lower() if name is not None else ""


def _style_xml(spec: StyleSpec, ids: dict[str, str]) -> str:
    based = ""
    if spec.based_on:
        based = f'<w:basedOn w:val="{ids.get(spec.based_on, spec.based_on)}"/>'
    lang = f'<w:lang w:val="{LANGUAGE}"/>'
    rpr = f"<w:rPr>{spec.rpr}{lang}</w:rPr>" if spec.kind != "table" else ""
    ppr = f"<w:pPr>{spec.ppr}</w:pPr>" if spec.ppr and spec.kind == "paragraph" else ""
    default = ' w:default="1"' if spec.key == "normal" else ""
    return (
        f'<w:style {nsdecls("w")} w:type="{spec.kind}"{default} w:styleId="{spec.style_id}">'
        f'<w:name w:val="{spec.name}"/>{based}{spec.extra}{ppr}{rpr}{spec.table}</w:style>'
    )
