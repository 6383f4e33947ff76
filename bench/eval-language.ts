/**
 * The blame and hindsight check measured on `eval/blame-sentences.jsonl`, a
 * labelled corpus written apart from the rules: precision and recall on the
 * tuning split and on the held-out split, with the counts behind each figure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { lintText } from '../src/language/index.ts';
import { loadModel } from '../src/model/load-model.ts';

export const LabelledSentence = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
  label: z.enum(['flag', 'ok']),
  category: z.string().min(1),
  split: z.enum(['tuning', 'heldout']),
});
export type LabelledSentence = z.infer<typeof LabelledSentence>;

export const CORPUS_FILE = join(import.meta.dirname, 'eval', 'blame-sentences.jsonl');

/** The corpus, parsed line by line. */
export function readLabelledSentences(file: string = CORPUS_FILE): LabelledSentence[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = LabelledSentence.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface Outcome {
  sentence: LabelledSentence;
  flagged: boolean;
  rules: string[];
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

/** Each sentence checked on its own against a model's language rules. */
export function judgeSentences(
  sentences: readonly LabelledSentence[],
  modelId = 'learning-together',
): Outcome[] {
  const rules = loadModel(modelId).language;
  return sentences.map((sentence) => {
    const flags = lintText(sentence.text, rules);
    return { sentence, flagged: flags.length > 0, rules: [...new Set(flags.map((f) => f.rule))] };
  });
}

export function score(outcomes: readonly Outcome[]): Scores {
  const count = (label: 'flag' | 'ok', flagged: boolean) =>
    outcomes.filter((o) => o.sentence.label === label && o.flagged === flagged).length;
  const tp = count('flag', true);
  const fp = count('ok', true);
  const fn = count('flag', false);
  const tn = count('ok', false);
  return {
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export interface EvalRow {
  name: string;
  figure: string;
  counts: string;
}

/** Printable rows: precision and recall per split, each with its counts. */
export function runLanguageEval(): EvalRow[] {
  const outcomes = judgeSentences(readLabelledSentences());
  const rows: EvalRow[] = [];
  for (const split of ['tuning', 'heldout'] as const) {
    const s = score(outcomes.filter((o) => o.sentence.split === split));
    const n = s.tp + s.fp + s.fn + s.tn;
    rows.push(
      {
        name: `lint ${split} precision (${n} sentences)`,
        figure: s.precision.toFixed(3),
        counts: `${s.tp} of ${s.tp + s.fp} flagged are blame or hindsight (fp ${s.fp})`,
      },
      {
        name: `lint ${split} recall`,
        figure: s.recall.toFixed(3),
        counts: `${s.tp} of ${s.tp + s.fn} blame or hindsight flagged (fn ${s.fn})`,
      },
    );
  }
  return rows;
}
