// Text as Word can hold it. docx escapes markup characters itself, so `<script>` and `&` stay
// literal; what it does not do is drop the characters XML 1.0 forbids (control characters,
// lone surrogates), any one of which makes Word refuse to open the whole file.

const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF';
const LONE_SURROGATE =
  '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const FORBIDDEN_IN_XML = new RegExp(`[${CONTROL}]|${LONE_SURROGATE}`, 'g');

/** User text with the characters XML cannot carry removed; everything else kept as typed. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '');
}
