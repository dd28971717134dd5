import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';

/**
 * Splits a CSV stream with a header row into files of about `partBytes` each, cut only between records (never
 * inside a quoted field), each file starting with the header. Finished files are handed to `onPart` while the
 * stream goes on, so DuckDB can load one part while the next is still arriving.
 */
export class CsvParts extends Writable {
  private header?: Buffer;
  private pending: Buffer[] = [];
  private out?: WriteStream;
  private written = 0;
  private count = 0;
  private quoted = false;

  constructor(
    private readonly pathFor: (index: number) => string,
    private readonly partBytes: number,
    private readonly onPart: (path: string) => void,
  ) {
    super({ highWaterMark: 1 << 20 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.take(chunk).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.closePart().then(() => callback(), callback);
  }

  private async take(chunk: Buffer): Promise<void> {
    if (!this.header) {
      this.pending.push(chunk);
      const joined = Buffer.concat(this.pending);
      const end = joined.indexOf(0x0a);
      if (end < 0) return;
      this.header = joined.subarray(0, end + 1);
      this.pending = [];
      chunk = joined.subarray(end + 1);
      if (chunk.length === 0) return;
    }
    if (!this.out) await this.openPart();
    if (this.written + chunk.length < this.partBytes) {
      this.trackQuotes(chunk, chunk.length);
      await this.write_(chunk);
      return;
    }
    const cut = this.lastRecordEnd(chunk);
    if (cut < 0) {
      await this.write_(chunk);
      return;
    }
    await this.write_(chunk.subarray(0, cut));
    await this.closePart();
    const rest = chunk.subarray(cut);
    this.trackQuotes(rest, rest.length);
    if (rest.length > 0) {
      await this.openPart();
      await this.write_(rest);
    }
  }

  /** Toggles the in-quotes state for every quote character: "" inside a field toggles twice, as it should. */
  private trackQuotes(buffer: Buffer, end: number): void {
    for (let at = buffer.indexOf(0x22); at >= 0 && at < end; at = buffer.indexOf(0x22, at + 1)) this.quoted = !this.quoted;
  }

  /** The offset just past the last newline that ends a record, or -1; leaves the quote state at that offset. */
  private lastRecordEnd(chunk: Buffer): number {
    let quoted = this.quoted;
    let cut = -1;
    let stateAtCut = quoted;
    let at = 0;
    while (at < chunk.length) {
      const quote = chunk.indexOf(0x22, at);
      const newline = chunk.indexOf(0x0a, at);
      if (newline < 0) {
        if (quote < 0) break;
        quoted = !quoted;
        at = quote + 1;
      } else if (quote >= 0 && quote < newline) {
        quoted = !quoted;
        at = quote + 1;
      } else {
        if (!quoted) {
          cut = newline + 1;
          stateAtCut = quoted;
        }
        at = newline + 1;
      }
    }
    if (cut >= 0) this.quoted = stateAtCut;
    else this.quoted = quoted;
    return cut;
  }

  private async openPart(): Promise<void> {
    this.out = createWriteStream(this.pathFor(this.count));
    this.written = 0;
    await this.write_(this.header!);
  }

  private async closePart(): Promise<void> {
    if (!this.out) {
      if (this.header && this.count === 0) {
        // A table with no rows still lands, with its columns.
        await this.openPart();
      } else {
        return;
      }
    }
    const out = this.out!;
    this.out = undefined;
    out.end();
    await once(out, 'close');
    this.onPart(out.path.toString());
    this.count++;
  }

  private async write_(buffer: Buffer): Promise<void> {
    this.written += buffer.length;
    if (!this.out!.write(buffer)) await once(this.out!, 'drain');
  }
}
