/** `seal`: sign reviews' heads with a private key kept outside the workspace; `seal --new-key` makes one. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { inCommandTerms, optionsOf } from '../command-kit.ts';
import { type CliEnvironment, withWorkspace } from '../context.ts';
import { printJson, printTable } from '../output.ts';

export function registerSealCommand(program: Command, env: CliEnvironment): void {
  program
    .command('seal')
    .description(
      "sign each review's head (or one review's) with an Ed25519 private key kept outside the workspace; anyone with the public key can then check, with verify --public-key, that the log still passes through it",
    )
    .option('--review <id>', 'only this review')
    .option('--key <file>', 'the private key (default: TUNNELVIEW_SEAL_KEY)')
    .option(
      '--new-key <file>',
      'make a key pair instead: the private key in FILE (readable by you alone), the public key in FILE.pub',
    )
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview seal --new-key ~/keys/lead-reviewer.key\n  tunnelview seal --key ~/keys/lead-reviewer.key\n  TUNNELVIEW_SEAL_KEY=~/keys/lead-reviewer.key tunnelview meeting record M-3   # seals on its own',
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { createSealKey, sealReviews } = await import('../../app/seal.ts');
      if (o.newKey) {
        const made = await inCommandTerms(command, async () =>
          createSealKey(resolve(env.cwd, String(o.newKey))),
        );
        if (o.json) return printJson(env.output, made);
        env.output.out(`Wrote the private key to ${made.privateKeyFile} (readable by you alone)`);
        env.output.out(`and the public key to ${made.publicKeyFile}; key ${made.fingerprint}.`);
        env.output.out(
          'Keep the private key outside the workspace and its backups; give the public key to whoever checks the seals.',
        );
        return;
      }
      await withWorkspace(env, o, { create: false }, async (ws) => {
        const seals = await inCommandTerms(command, () =>
          sealReviews(ws, {
            ...(o.key ? { keyFile: resolve(env.cwd, String(o.key)) } : {}),
            ...(o.review ? { reviewId: o.review } : {}),
          }),
        );
        if (o.json) return printJson(env.output, seals);
        printTable(env.output, seals, [
          { header: 'SEAL', value: (s) => String(s.id) },
          { header: 'REVIEW', value: (s) => s.reviewId },
          { header: 'SEQ', value: (s) => String(s.seq) },
          { header: 'HEAD HASH', value: (s) => s.headHash, max: 64 },
          { header: 'KEY', value: (s) => s.keyFingerprint, max: 71 },
        ]);
      });
    });
}
