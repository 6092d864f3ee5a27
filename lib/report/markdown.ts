/**
 * Markdown that template-derived text cannot subvert. Every resource name, principal, value
 * or message part that comes from a template or manifest is shown through {@link inlineCode}:
 * a code span, in which GitHub renders no links, mentions, emphasis or HTML. What a code span
 * alone does not stop is handled here: backtick runs (the fence is longer than any run inside),
 * line breaks and other control or invisible characters (shown as `\u{...}` escapes, so a value
 * cannot end the span, the list item or the table row, nor hide text with bidi overrides), and
 * `|`, which ends a table cell even inside a code span (escaped as `\|` in tables). Pure.
 * @see https://github.github.com/gfm/#code-spans
 * @see https://github.github.com/gfm/#tables-extension-
 */

/** Code point ranges shown as `\u{...}`: C0/C1 controls, soft hyphen, bidi marks and controls, zero-width, separators, lone surrogates, BOM, interlinear annotations. */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f], [0x007f, 0x009f], [0x00ad, 0x00ad], [0x061c, 0x061c], [0x180e, 0x180e], [0x200b, 0x200f],
  [0x2028, 0x202e], [0x2060, 0x206f], [0xd800, 0xdfff], [0xfeff, 0xfeff], [0xfff9, 0xfffb],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);
}

/** `text` with invisible and control characters replaced by `\u{hex}`. */
export function showInvisible(text: string): string {
  return [...text].map((c) => {
    const codePoint = c.codePointAt(0) as number;
    return isInvisible(codePoint) ? `\\u{${codePoint.toString(16)}}` : c;
  }).join('');
}

/** Where a code span is placed: a table cell needs `|` escaped. */
export interface CodeOptions {
  /** The span is inside a GFM table cell. @default false */
  readonly inTable?: boolean;
}

/** `value` as a Markdown code span that shows exactly its text, whatever it contains. */
export function inlineCode(value: string, options: CodeOptions = {}): string {
  let text = showInvisible(value);
  if (options.inTable) text = text.replace(/\|/g, '\\|');
  if (text === '') return '(empty)';
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Start and end of a value inside a finding message (Unicode noncharacters, which
 * {@link code} removes from the values themselves, so a value cannot forge a boundary).
 */
const VALUE_START = '\ufdd0';
const VALUE_END = '\ufdd1';
const MARKERS = /[\ufdd0\ufdd1]/g;

/**
 * Marks a template-derived value inside a message: the renderer shows it as a code span, the
 * JSON summary in backticks. Messages are built as `literal ${code(value)} literal`.
 */
export function code(value: string): string {
  return `${VALUE_START}${value.replace(MARKERS, '')}${VALUE_END}`;
}

/** The message as Markdown: literal parts as they are, marked values as code spans. */
export function messageMarkdown(message: string, options: CodeOptions = {}): string {
  return message.replace(/\ufdd0([^\ufdd1]*)\ufdd1/g, (_, value: string) => inlineCode(value, options));
}

/** The message as plain text (values in backticks, unescaped): for the JSON summary. */
export function messageText(message: string): string {
  return message.replace(/\ufdd0([^\ufdd1]*)\ufdd1/g, (_, value: string) => `\`${value}\``);
}
