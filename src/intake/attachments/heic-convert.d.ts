// heic-convert ships no types; only the single-image call Borikan uses is declared.
declare module "heic-convert" {
  interface ConvertOptions {
    buffer: Uint8Array;
    format: "JPEG" | "PNG";
    quality?: number;
  }
  function convert(options: ConvertOptions): Promise<ArrayBuffer | Uint8Array>;
  export default convert;
}
