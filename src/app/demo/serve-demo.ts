/**
 * The demo served on the web (`npm start`): the fictional Fenwick Vale review in its own
 * workspace, built the first time and kept after, with one account per role. Each start
 * gives those accounts new passwords, shown once, so the demo can be signed in to without
 * any password living in the repository.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../domain/roles.ts';
import { addAccount, listAccounts, resetPassword } from '../accounts.ts';
import { openWorkspaceFile } from '../open-workspace.ts';
import { buildDemoReview, DEMO_SCENARIO } from './build-demo.ts';

export const DEMO_ACCOUNTS: readonly { name: string; role: Role }[] = [
  { name: 'lead.reviewer', role: 'lead-reviewer' },
  { name: 'review.team', role: 'review-team' },
  { name: 'partnership.manager', role: 'partnership-manager' },
  { name: 'board.member', role: 'board-member' },
  { name: 'observer', role: 'observer' },
];

export interface ServedDemo {
  workspace: string;
  /** Whether the review was built now (the first start) rather than kept from before. */
  built: boolean;
  accounts: { name: string; role: Role; password: string }[];
}

export async function prepareServedDemo(
  dir: string,
  options: { actor: string; clock?: () => Date },
): Promise<ServedDemo> {
  const workspace = join(dir, 'tunnelview.db');
  const built = !existsSync(workspace);
  mkdirSync(dir, { recursive: true });
  const ws = openWorkspaceFile(workspace, {
    create: true,
    actor: options.actor,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    if (built) await buildDemoReview(ws, DEMO_SCENARIO);
    const existing = new Set((await listAccounts(ws)).map((a) => a.name));
    const accounts: ServedDemo['accounts'] = [];
    for (const { name, role } of DEMO_ACCOUNTS) {
      const made = existing.has(name)
        ? await resetPassword(ws, name)
        : await addAccount(ws, { name, role });
      accounts.push({ name, role, password: made.generatedPassword as string });
    }
    return { workspace, built, accounts };
  } finally {
    await ws.close();
  }
}
