/** The problems of the IAM exports `audit` and `import` read: kept with every other error, in `src/errors/export-errors.ts`. */
export { ExportError, exportProblems, formatExportProblem, type ExportProblem } from '../errors';
