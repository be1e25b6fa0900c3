/**
 * Pages of a document as a reader finds them: in the text pdftotext gives
 * (pages separated by form feeds), the page on which each heading starts a
 * line, looking past the contents so that their own lines don't count.
 */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

export function headingPages(pdfText: string, headings: string[], from = 1): Map<string, number> {
  const pages = pdfText.split('\f').map((page) => page.split('\n').map(flat));
  const found = new Map<string, number>();
  let page = from - 1;
  for (const heading of headings) {
    const wanted = flat(heading);
    let at = page;
    // A long heading wraps: its first line is the start of it.
    while (at < pages.length && !pages[at]?.some((line) => line.length > 8 && wanted.startsWith(line))) at += 1;
    if (at === pages.length) continue;
    found.set(heading, at + 1);
    page = at;
  }
  return found;
}

/** The entries of a table of contents as pdftotext reads them: "I. Introducción ........ 3". */
export function contentsEntries(pdfText: string): { title: string; page: number }[] {
  return pdfText
    .split('\n')
    .map((line) => /^\s*(.+?)[\s.…]+(\d+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: flat(m[1] ?? '').replace(/[.\s]+$/, ''), page: Number(m[2]) }));
}
