/**
 * `render`: the findings report as a tagged PDF or a Word document, in the
 * confidential edition or the publication edition — which goes through the
 * pseudonym register and is written only if the leak check finds nothing.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { OPTIONAL_PARTS } from '../../publish/edition-sections.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { collect, defined } from '../options.ts';
import { printJson } from '../output.ts';
import { progressOnTerminal } from '../progress.ts';

export function registerRenderCommand(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('render')
      .description(
        'write the findings report: a tagged A4 PDF or a Word document, confidential or for publication',
      )
      .option(
        '--edition <edition>',
        'confidential (every page marked not for publication) or publication',
        'confidential',
      )
      .option('--format <format>', 'pdf or docx', 'pdf')
      .option(
        '--include <parts>',
        `optional parts: ${OPTIONAL_PARTS.join(', ')} (publication default: map)`,
        collect,
      )
      .option(
        '--sections <ids>',
        'only these outline sections (title page and contents always)',
        collect,
      )
      .option('--out <file>', 'where to write it (default: <review id>-<edition>.<format>)')
      .option('--html', 'also write the HTML beside a PDF', false)
      .addHelpText(
        'after',
        '\nThe publication edition is written only when its text, HTML and the file itself are free of\nevery identifier in the pseudonym register (and of NHS numbers, phone numbers and postcodes);\notherwise nothing is written and each leak is listed with the field and id it came from.\n\nExample:\n  tunnelview render --edition publication --out child-a-publication.pdf\n  tunnelview render --format docx --sections executive-summary,findings',
      ),
  ).action(async (_opts, command: Command) => {
    const { renderEdition } = await import('../../app/render-edition.ts');
    const { BrowserSession } = await import('../../app/browser-session.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const browser = new BrowserSession({ env: env.env });
      const progress = progressOnTerminal(env, o);
      try {
        const r = await renderEdition(
          ws,
          reviewId,
          {
            ...defined({
              edition: o.edition,
              format: o.format,
              include: o.include,
              sections: o.sections,
            }),
            outFile: resolve(env.cwd, String(o.out ?? `${reviewId}-${o.edition}.${o.format}`)),
            keepHtml: Boolean(o.html),
          } as Parameters<typeof renderEdition>[2],
          browser,
          progress.report,
        );
        progress.done();
        if (o.json) {
          const p = r.publication;
          return printJson(env.output, {
            review: r.review,
            edition: r.edition,
            format: r.format,
            file: r.file,
            pages: r.pages,
            blocked: r.blocked,
            ...(p
              ? {
                  sha256: p.sha256,
                  substitutions: p.substitutions,
                  leaks: [],
                  warnings: p.warnings,
                  ...(p.sealed ? { sealed: p.sealed } : {}),
                }
              : {}),
          });
        }
        const pages = r.pages ? ` (${r.pages} pages)` : '';
        env.output.out(`Wrote the ${r.edition} edition to ${r.file}${pages}`);
        if (r.blocked.count > 0) {
          env.output.out(
            `  refused ${r.blocked.count} request(s) the page made beyond the report's own files: ${r.blocked.urls.join(', ')}`,
          );
        }
        if (r.publication) {
          const { substitutions, warnings } = r.publication;
          env.output.out(
            `  leak check passed: ${substitutions} identifiers replaced through the register; none left in the text, the ${r.format === 'pdf' ? 'HTML, the PDF' : 'Word document'} or its properties, read plainly or as a reader would`,
          );
          if (warnings.length > 0) {
            env.output.out(
              `  names not in the register, to look at (not refused): ${warnings.slice(0, 30).join(', ')}${warnings.length > 30 ? ', …' : ''}`,
            );
          }
          for (const seal of r.publication.sealed ?? []) {
            env.output.out(
              `  sealed event ${seal.seq} (head ${seal.headHash}) with key ${seal.keyFingerprint}`,
            );
          }
        }
      } finally {
        progress.done();
        await browser.close();
      }
    });
  });
}
