// The invented register of tests/fixtures/publish/register.json, parsed with the domain schemas so
// the tests see exactly what a review holds; and the fixture texts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Participant } from '../../src/domain/participant.ts';
import { Person } from '../../src/domain/person.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'publish');

const RegisterFile = z.object({
  persons: z.array(Person),
  participants: z.array(Participant),
});

export type RegisterFixture = z.infer<typeof RegisterFile>;

export function loadRegister(): RegisterFixture {
  const raw = JSON.parse(readFileSync(join(FIXTURES, 'register.json'), 'utf8'));
  return RegisterFile.parse(raw);
}

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
