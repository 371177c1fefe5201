import qrcode from 'qrcode-generator';

/**
 * The otpauth URI as a QR code to scan, drawn here so the pages carry no QR library: an SVG (dark
 * modules on white, four modules of quiet zone as the standard asks) as a data: URL for an `<img>`.
 */
export function withQrCode<T extends { uri: string }>(setup: T): T & { qrCode: string } {
  const qr = qrcode(0, 'M');
  qr.addData(setup.uri);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 4, margin: 16, scalable: true });
  return { ...setup, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
