/**
 * Reads one line from standard input (a password piped in, never typed on the command line
 * where `ps` and the shell's history would keep it): up to the first line break, without it.
 */
import type { Readable } from 'node:stream';

/** More than any line a user means to give; a stream that goes on past it is cut off there. */
const MAX_LINE_BYTES = 64 * 1024;

export function readLine(input: Readable = process.stdin): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      input.off('data', onData);
      input.off('end', finish);
      input.off('error', fail);
      input.pause();
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.search(/\r?\n/);
      done(end === -1 ? text : text.slice(0, end));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      if (bytes.includes(0x0a) || size >= MAX_LINE_BYTES) finish();
    };
    input.on('data', onData);
    input.once('end', finish);
    input.once('error', fail);
    input.resume();
  });
}
