/**
 * Characters no text in a review may hold: NUL and the other C0 controls
 * (tab, line feed and carriage return excepted), DEL and the C1 controls, and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069). Controls are invisible or break the files we write; bidi
 * overrides reorder what a reader sees, so "Child A" can display as another
 * name than the one stored. One scanner, used by the text schemas (flags,
 * use-case inputs, events) and by the readers of imported files.
 */

const NAMES: Record<number, string> = {
  0: 'NUL (null) character',
  27: 'escape character',
  127: 'delete character',
  8234: 'left-to-right embedding',
  8235: 'right-to-left embedding',
  8236: 'pop directional formatting',
  8237: 'left-to-right override',
  8238: 'right-to-left override',
  8294: 'left-to-right isolate',
  8295: 'right-to-left isolate',
  8296: 'first strong isolate',
  8297: 'pop directional isolate',
};

/** True for a UTF-16 code unit that text may not hold. */
export function isRefusedCharacter(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Where the first refused character is and how many there are. */
export interface ControlsFound {
  /** 1-based position of the first, in characters. */
  at: number;
  /** The first one's code point. */
  codePoint: number;
  count: number;
}

/** The refused characters in `text`, or undefined when there are none. */
export function findControls(text: string): ControlsFound | undefined {
  let found: ControlsFound | undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isRefusedCharacter(code)) continue;
    if (found) found.count++;
    else found = { at: i + 1, codePoint: code, count: 1 };
  }
  return found;
}

/** `text` without its refused characters, and how many went. */
export function stripControls(text: string): { text: string; stripped: number } {
  let kept = '';
  let stripped = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isRefusedCharacter(text.charCodeAt(i))) continue;
    kept += text.slice(from, i);
    from = i + 1;
    stripped++;
  }
  return stripped === 0 ? { text, stripped } : { text: kept + text.slice(from), stripped };
}

/** Text safe to show in a message: each refused character as `<U+202E>`, so none takes effect. */
export function visibleText(text: string): string {
  if (!findControls(text)) return text;
  let shown = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    shown += isRefusedCharacter(code)
      ? `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`
      : text.charAt(i);
  }
  return shown;
}

/** A refused character named for people: `a right-to-left override (U+202E)`. */
export function controlName(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    NAMES[codePoint] ?? (codePoint < 0x80 ? 'control character' : 'C1 control character');
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} (${hex})`;
}

/**
 * What is wrong with the text, to follow its label or location:
 * `holds a right-to-left override (U+202E) at character 9 (and 2 more such characters)`.
 */
export function describeControls(found: ControlsFound): string {
  const more =
    found.count > 1
      ? ` (and ${found.count - 1} more such character${found.count > 2 ? 's' : ''})`
      : '';
  return `holds ${controlName(found.codePoint)} at character ${found.at}${more}`;
}

/** Why such characters are refused, for the end of a message. */
export const CONTROLS_REASON =
  'control characters are invisible and bidirectional overrides reorder what a reader sees';
