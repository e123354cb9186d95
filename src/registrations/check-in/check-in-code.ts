import QRCode from 'qrcode';

/** A check-in code: 12 upper-case hex digits (see the check-in migration). */
const CODE = /^[0-9A-F]{12}$/;

/** The code as typed or scanned, without spaces, dashes or case; undefined if it cannot be one. */
export function normaliseCheckInCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return CODE.test(code) ? code : undefined;
}

/** Groups of four, easier to read out at a desk: "3F2A 9C01 B7E4". */
export const formatCheckInCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

// Medium error correction survives a cracked phone screen; the margin is the quiet zone scanners need.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The QR code as an SVG document, for pages (it scales without blurring). */
export function checkInQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { ...QR_OPTIONS, type: 'svg' });
}

/** The QR code as a PNG, for email (mail clients show PNG attachments inline; many drop SVG). */
export function checkInQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...QR_OPTIONS, type: 'png', width: 240 });
}
