import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { QUIET_MODULES, qrPath, shortLink } from '../../src/lib/qr/qr';

describe('qrPath', () => {
  it('draws one square per dark module of the encoded text, inside a quiet zone', () => {
    const text = 'http://wall.local:8080/district/akkol';
    const { data, size } = encode(text, { ecc: 'M', border: 0 });
    const path = qrPath(text);
    expect(path.size).toBe(size + 2 * QUIET_MODULES);
    const dark = data.flat().filter(Boolean).length;
    expect(path.d.match(/M/g)?.length).toBe(dark);
    // The top-left finder pattern starts at the quiet zone's edge.
    expect(path.d.startsWith(`M${QUIET_MODULES} ${QUIET_MODULES}h1v1h-1z`)).toBe(true);
    expect(qrPath(`${text}x`).d).not.toBe(path.d);
  });
});

describe('shortLink', () => {
  it('links a district page or the region wall, with the language but never a key', () => {
    expect(shortLink('https://rs.gov.kz', { district: 'akkol' }, 'ru')).toBe(
      'https://rs.gov.kz/district/akkol',
    );
    expect(shortLink('https://rs.gov.kz', { district: 'akkol' }, 'kk')).toBe(
      'https://rs.gov.kz/district/akkol?lang=kk',
    );
    expect(shortLink('https://rs.gov.kz', { region: 'aqmola' }, 'en')).toBe(
      'https://rs.gov.kz/wall?region=aqmola&lang=en',
    );
  });
});
