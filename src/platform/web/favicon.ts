/** The mark, 16 × 16: a speech bubble ("#") on the brand colour, transparent (".") around it. */
const MARK = [
  '................',
  '.##############.',
  '################',
  '####++++++++####',
  '###++++++++++###',
  '###++++++++++###',
  '###++++++++++###',
  '###++++++++++###',
  '###++++++++++###',
  '####++++++++####',
  '################',
  '.######..######.',
  '......#..#......',
  '.......##.......',
  '................',
  '................',
];

/** BGRA, as a BMP stores its pixels. */
const COLOURS: Record<string, [number, number, number, number]> = {
  '.': [0, 0, 0, 0],
  '#': [0x8b, 0x5f, 0x1f, 0xff],
  '+': [0xff, 0xff, 0xff, 0xff],
};

/**
 * The site icon as a Windows .ico (one 32-bit 16 × 16 bitmap), built from MARK at start-up so
 * the repository holds no binary file. Browsers ask for /favicon.ico on every site.
 */
export function buildFavicon(): Buffer {
  const size = 16;
  const pixels = size * size * 4;
  const mask = size * 4; // one bit per pixel, rows padded to 4 bytes; all visible (alpha decides)
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels + mask, 14);
  header.writeUInt32LE(22, 18);
  header.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  header.writeInt32LE(size, 26);
  header.writeInt32LE(size * 2, 30); // colour and mask, stacked
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  header.writeUInt32LE(pixels + mask, 42);
  const body = Buffer.alloc(pixels + mask);
  // Bottom row first.
  MARK.slice()
    .reverse()
    .forEach((row, y) => [...row].forEach((c, x) => Buffer.from(COLOURS[c]).copy(body, (y * size + x) * 4)));
  return Buffer.concat([header, body]);
}
