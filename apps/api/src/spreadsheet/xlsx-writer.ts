import { strToU8, zipSync } from 'fflate';
import { columnLetter } from '@region-score/core';
import { safeCell } from './safe-cell';

/*
 * A small XLSX writer for report templates: inline-string and number cells, a fixed set of
 * styles (locked reference cells, unlocked input cells, dates), column widths, frozen panes,
 * merged cells, data validation and sheet protection: what a template needs and nothing more,
 * written as the OOXML parts Excel and LibreOffice read, zipped with fflate.
 */

/** The styles a template uses (indexes into `cellXfs` below). */
export const Style = {
  /** Plain text, locked. */
  text: 0,
  /** Column headers: bold on grey, wrapped, locked. */
  header: 1,
  /** A cell to fill in: unlocked, pale yellow. */
  input: 2,
  /** A date to fill in: unlocked, pale yellow, DD.MM.YYYY. */
  inputDate: 3,
  /** A reference number (target, plan): locked, grey. */
  reference: 4,
  /** A reference date: locked, grey, DD.MM.YYYY. */
  referenceDate: 5,
  /** A title: bold, larger. */
  title: 6,
  /** Wrapped text (instructions), locked. */
  wrap: 7,
  /** A reference text (a district or indicator name): locked, grey. */
  referenceText: 8,
} as const;
export type StyleId = (typeof Style)[keyof typeof Style];

/** A cell: text, a number, a date (`{ date: 'YYYY-MM-DD' }`) or nothing, with a style. */
export type CellValue = string | number | { date: string } | null;
export interface Cell {
  value: CellValue;
  style?: StyleId;
}

export interface Validation {
  /** A range such as `D5:D40`. */
  ref: string;
  type: 'decimal' | 'date';
  min: number | string;
  max: number | string;
  title: string;
  prompt: string;
  error: string;
}

export interface SheetSpec {
  name: string;
  rows: (Cell | CellValue)[][];
  /** Column widths in characters, from column A. */
  widths?: number[];
  /** Rows and columns kept in view when scrolling. */
  freeze?: { rows: number; columns: number };
  merges?: string[];
  validations?: Validation[];
  /** Protect the sheet: only unlocked (input) cells can be edited. */
  protect?: boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Text as XML character data: escaped, without the control characters XML cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Excel's serial day number (1900 system) of a calendar date. */
export function dateSerial(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000) + 25_569;
}

function cellXml(cell: Cell | CellValue, ref: string): string {
  const c: Cell =
    cell !== null && typeof cell === 'object' && 'value' in cell ? cell : { value: cell };
  const s = c.style ? ` s="${c.style}"` : '';
  const v = c.value;
  if (v === null || v === '') return s ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  if (typeof v === 'object') return `<c r="${ref}"${s}><v>${dateSerial(v.date)}</v></c>`;
  // Text that a spreadsheet could run as a formula is neutralised, as everywhere we write cells.
  const text = String(safeCell(v));
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xml(text)}</t></is></c>`;
}

function sheetXml(spec: SheetSpec): string {
  const width = Math.max(1, ...spec.rows.map((r) => r.length));
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`,
    `<dimension ref="A1:${columnLetter(width - 1)}${Math.max(1, spec.rows.length)}"/>`,
  ];
  const f = spec.freeze;
  if (f && (f.rows > 0 || f.columns > 0)) {
    const top = `${columnLetter(f.columns)}${f.rows + 1}`;
    const pane =
      f.rows > 0 && f.columns > 0 ? 'bottomRight' : f.rows > 0 ? 'bottomLeft' : 'topRight';
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${f.columns > 0 ? ` xSplit="${f.columns}"` : ''}${f.rows > 0 ? ` ySplit="${f.rows}"` : ''} topLeftCell="${top}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (spec.widths && spec.widths.length > 0) {
    parts.push(
      `<cols>${spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    );
  }
  parts.push('<sheetData>');
  spec.rows.forEach((row, r) => {
    const cells = row.map((cell, c) => cellXml(cell, `${columnLetter(c)}${r + 1}`)).join('');
    parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  parts.push('</sheetData>');
  if (spec.protect) {
    // Formatting, inserting and deleting rows, sorting and filtering stay allowed ("0": not
    // protected); only locked cells (names, units, targets, plans) cannot be changed.
    parts.push(
      '<sheetProtection sheet="1" objects="1" scenarios="1" formatCells="0" formatColumns="0" formatRows="0" insertRows="0" deleteRows="0" sort="0" autoFilter="0"/>',
    );
  }
  if (spec.merges && spec.merges.length > 0) {
    parts.push(
      `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`,
    );
  }
  if (spec.validations && spec.validations.length > 0) {
    parts.push(`<dataValidations count="${spec.validations.length}">`);
    for (const v of spec.validations) {
      const bound = (x: number | string) =>
        typeof x === 'number' ? String(x) : String(dateSerial(x));
      parts.push(
        `<dataValidation type="${v.type}" operator="between" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="stop" errorTitle="${xml(v.title)}" error="${xml(v.error)}" promptTitle="${xml(v.title)}" prompt="${xml(v.prompt)}" sqref="${v.ref}"><formula1>${bound(v.min)}</formula1><formula2>${bound(v.max)}</formula2></dataValidation>`,
      );
    }
    parts.push('</dataValidations>');
  }
  parts.push(
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    '</worksheet>',
  );
  return parts.join('');
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFF7CC"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="9">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>
<xf numFmtId="0" fontId="0" fillId="3" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>
<xf numFmtId="164" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>
<xf numFmtId="0" fontId="0" fillId="4" borderId="1" xfId="0" applyFill="1" applyBorder="1"/>
<xf numFmtId="164" fontId="0" fillId="4" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="4" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** A workbook of the given sheets, as the bytes of an `.xlsx` file. */
export function writeXlsx(sheets: readonly SheetSpec[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, text: string) => (files[path] = strToU8(text));
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  put(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`,
  );
  put(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  put(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets
      .map(
        (s, i) => `<sheet name="${xml(sheetName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  put('xl/styles.xml', STYLES);
  sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)));
  return zipSync(files, { level: 6 });
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}
