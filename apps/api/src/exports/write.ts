import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { safeCell } from '../spreadsheet/safe-cell';
import type { Table } from './tables';

/** A table as CSV: UTF-8 with a BOM (so Excel opens Cyrillic right), title line first. */
export function toCsv(table: Table): Buffer {
  const rows = [[table.title], table.header, ...table.rows].map((row) =>
    row.map((cell) => safeCell(cell ?? '')),
  );
  return Buffer.from(`\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`, 'utf8');
}

/** A table as one XLSX sheet: bold title, bold frozen header row, numbers as numbers. */
export async function toXlsx(table: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet');
  sheet.addRow([safeCell(table.title)]).font = { bold: true, size: 13 };
  const header = sheet.addRow(table.header.map(safeCell));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const row of table.rows) sheet.addRow(row.map((cell) => safeCell(cell)));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  table.header.forEach((_, i) => {
    sheet.getColumn(i + 1).width = i === 0 ? 32 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
