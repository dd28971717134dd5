import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeOptions, secretOptionNames } from './options.ts';

describe('describeOptions', () => {
  it('derives the form of a connector\'s options from its schema', () => {
    const schema = z.object({
      host: z.string().meta({ title: 'Host', description: 'Where the server runs' }),
      port: z.number().int().default(5432),
      password: z.string().optional().meta({ title: 'Password', secret: true }),
      mode: z.enum(['plain', 'tls']).default('plain'),
      tables: z.array(z.string()).optional(),
    });
    expect(describeOptions(schema)).toEqual([
      { name: 'host', title: 'Host', description: 'Where the server runs', type: 'string', secret: false, required: true },
      { name: 'port', title: 'port', type: 'number', secret: false, required: false, default: 5432 },
      { name: 'password', title: 'Password', type: 'string', secret: true, required: false },
      { name: 'mode', title: 'mode', type: 'choice', choices: ['plain', 'tls'], secret: false, required: false, default: 'plain' },
      { name: 'tables', title: 'tables', type: 'list', secret: false, required: false },
    ]);
    expect(secretOptionNames(schema)).toEqual(['password']);
  });
});
