/**
 * The findings report. A separate entry point from the core: importing it
 * loads Handlebars and puppeteer-core, which nothing else needs.
 */
export * from './build-map-figures.ts';
export * from './build-report-view.ts';
export * from './pdf/index.ts';
export * from './render-html.ts';
export * from './render-report.ts';
export * from './select-sections.ts';
