/**
 * Bytes that crossed a thread boundary arrive as a plain Uint8Array (structured clone drops the Buffer
 * class): a Buffer over the same memory again, without a copy. A Buffer is returned as it is.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
