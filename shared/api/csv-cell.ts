// CSV files the product writes are opened in spreadsheets, which run a cell that starts with `=`,
// `+`, `-` or `@` (and, in some, tab, carriage return or their full-width forms) as a formula:
// a product named `=HYPERLINK("http://x")` would become a live link, or worse (OWASP "CSV
// injection"). Every CSV writer passes its cells through here.

const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/
/** A plain decimal ("-12.50") is read as a number, never as a formula: it stays as it is. */
const plainNumber = /^-?\d+(\.\d+)?$/

/** Text that could start a formula gets a leading `'`; numbers, booleans and empty cells are unchanged. */
export function neutraliseCsvCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value
}

/** The inverse, for importing a CSV this product wrote: drops the `'` that neutraliseCsvCell added. */
export function restoreCsvCell(text: string): string {
  return text.startsWith("'") && formulaStart.test(text.slice(1)) ? text.slice(1) : text
}
