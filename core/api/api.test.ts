import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkbenchError } from '../errors.ts';
import { ApiError } from './envelope.ts';
import { createClient, type Transport } from './client.ts';
import { createDispatcher } from './dispatcher.ts';
import { method, type ApiOf } from './method.ts';
import { decodeFrame, encodeFrame } from './wire.ts';

const contract = {
  double: method<{ value: number }>()('Double a number.', z.object({ n: z.number(), times: z.number().default(2) }).strict()),
  fail: method<never>()('Always fails.', z.object({ internal: z.boolean() }).strict()),
  bytes: method<{ data: Uint8Array; label: string }>()('Binary back.', z.object({ size: z.number().int() }).strict()),
};

const internalErrors: string[] = [];
const dispatch = createDispatcher(
  contract,
  {
    async double({ n, times }) {
      return { value: n * times };
    },
    async fail({ internal }) {
      if (internal) throw new TypeError('boom');
      throw new WorkbenchError({ code: 'not_found', message: 'No such thing.', where: 'x.yml:3', hint: 'Create it.' });
    },
    async bytes({ size }) {
      return { data: Uint8Array.from({ length: size }, (_, i) => i % 251), label: 'ok' };
    },
  },
  { onInternalError: (name) => internalErrors.push(name) },
);

describe('dispatcher', () => {
  it('validates the argument, applies defaults and answers in an envelope', async () => {
    expect(await dispatch('double', { n: 21 })).toEqual({ ok: true, value: { value: 42 } });
    const invalid = await dispatch('double', { n: 'x', extra: 1 });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.error.code).toBe('invalid_argument');
      expect(invalid.error.message).toContain('n: Invalid input: expected number');
      expect(invalid.error.message).toContain('Unrecognized key');
    }
  });

  it('refuses unknown methods, including inherited object properties', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor']) {
      const answer = await dispatch(name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('keeps user errors as they are and wraps anything else as internal', async () => {
    expect(await dispatch('fail', { internal: false })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such thing.', where: 'x.yml:3', hint: 'Create it.' },
    });
    const internal = await dispatch('fail', { internal: true });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(internalErrors).toEqual(['fail']);
  });
});

describe('wire frames', () => {
  it('carry binary parts beside the JSON, aligned for typed-array views', () => {
    const value = { a: new Uint8Array([1, 2, 3]), nested: [{ b: new Uint8Array(17).fill(7) }], text: 'é' };
    const decoded = decodeFrame(encodeFrame(value)) as typeof value;
    expect(Array.from(decoded.a)).toEqual([1, 2, 3]);
    expect(decoded.nested[0].b.length).toBe(17);
    expect(decoded.nested[0].b.byteOffset % 8).toBe(0);
    expect(decoded.text).toBe('é');
  });
});

describe('client proxy', () => {
  const transport: Transport = {
    invoke: (name, arg) => dispatch(name, decodeFrame(encodeFrame(arg))).then((answer) => decodeFrame(encodeFrame(answer)) as typeof answer),
    subscribe: () => () => undefined,
  };
  const client = createClient(transport) as unknown as ApiOf<typeof contract>;

  it('calls through the transport and returns values, binary included', async () => {
    expect(await client.double({ n: 2, times: 5 })).toEqual({ value: 10 });
    const { data, label } = await client.bytes({ size: 300 });
    expect(label).toBe('ok');
    expect(data[299]).toBe(299 % 251);
  });

  it('throws ApiError carrying the envelope\'s error', async () => {
    const error = await client.fail({ internal: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', where: 'x.yml:3', hint: 'Create it.' });
  });

  it('is not mistaken for a promise', async () => {
    expect(await Promise.resolve(client)).toBe(client);
  });
});
