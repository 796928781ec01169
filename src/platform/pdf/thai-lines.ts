/**
 * Line breaking for Thai (THAI-STANDARDS §8): Thai has no spaces between words, so lines are broken at
 * the word boundaries `Intl.Segmenter` finds. A line never ends inside a word, so a combining mark
 * always stays with its consonant; a word longer than a whole line is broken between graphemes. No
 * zero-width space is inserted (the font has no glyph for it, and it would end up in copied text).
 */
const WORDS = new Map<string, Intl.Segmenter>();
const GRAPHEMES = new Intl.Segmenter("th", { granularity: "grapheme" });
const SPACE = /^\s+$/;

function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = WORDS.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    WORDS.set(locale, segmenter);
  }
  return segmenter;
}

/** The words (and the spaces between them) of `text`, as the segmenter finds them. */
export function wordsOf(text: string, locale = "th"): string[] {
  return Array.from(wordSegmenter(locale).segment(text), (s) => s.segment);
}

/**
 * `text` broken into lines no wider than `width` as `measure` reports it (e.g. pdfkit's
 * `widthOfString` with the font and size the lines are drawn in). Newlines start a new line; spaces at
 * a line's end and at the start of a wrapped line are dropped.
 */
export function breakLines(
  text: string,
  width: number,
  measure: (s: string) => number,
  locale = "th",
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    let wrapped = false;
    const push = () => {
      lines.push(line.trimEnd());
      line = "";
      wrapped = true;
    };
    for (const segment of wordsOf(paragraph, locale)) {
      if (SPACE.test(segment)) {
        if (!(wrapped && line === "")) line += segment;
        continue;
      }
      if (measure(line + segment) <= width) {
        line += segment;
        continue;
      }
      if (line.trim() !== "") push();
      else line = "";
      if (measure(segment) <= width) {
        line = segment;
        continue;
      }
      // A word wider than the line (a long number, a URL): between graphemes, never inside one.
      for (const { segment: grapheme } of GRAPHEMES.segment(segment)) {
        if (line !== "" && measure(line + grapheme) > width) push();
        line += grapheme;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
