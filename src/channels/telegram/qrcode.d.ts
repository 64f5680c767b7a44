// The slice of the `qrcode` package (no bundled types) that `o2o qr` uses.
declare module "qrcode" {
  const qrcode: { toBuffer(text: string, opts?: Record<string, unknown>): Promise<Buffer>; toString(text: string, opts?: Record<string, unknown>): Promise<string> };
  export default qrcode;
}
