import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../errors.ts';
import { parseWorkspaceConfig } from './config.ts';

function problem(text: string): WorkbenchError {
  try {
    parseWorkspaceConfig(text, 'bizops.yml');
  } catch (error) {
    if (error instanceof WorkbenchError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('bizops.yml', () => {
  it('accepts a minimal file and fills defaults', () => {
    const { config, locate } = parseWorkspaceConfig('name: Acme\nsources:\n  crm:\n    type: files\n');
    expect(config).toEqual({
      name: 'Acme',
      currency: 'USD',
      sources: { crm: { type: 'files', options: {} } },
      warehouses: {},
      vars: {},
      engine: {},
    });
    expect(locate(['sources', 'crm', 'type'])).toBe('bizops.yml:4');
  });

  it('names file, line and key for an unknown key, with a suggestion', () => {
    const error = problem('name: Acme\ncurrency: USD\nsorces: {}\n');
    expect(error.code).toBe('config_invalid');
    expect(error.where).toBe('bizops.yml:3');
    expect(error.message).toBe('Invalid bizops.yml: bizops.yml:3: unknown key "sorces" (did you mean "sources"?)');
  });

  it('finds unknown keys deep inside a source or warehouse', () => {
    const error = problem(
      ['name: Acme', 'warehouses:', '  team:', '    type: postgres', '    host: db', '    database: a', '    user: u', '    pasword: x'].join('\n'),
    );
    expect(error.where).toBe('bizops.yml:8');
    expect(error.message).toContain('unknown key "warehouses.team.pasword"');
  });

  it('names file, line and key for a wrong type', () => {
    const error = problem('name: Acme\nwarehouses:\n  team:\n    type: postgres\n    host: db\n    port: "fifty"\n    database: a\n    user: u\n');
    expect(error.where).toBe('bizops.yml:6');
    expect(error.message).toMatch(/bizops\.yml:6: "warehouses\.team\.port": .*expected number/);
  });

  it('reports every problem at once, and YAML syntax errors with their line', () => {
    const several = problem('name: 5\ncurrency: dollars\n');
    expect(several.message.split('\n')).toHaveLength(3);
    expect(several.message).toContain('bizops.yml:1: "name"');
    expect(several.message).toContain('bizops.yml:2: "currency": use an ISO 4217 code');
    const syntax = problem('name: Acme\nsources: [unclosed\n');
    expect(syntax.message).toMatch(/^Invalid bizops\.yml: bizops\.yml:\d+: /);
  });

  it('takes DuckDB settings for the workspace, checked', () => {
    expect(parseWorkspaceConfig('name: A\nengine:\n  memory_limit: 512MB\n  threads: 2\n').config.engine).toEqual({ memory_limit: '512MB', threads: 2 });
    expect(problem('name: A\nengine:\n  memory_limit: lots\n').message).toContain('bizops.yml:3: "engine.memory_limit": write an amount such as 2GB');
  });

  it('rejects source names that cannot become schema names', () => {
    expect(problem('name: A\nsources:\n  Sales-Force:\n    type: files\n').message).toContain('lower-case letters');
  });
});
