/**
 * Report HTML from the view model with Handlebars: an isolated environment,
 * strict mode and known helpers only, templates compiled once per process.
 * User text is always escaped. The triple-stashes are markup our own code
 * wrote: a map figure's `svg` (every label in it escaped by src/graph), the
 * @font-face rules of report-fonts.ts and the report's own stylesheet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { RenderError } from '../domain/errors.ts';
import type { ReportView } from './build-report-view.ts';
import { headerFontFaces, reportFontFaces } from './report-fonts.ts';

export const REPORT_TEMPLATES_DIR = fileURLToPath(
  new URL('../../templates/report', import.meta.url),
);

/**
 * The report's stylesheet, inlined like the fonts: the page then loads no file at all, so its
 * Content-Security-Policy can refuse every URL, and the kept HTML renders the same anywhere.
 */
const stylesheets = new Map<string, string>();
function stylesheet(templatesDir: string, file: string): string {
  const path = join(templatesDir, file);
  let css = stylesheets.get(path);
  if (css === undefined) {
    css = readFileSync(path, 'utf8');
    stylesheets.set(path, css);
  }
  return css;
}

/** The edition's styles: the confidential edition's page marks only in the confidential HTML. */
function reportStylesheet(templatesDir: string, edition: ReportView['edition']): string {
  const base = stylesheet(templatesDir, 'report.css');
  return edition === 'confidential'
    ? `${base}\n${stylesheet(templatesDir, 'confidential.css')}`
    : base;
}

type Template = (context: unknown) => string;
interface ReportTemplates {
  report: Template;
  header: Template;
}
const compiled = new Map<string, ReportTemplates>();

function compileReport(templatesDir: string): ReportTemplates {
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
    const read = (file: string) => readFileSync(join(templatesDir, file), 'utf8');
    const templates = {
      report: hbs.compile(read('report.hbs'), options),
      header: hbs.compile(read('running-header.hbs'), options),
    };
    compiled.set(templatesDir, templates);
    return templates;
  } catch (cause) {
    throw new RenderError(`the report templates in ${templatesDir} could not be loaded`, { cause });
  }
}

/** The whole report as one HTML document. */
export function renderReportHtml(view: ReportView, templatesDir = REPORT_TEMPLATES_DIR): string {
  const { report } = compileReport(templatesDir);
  try {
    return report({
      ...view,
      fontFaces: reportFontFaces(),
      stylesheet: reportStylesheet(templatesDir, view.edition),
    });
  } catch (cause) {
    throw new RenderError(`the report template failed: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The running header Chromium draws at the top of every page: the review title (escaped, cut
 * short with an ellipsis when it is long) and the edition. Puppeteer's `headerTemplate`, not a
 * CSS margin box, because the title is user text and never goes into CSS.
 */
export function renderRunningHeader(
  view: Pick<ReportView, 'reviewTitle' | 'editionLabel' | 'edition'>,
  templatesDir = REPORT_TEMPLATES_DIR,
): string {
  const { header } = compileReport(templatesDir);
  try {
    return header({
      reviewTitle: view.reviewTitle,
      editionLabel: view.editionLabel,
      confidential: view.edition === 'confidential',
      fontFaces: headerFontFaces(`${view.reviewTitle}${view.editionLabel}`),
    });
  } catch (cause) {
    throw new RenderError(`the running header template failed: ${(cause as Error).message}`, {
      cause,
    });
  }
}
