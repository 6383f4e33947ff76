/** Word lists kept as data in source: one group per line, lines starting with // are headings. */
export function wordList(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}
