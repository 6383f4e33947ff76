/**
 * `npm run eval`: each check measured on data it was not shaped on, printed
 * with the counts behind each figure. Each module returns printable rows.
 */
import { runDuplicatesEval } from './eval-duplicates.ts';
import { runLanguageEval } from './eval-language.ts';

const modules = [
  { title: 'Blame and hindsight check', run: runLanguageEval },
  { title: 'Duplicate finding (synthetic multi-agency cases)', run: runDuplicatesEval },
];

for (const { title, run } of modules) {
  console.log(`\n${title}`);
  console.log('─'.repeat(100));
  for (const row of await run()) {
    console.log(`${row.name.padEnd(48)} ${row.figure.padStart(7)}   ${row.counts}`);
  }
}
