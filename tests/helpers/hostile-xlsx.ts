import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';

/*
 * Hostile workbooks, generated in the test instead of committed: each is a valid XLSX whose parts
 * are streamed through the compressor, so making one never holds its inflated size in memory.
 *
 * - `millionRows`:   1,048,576 rows of real values (about 4.5 MB compressed)
 * - `stringBomb`:    a shared-strings part of ~300 MB that compresses to well under 1 MB
 * - `emptyRows`:     1,048,576 empty row elements
 *
 * `honest: false` makes the zip headers and the sheet's dimension lie (declared sizes of 0, no
 * dimension), so only the checks made while inflating and reading can stop them.
 */

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

type Chunks = () => Iterable<string>;

/** Builds a zip from parts, each streamed from its chunks through deflate (level 6). */
function zip(parts: Record<string, string | Chunks>, honest: boolean): Buffer {
  const out: Uint8Array[] = [];
  const archive = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, body] of Object.entries(parts)) {
    const file =
      typeof body === 'string' && body.length < 2048
        ? new ZipPassThrough(name)
        : new ZipDeflate(name, { level: 6 });
    archive.add(file);
    if (typeof body === 'string') file.push(strToU8(body), true);
    else {
      let batch = '';
      for (const piece of body()) {
        batch += piece;
        if (batch.length >= 1 << 20) {
          file.push(strToU8(batch));
          batch = '';
        }
      }
      file.push(strToU8(batch), true);
    }
  }
  archive.end();
  const bytes = Buffer.concat(out);
  if (!honest) lieAboutSizes(bytes);
  return bytes;
}

/** Sets every declared uncompressed size in the central directory to 0. */
function lieAboutSizes(bytes: Buffer): void {
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (bytes.readUInt32LE(i) !== 0x06054b50) continue;
    let at = bytes.readUInt32LE(i + 16);
    const count = bytes.readUInt16LE(i + 10);
    for (let n = 0; n < count; n++) {
      bytes.writeUInt32LE(0, at + 24);
      at +=
        46 +
        bytes.readUInt16LE(at + 28) +
        bytes.readUInt16LE(at + 30) +
        bytes.readUInt16LE(at + 32);
    }
    return;
  }
}

const ROWS = 1_048_576;

function book(sheet: Chunks, shared: string | Chunks, honest: boolean): Buffer {
  return zip(
    {
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': ROOT_RELS,
      'xl/workbook.xml': WORKBOOK,
      'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
      'xl/sharedStrings.xml': shared,
      'xl/worksheets/sheet1.xml': sheet,
    },
    honest,
  );
}

const NO_STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`;

/** 1,048,576 rows of numbers under a long-form header (about 4.5 MB compressed). */
export function millionRows({ honest = true } = {}): Buffer {
  return book(
    function* () {
      yield SHEET_HEAD;
      if (honest) yield `<dimension ref="A1:D${ROWS}"/>`;
      yield '<sheetData>';
      yield '<row r="1"><c r="A1" t="inlineStr"><is><t>district</t></is></c><c r="B1" t="inlineStr"><is><t>indicator</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c><c r="D1" t="inlineStr"><is><t>date</t></is></c></row>';
      for (let r = 2; r <= ROWS; r += 1024) {
        let batch = '';
        for (let i = r; i < Math.min(r + 1024, ROWS + 1); i++) {
          batch += `<row r="${i}"><c><v>${i % 100}</v></c></row>`;
        }
        yield batch;
      }
      yield '</sheetData></worksheet>';
    },
    NO_STRINGS,
    honest,
  );
}

/** ~300 MB of shared strings: 150,000 strings of 2,000 characters. */
export function stringBomb({ honest = true } = {}): Buffer {
  const text = 'A'.repeat(2000);
  return book(
    function* () {
      yield SHEET_HEAD;
      if (honest) yield '<dimension ref="A1:A1"/>';
      yield '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';
    },
    function* () {
      yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
      const si = `<si><t>${text}</t></si>`.repeat(100);
      for (let i = 0; i < 1_500; i++) yield si;
      yield '</sst>';
    },
    honest,
  );
}

/** 1,048,576 empty row elements under a header. */
export function emptyRows({ honest = true } = {}): Buffer {
  return book(
    function* () {
      yield SHEET_HEAD;
      if (honest) yield `<dimension ref="A1:D${ROWS}"/>`;
      yield '<sheetData>';
      yield '<row r="1"><c r="A1" t="inlineStr"><is><t>district</t></is></c></row>';
      for (let r = 2; r <= ROWS; r += 1024) {
        let batch = '';
        for (let i = r; i < Math.min(r + 1024, ROWS + 1); i++) batch += `<row r="${i}"/>`;
        yield batch;
      }
      yield '</sheetData></worksheet>';
    },
    NO_STRINGS,
    honest,
  );
}
