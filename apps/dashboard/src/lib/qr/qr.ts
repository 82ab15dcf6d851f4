import { encode } from 'uqr';

/** Quiet zone around the code, in modules (the QR standard asks for 4). */
export const QUIET_MODULES = 4;

/** A QR code as one SVG path: `size` modules square (quiet zone included), dark modules in `d`. */
export interface QrPath {
  size: number;
  d: string;
}

/**
 * Encodes `text` (medium error correction, readable from a screen across a room) into one SVG
 * path of unit squares, one per dark module, offset by the quiet zone.
 */
export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  const parts: string[] = [];
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + QUIET_MODULES} ${y + QUIET_MODULES}h1v1h-1z`);
    });
  });
  return { size: size + 2 * QUIET_MODULES, d: parts.join('') };
}

/**
 * The short link printed under the wall's QR code: a district's page when one is highlighted,
 * else the wall itself (a phone shows it as a list of every district, each linking to its page).
 * The language and region go along; the key does not (a wall's key is not for every phone).
 */
export function shortLink(
  origin: string,
  target: { district: string } | { region: string },
  lang: string,
): string {
  const query = new URLSearchParams();
  if ('region' in target) query.set('region', target.region);
  if (lang !== 'ru') query.set('lang', lang);
  const path = 'district' in target ? `/district/${encodeURIComponent(target.district)}` : '/wall';
  const search = query.toString();
  return `${origin}${path}${search ? `?${search}` : ''}`;
}
