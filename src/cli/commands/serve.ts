/** `serve`: the review workspace in the browser; `serve --demo` (what `npm start` runs) serves the demo review. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { inCommandTerms, optionsOf } from '../command-kit.ts';
import { actorName, type CliEnvironment, workspacePath } from '../context.ts';
import { issueLine } from '../exit-codes.ts';
import { collect } from '../options.ts';

export function registerServeCommand(program: Command, env: CliEnvironment): void {
  program
    .command('serve')
    .description(
      'serve the workspace in the browser for the review team, the partnership and the Board',
    )
    .option('--port <n>', 'the port to listen on (0: any free port)', '4400')
    .option(
      '--host <address>',
      'the address to listen on; only this machine by default',
      '127.0.0.1',
    )
    .option(
      '--allowed-host <name>',
      'a name other machines reach this server by (repeatable; required with a --host other than loopback)',
      collect,
    )
    .option('--tls', 'served over HTTPS by a proxy in front: secure cookies and HSTS')
    .option(
      '--demo [dir]',
      'serve the fictional demo review (built in DIR the first time, default out/web-demo)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Example:',
        '  tunnelview serve --workspace reviews.db',
        '  tunnelview serve --host 0.0.0.0 --allowed-host reviews.fenwickvale.example',
        '  tunnelview serve --demo        # the demo review, one account per role (npm start)',
      ].join('\n'),
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { startServer } = await import('../../server/start-server.ts');
      const server = await inCommandTerms(command, () =>
        startServer(
          {
            workspacePath: workspacePath(env, o),
            ...(o.demo === undefined
              ? {}
              : {
                  demoDir: resolve(env.cwd, typeof o.demo === 'string' ? o.demo : 'out/web-demo'),
                }),
            port: o.port,
            host: String(o.host),
            allowedHosts: (o.allowedHost as string[] | undefined) ?? [],
            tls: Boolean(o.tls),
          },
          {
            actor: actorName(env, o),
            onWarning: (warning) => env.output.err(`Warning: ${issueLine(warning)}`),
          },
        ),
      );
      if (server.demo) {
        const { demo } = server;
        env.output.out(
          `Demo review ${demo.built ? 'built in' : 'kept from before in'} ${demo.workspace}`,
        );
        env.output.out('Sign in with one of these accounts (passwords made for this run):');
        for (const a of demo.accounts)
          env.output.out(`  ${a.name.padEnd(20)} ${a.password}   ${a.role}`);
      }
      if (server.exposed) {
        env.output.err(
          `Warning: listening on ${String(o.host)}: other machines on the network can reach the sign-in page. Serve it over HTTPS (a proxy in front, with --tls) beyond a trusted network.`,
        );
      }
      env.output.out(`Serving ${server.workspacePath} at ${server.url} (Ctrl-C to stop)`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
