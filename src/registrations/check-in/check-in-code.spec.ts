import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { checkInQrPng, checkInQrSvg, formatCheckInCode, normaliseCheckInCode } from './check-in-code.js';

/** The QR code's modules drawn as RGBA pixels (4 per module, a 4-module quiet zone), as a camera frame would be. */
function framePixels(code: string): { data: Uint8ClampedArray; width: number } {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const width = (modules.size + 8) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < modules.size; y += 1) {
    for (let x = 0; x < modules.size; x += 1) {
      if (!modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const offset = (((y + 4) * scale + dy) * width + (x + 4) * scale + dx) * 4;
          data.fill(0, offset, offset + 3);
        }
      }
    }
  }
  return { data, width };
}

// jsqr is CommonJS with an ES-style default export: Node hands over module.exports, whose .default is the function.
const jsQR = jsQRModule.default;

describe('check-in codes', () => {
  it('accepts a code however it was typed and refuses what cannot be one', () => {
    expect(normaliseCheckInCode('3f2a 9c01-b7e4')).toBe('3F2A9C01B7E4');
    expect(normaliseCheckInCode(' 3F2A9C01B7E4 ')).toBe('3F2A9C01B7E4');
    expect(normaliseCheckInCode('3F2A9C01B7E')).toBeUndefined();
    expect(normaliseCheckInCode('3F2A9C01B7EZ')).toBeUndefined();
    expect(normaliseCheckInCode('')).toBeUndefined();
  });

  it('groups a code in fours for reading aloud', () => {
    expect(formatCheckInCode('3F2A9C01B7E4')).toBe('3F2A 9C01 B7E4');
  });

  it('encodes the code itself, which the scanner library reads back', () => {
    const frame = framePixels('3F2A9C01B7E4');
    expect(jsQR(frame.data, frame.width, frame.width)?.data).toBe('3F2A9C01B7E4');
  });

  it('draws a PNG for email', async () => {
    const png = await checkInQrPng('3F2A9C01B7E4');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(200);
  });

  it('draws an SVG without style attributes (the pages’ CSP forbids inline styles)', async () => {
    const svg = await checkInQrSvg('3F2A9C01B7E4');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/style=/);
  });
});
