/**
 * `npm run eval`: each check measured on data it was not shaped on, printed
 * with the counts behind each figure. Each module returns printable rows.
 */
import { runLanguageEval } from './eval-language.ts';

const modules = [{ title: 'Blame and hindsight check', run: runLanguageEval }];

for (const { title, run } of modules) {
  console.log(`\n${title}`);
  console.log('─'.repeat(100));
  for (const row of run()) {
    console.log(`${row.name.padEnd(40)} ${row.figure.padStart(7)}   ${row.counts}`);
  }
}
