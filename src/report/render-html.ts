/**
 * Report HTML from the view model with Handlebars: an isolated environment,
 * strict mode and known helpers only, templates compiled once per process.
 * User text is always escaped. The one triple-stash is a map figure's `svg`:
 * markup src/graph wrote itself, every label in it escaped there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { RenderError } from '../domain/errors.ts';
import type { ReportView } from './build-report-view.ts';

export const REPORT_TEMPLATES_DIR = fileURLToPath(
  new URL('../../templates/report', import.meta.url),
);

const FONT_FACES = ['400.css', '700.css', '400-italic.css', '700-italic.css'];

/** File URLs of the stylesheets the report links: the font faces, then the report's own. */
export function reportStylesheets(templatesDir = REPORT_TEMPLATES_DIR): string[] {
  const require = createRequire(import.meta.url);
  const fonts = FONT_FACES.map(
    (f) => pathToFileURL(require.resolve(`@fontsource/atkinson-hyperlegible/${f}`)).href,
  );
  return [...fonts, pathToFileURL(join(templatesDir, 'report.css')).href];
}

type Template = (context: unknown) => string;
const compiled = new Map<string, Template>();

function compileReport(templatesDir: string): Template {
  const cached = compiled.get(templatesDir);
  if (cached) return cached;
  const hbs = Handlebars.create();
  const options = { strict: true, knownHelpersOnly: true, preventIndent: true } as const;
  try {
    const partialsDir = join(templatesDir, 'partials');
    for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
      hbs.registerPartial(
        basename(file, '.hbs'),
        hbs.compile(readFileSync(join(partialsDir, file), 'utf8'), options),
      );
    }
    const template = hbs.compile(readFileSync(join(templatesDir, 'report.hbs'), 'utf8'), options);
    compiled.set(templatesDir, template);
    return template;
  } catch (cause) {
    throw new RenderError(`the report templates in ${templatesDir} could not be loaded`, { cause });
  }
}

/** The whole report as one HTML document. */
export function renderReportHtml(view: ReportView, templatesDir = REPORT_TEMPLATES_DIR): string {
  const template = compileReport(templatesDir);
  try {
    return template({ ...view, stylesheets: reportStylesheets(templatesDir) });
  } catch (cause) {
    throw new RenderError(`the report template failed: ${(cause as Error).message}`, { cause });
  }
}
