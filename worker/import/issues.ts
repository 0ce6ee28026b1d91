/**
 * Every problem an import finds, located precisely enough that a user can open the file and fix
 * it: the file, the row (CSV, counting the header as row 1 like a spreadsheet) or JSON path, and
 * the column. Errors block the import; warnings are reported and the import goes ahead.
 */

export const ISSUE_CODES = [
  "unreadable",
  "missing_column",
  "unknown_area",
  "invalid_area_code",
  "unknown_indicator",
  "non_numeric",
  "negative_count",
  "numerator_exceeds_denominator",
  "value_and_status",
  "duplicate_key",
  "period_out_of_range",
  "invalid_period",
  "invalid_postcode",
  "invalid_geometry",
  "invalid_mapping",
  "missing_name",
  "no_geometry",
  "estimated_weights",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface Location {
  file: string;
  /** 1-based; row 1 is the CSV header. */
  row?: number;
  /** JSON path, e.g. `$.features[3].geometry`. */
  path?: string;
  column?: string;
}

export interface Issue extends Location {
  code: IssueCode;
  message: string;
}

export function where(at: Location): string {
  const parts = [at.file];
  if (at.row !== undefined) parts.push(`row ${at.row}`);
  if (at.path !== undefined) parts.push(at.path);
  if (at.column !== undefined) parts.push(`column "${at.column}"`);
  return parts.join(", ");
}

/** "file.csv, row 4, column "value": non-numeric value "abc"" — what users see. */
export const describeIssue = (issue: Issue) => `${where(issue)}: ${issue.message}`;

/** Reports list at most this many of each kind; the counts stay exact. */
export const MAX_LISTED = 200;

export class Issues {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  errorCount = 0;
  warningCount = 0;

  error(at: Location, code: IssueCode, message: string) {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED) this.errors.push({ ...at, code, message });
  }

  warn(at: Location, code: IssueCode, message: string) {
    this.warningCount++;
    if (this.warnings.length < MAX_LISTED) this.warnings.push({ ...at, code, message });
  }

  get ok() {
    return this.errorCount === 0;
  }
}

/** Thrown when a file cannot be read at all (not JSON, unterminated quote, wrong shape). */
export class ImportFailure extends Error {
  constructor(
    readonly at: Location,
    readonly code: IssueCode,
    readonly detail: string,
  ) {
    super(`${where(at)}: ${detail}`);
  }
}

/** JSON path segment: `.name` when it is an identifier, `["02190207"]` otherwise. */
export function pathKey(key: string | number): string {
  if (typeof key === "number") return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
