import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParts } from './csvParts.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizops-csvparts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('splitting a CSV stream into parts', () => {
  it('cuts only between records, never inside a quoted field, and starts every part with the header', async () => {
    const records = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `${i},"line one\nline ""two"", ${i}"` : `${i},plain ${i}`));
    const text = `id,note\n${records.join('\n')}\n`;
    // Chunks of awkward sizes, so cuts fall at every kind of position.
    const chunks: Buffer[] = [];
    for (let at = 0, size = 1; at < text.length; at += size, size = (size * 7) % 97 + 1) chunks.push(Buffer.from(text.slice(at, at + size)));
    const made: string[] = [];
    await pipeline(Readable.from(chunks), new CsvParts((index) => join(dir, `part-${String(index).padStart(3, '0')}.csv`), 300, (path) => made.push(path)));
    const files = (await readdir(dir)).sort();
    expect(made.map((path) => path.slice(dir.length + 1))).toEqual(files);
    expect(files.length).toBeGreaterThan(10);
    const parts = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
    expect(parts.every((part) => part.startsWith('id,note\n') && part.endsWith('\n'))).toBe(true);
    expect(parts.every((part) => (part.match(/"/g)?.length ?? 0) % 2 === 0)).toBe(true);
    expect(parts.map((part) => part.slice('id,note\n'.length)).join('')).toBe(`${records.join('\n')}\n`);
  });

  it('makes one part with only the header for an empty table', async () => {
    const empty = join(dir, 'empty');
    const made: string[] = [];
    await pipeline(Readable.from([Buffer.from('id,note\n')]), new CsvParts(() => `${empty}.csv`, 300, (path) => made.push(path)));
    expect(made).toEqual([`${empty}.csv`]);
    expect(await readFile(`${empty}.csv`, 'utf8')).toBe('id,note\n');
  });
});
