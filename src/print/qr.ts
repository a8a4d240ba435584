/**
 * The QR code on every material: an SVG made at build time from the
 * region's main help service address, exactly as published (no tracking
 * parameters are ever added). Error correction M survives a smudged print.
 */
import QRCode from "qrcode";

export async function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}
