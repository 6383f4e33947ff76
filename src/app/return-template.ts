/** The blank return an agency fills in (CSV, or XLSX with notes and a guidance sheet); needs no workspace. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { writePrivateFileSync } from '../store/private-file.ts';

export interface TemplateRequest {
  agency: string;
  format: 'csv' | 'xlsx';
  /** Where to write it; by default a file named after the agency in `dir`. */
  outFile?: string;
  dir: string;
  /** Replace a file that is already there. */
  force?: boolean;
}

export async function writeReturnTemplate(request: TemplateRequest) {
  // exceljs loads only when a template is written.
  const { RETURN_TEMPLATE_COLUMNS, returnTemplateCsv, returnTemplateXlsx, templateFileName } =
    await import('../chronology/write-return-template.ts');
  const agency = request.agency.trim();
  const file = request.outFile ?? join(request.dir, templateFileName(agency, request.format));
  if (existsSync(file) && !request.force) {
    throw new ValidationError([
      issue('file-exists', ['outFile'], `${file} already exists; choose another file`, {
        fix: { kind: 'give', field: 'force', purpose: 'overwrite it' },
      }),
    ]);
  }
  const bytes = request.format === 'csv' ? returnTemplateCsv() : await returnTemplateXlsx(agency);
  writePrivateFileSync(file, bytes);
  return {
    file,
    format: request.format,
    agency,
    columns: RETURN_TEMPLATE_COLUMNS.map((c) => c.heading),
  };
}
