/**
 * Text that a spreadsheet would run as a formula when the service writes it back out (CSV/XLSX
 * exports and templates): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (OWASP "CSV injection"). Such text is prefixed with an apostrophe, which Excel and LibreOffice
 * show as plain text. Numbers are never touched: a negative value stays a number.
 */
export function safeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
