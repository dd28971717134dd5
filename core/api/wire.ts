/**
 * The HTTP body of an API answer: JSON with its binary parts (Arrow pages) carried beside it, not as base64.
 * Layout: u32 JSON length, JSON, then each blob as u32 length + bytes, every part padded to 8 bytes so that
 * typed-array views over the blobs are aligned.
 */
export const FRAME_CONTENT_TYPE = 'application/vnd.bizops.frame';

const BLOB_KEY = '__bizops_blob__';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeFrame(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Uint8Array ? { [BLOB_KEY]: blobs.push(item) - 1 } : item,
  );
  const jsonBytes = encoder.encode(json);
  let size = align(4 + jsonBytes.length);
  for (const blob of blobs) size = align(align(size + 4) + blob.length);
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  view.setUint32(0, jsonBytes.length, true);
  frame.set(jsonBytes, 4);
  let at = align(4 + jsonBytes.length);
  for (const blob of blobs) {
    view.setUint32(at, blob.length, true);
    at = align(at + 4);
    frame.set(blob, at);
    at = align(at + blob.length);
  }
  return frame;
}

export function decodeFrame(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const jsonLength = view.getUint32(0, true);
  const json = decoder.decode(frame.subarray(4, 4 + jsonLength));
  const blobs: Uint8Array[] = [];
  let at = align(4 + jsonLength);
  while (at < frame.length) {
    const length = view.getUint32(at, true);
    at = align(at + 4);
    blobs.push(frame.subarray(at, at + length));
    at = align(at + length);
  }
  return JSON.parse(json, (_key, item: unknown) =>
    isBlobRef(item) ? blobs[item[BLOB_KEY]] : item,
  );
}

function align(offset: number): number {
  return (offset + 7) & ~7;
}

function isBlobRef(item: unknown): item is { [BLOB_KEY]: number } {
  return typeof item === 'object' && item !== null && typeof (item as Record<string, unknown>)[BLOB_KEY] === 'number';
}
