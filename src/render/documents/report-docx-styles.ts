/**
 * The look of the consolidated report in Word: Letter or A4 with 2.5 cm margins,
 * Calibri 11 pt, Word's own heading styles (so the navigation pane and the
 * table of contents work), a header with the programme and a page number in
 * the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  type ISectionPropertiesOptions,
  type IStylesOptions,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  TextRun,
} from 'docx';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';

export const COLORS = {
  brand: '0B4F8A',
  ink: '1B2430',
  muted: '4F5B69',
  line: 'C5CCD5',
  soft: 'F3F6F9',
  link: '0A4F8F',
  draft: 'B42318',
  draftSoft: 'FDECEA',
  noteSoft: 'FFF4D6',
  noteInk: '6B4A00',
};

export const FONT = 'Calibri';

/** Paper sizes in twips: Letter, the OAS's, and A4. */
const PAPER = { letter: { width: 12240, height: 15840 }, a4: { width: 11906, height: 16838 } };
export type Paper = keyof typeof PAPER;
const A4 = PAPER.a4;
/** 2.5 cm in twips. */
const MARGIN = 1417;
export const TEXT_WIDTH = { portrait: A4.width - 2 * MARGIN, landscape: A4.height - 2 * MARGIN };

/** The width between the margins of a page, in twips. */
export function textWidth(orientation: 'portrait' | 'landscape', paper: Paper = 'a4'): number {
  const { width, height } = PAPER[paper];
  return (orientation === 'portrait' ? width : height) - 2 * MARGIN;
}
/** Twips to pixels at 96 to the inch, as docx sizes images. */
export const twipsToPixels = (twips: number) => Math.floor((twips / 1440) * 96);

export function pageProperties(orientation: 'portrait' | 'landscape', paper: Paper = 'a4'): ISectionPropertiesOptions {
  return {
    page: {
      size: {
        width: PAPER[paper].width,
        height: PAPER[paper].height,
        orientation: PageOrientation[orientation === 'portrait' ? 'PORTRAIT' : 'LANDSCAPE'],
      },
      margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 708, footer: 708 },
    },
  };
}

/** Word's tag for a language, by which it checks spelling: es-ES, en-US, pt-BR, fr-FR; any other as given. */
const WORD_LANGUAGES: Record<string, string> = { es: 'es-ES', en: 'en-US', pt: 'pt-BR', fr: 'fr-FR' };
export const languageTag = (language: string) => WORD_LANGUAGES[language] ?? language;

export function reportStyles(locale: 'es' | 'en'): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, color: COLORS.ink, language: { value: languageTag(locale) } },
        paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { font: FONT, size: 48, bold: true, color: COLORS.brand },
        paragraph: { spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO } },
      },
      heading1: {
        run: { font: FONT, size: 32, bold: true, color: COLORS.brand },
        paragraph: {
          spacing: { before: 480, after: 200 },
          keepNext: true,
          keepLines: true,
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: COLORS.brand, space: 4 } },
        },
      },
      heading2: {
        run: { font: FONT, size: 27, bold: true, color: COLORS.brand },
        paragraph: { spacing: { before: 400, after: 140 }, keepNext: true, keepLines: true },
      },
      heading3: {
        run: { font: FONT, size: 24, bold: true, color: COLORS.brand },
        paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, keepLines: true },
      },
      hyperlink: { run: { color: COLORS.link, underline: {} } },
      caption: {
        run: { size: 19, italics: true, color: COLORS.muted },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 80, after: 320 } },
      },
    },
    paragraphStyles: [
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 30, color: COLORS.muted },
        paragraph: { spacing: { after: 480, line: 264, lineRule: LineRuleType.AUTO } },
      },
      {
        id: 'Kicker',
        name: 'Kicker',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 22, bold: true, allCaps: true, characterSpacing: 20, color: COLORS.brand },
        paragraph: { spacing: { before: 2400, after: 360 } },
      },
      {
        id: 'TitleDetail',
        name: 'Title page detail',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 22, color: COLORS.ink },
        paragraph: { spacing: { after: 80 } },
      },
      {
        id: 'TOCHeading',
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 32, bold: true, color: COLORS.brand },
        paragraph: { spacing: { after: 240 } },
      },
      {
        id: 'TOC1',
        name: 'toc 1',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true },
        paragraph: { spacing: { before: 160, after: 40 } },
      },
      {
        id: 'TOC2',
        name: 'toc 2',
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: { indent: { left: 360 }, spacing: { after: 20 } },
      },
      {
        id: 'GroupLabel',
        name: 'Chapter group',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 20, bold: true, allCaps: true, characterSpacing: 20, color: COLORS.muted },
        paragraph: {
          spacing: { before: 480, after: 0 },
          keepNext: true,
          border: { top: { style: BorderStyle.SINGLE, size: 4, color: COLORS.line, space: 6 } },
        },
      },
      {
        id: 'EntryHeading',
        name: 'Entry heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, color: COLORS.ink },
        paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true },
      },
      {
        id: 'StatusLine',
        name: 'Status assessment',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 20, italics: true, color: COLORS.muted },
        paragraph: { spacing: { after: 160 } },
      },
      {
        id: 'NoInformation',
        name: 'No information',
        basedOn: 'Normal',
        next: 'Normal',
        run: { italics: true, color: COLORS.muted },
      },
      {
        id: 'ChapterNote',
        name: 'Chapter note',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, color: COLORS.noteInk },
        paragraph: {
          shading: { fill: COLORS.noteSoft },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'E8C66E', space: 6 } },
          spacing: { before: 80, after: 200 },
        },
      },
      {
        id: 'TableText',
        name: 'Table text',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 18 },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
    ],
  };
}

function headerFor(report: ConsolidatedReport, width: number): Header {
  const paragraphs: Paragraph[] = [];
  if (report.edition === 'draft') {
    paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 60 },
        children: [new TextRun({ text: report.labels.draftNotice, bold: true, size: 16, color: COLORS.draft })],
      }),
    );
  }
  paragraphs.push(
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: width }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLORS.line, space: 4 } },
      spacing: { after: 0 },
      children: [
        new TextRun({ text: report.programme.shortTitle, size: 16, color: COLORS.muted }),
        new TextRun({ text: `\t${report.labels.titlePage} ${report.period}`, size: 16, color: COLORS.muted }),
      ],
    }),
  );
  return new Header({ children: paragraphs });
}

const footer = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 0 },
        children: [new TextRun({ children: [PageNumber.CURRENT], size: 18, color: COLORS.muted })],
      }),
    ],
  });

/** Header and footer of a section; the title page (first page of the first section) has none. */
export function headersAndFooters(
  report: ConsolidatedReport,
  orientation: 'portrait' | 'landscape',
  titlePage: boolean,
) {
  const header = headerFor(report, textWidth(orientation, report.document.paper));
  const empty = () => new Header({ children: [new Paragraph({})] });
  const emptyFooter = () => new Footer({ children: [new Paragraph({})] });
  return {
    headers: titlePage ? { default: header, first: empty() } : { default: header },
    footers: titlePage ? { default: footer(), first: emptyFooter() } : { default: footer() },
  };
}
