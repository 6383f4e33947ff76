/**
 * Serving a workspace: checks where to listen (loopback unless told otherwise, and then only
 * with the host names the `Host` header may carry), opens the workspace for the life of the
 * server, and listens. The front door prints the address; closing stops the server and closes
 * the workspace.
 */
import { z } from 'zod';
import { prepareServedDemo, type ServedDemo } from '../app/demo/serve-demo.ts';
import { openWorkspaceFile } from '../app/open-workspace.ts';
import { ValidationError } from '../domain/errors.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { isLoopback } from './host-check.ts';
import { buildServer } from './server.ts';

const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/,
    'a host name such as reviews.fenwickvale.example, or an address',
  );

export const ServeOptions = z.strictObject({
  workspacePath: z.string().min(1, 'the workspace path is empty'),
  port: z.coerce
    .number()
    .int('a whole number')
    .min(0, 'a port from 0 (any free port) to 65535')
    .max(65535, 'a port from 0 (any free port) to 65535')
    .default(4400),
  host: z.string().trim().min(1, 'the host is empty').default('127.0.0.1'),
  allowedHosts: z.array(HostName).default([]),
  tls: z.boolean().default(false),
  /** Serve the demo review instead, from its own workspace in this folder (built the first time). */
  demoDir: z.string().min(1, 'the demo folder is empty').optional(),
});
export type ServeOptions = z.input<typeof ServeOptions>;

export interface RunningServer {
  url: string;
  /** Listening beyond this machine: every device on the network can reach the sign-in page. */
  exposed: boolean;
  /** The workspace served. */
  workspacePath: string;
  /** With `demoDir`: the demo's accounts and their passwords for this run. */
  demo?: ServedDemo;
  close(): Promise<void>;
}

export async function startServer(
  input: ServeOptions,
  deps: { actor: string; clock?: () => Date; onWarning?: (warning: Issue) => void },
): Promise<RunningServer> {
  const options = parseOrThrow(ServeOptions, input);
  const exposed = !isLoopback(options.host);
  if (exposed && options.allowedHosts.length === 0) {
    throw new ValidationError([
      issue(
        'allowed-host-required',
        ['allowedHost'],
        `listening on ${options.host} lets other machines connect, so the names they will use for this server must be given (the Host header is checked against them, against DNS rebinding)`,
        { fix: { kind: 'give', field: 'allowedHost', example: 'reviews.fenwickvale.example' } },
      ),
    ]);
  }
  const demo = options.demoDir
    ? await prepareServedDemo(options.demoDir, {
        actor: deps.actor,
        ...(deps.clock ? { clock: deps.clock } : {}),
      })
    : undefined;
  const workspacePath = demo?.workspace ?? options.workspacePath;
  const workspace = openWorkspaceFile(workspacePath, {
    create: false,
    actor: deps.actor,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.onWarning ? { onWarning: deps.onWarning } : {}),
  });
  try {
    const app = await buildServer({
      workspace,
      host: options.host,
      allowedHosts: options.allowedHosts,
      tls: options.tls,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = exposed ? (options.allowedHosts[0] as string) : 'localhost';
    return {
      url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}/`,
      exposed,
      workspacePath,
      ...(demo ? { demo } : {}),
      close: async () => {
        await app.close();
        await workspace.close();
      },
    };
  } catch (error) {
    await workspace.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ValidationError([
        issue(
          'port-in-use',
          ['port'],
          `port ${options.port} on ${options.host} is in use by another program (perhaps another server of this workspace)`,
          { fix: { kind: 'give', field: 'port', example: String(options.port + 1) } },
        ),
      ]);
    }
    throw error;
  }
}
