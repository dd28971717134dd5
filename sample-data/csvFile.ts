import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** Rows are buffered into chunks of about this many characters before they are written. */
const CHUNK_CHARS = 1 << 20;

const NEEDS_QUOTES = /[",\r\n]/;

/** How a file quotes its values. */
export type Quoting = 'all' | 'needed';

/**
 * A CSV file written row by row, UTF-8 with `\n` line endings. `all` quotes every value, header included, the way
 * Salesforce Data Export does (an empty value is `""`); `needed` quotes only values with a comma, quote or line break.
 */
export class CsvFile {
  private readonly stream: WriteStream;
  private buffer = '';
  private failure: Error | null = null;
  rows = 0;

  constructor(path: string, header: readonly string[], private readonly quoting: Quoting) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure = error));
    this.buffer = this.line(header);
  }

  async write(values: readonly string[]): Promise<void> {
    this.buffer += this.line(values);
    this.rows++;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  async close(): Promise<number> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (this.failure) throw this.failure;
    return this.rows;
  }

  private line(values: readonly string[]): string {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const quoted = this.quoting === 'all' || NEEDS_QUOTES.test(value);
      const escaped = value.includes('"') ? value.replaceAll('"', '""') : value;
      line += (i === 0 ? '' : ',') + (quoted ? `"${escaped}"` : escaped);
    }
    return line + '\n';
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = this.buffer;
    this.buffer = '';
    // `once` rejects when the stream fails while we wait.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
