import { describe, expect, it } from 'vitest';
import { parseWorkspaceConfig } from '../core/workspace/config.ts';
import { sampleSources, withSampleSources } from './sampleSources.ts';

describe('withSampleSources', () => {
  it('replaces the sources in block style and keeps every comment and other key', () => {
    const before = [
      '# The team workspace.',
      'name: Acme # shown in the title bar',
      '',
      '# Where data comes from.',
      'sources: { crm: { type: files } }',
      '',
      '# Variables for models',
      'vars: { fiscal_year_start: 2 }',
      '',
    ].join('\n');
    const after = withSampleSources(before);
    for (const kept of ['# The team workspace.', 'name: Acme # shown in the title bar', '# Where data comes from.', '# Variables for models']) {
      expect(after).toContain(kept);
    }
    expect(after).toContain('sources:\n  salesforce:\n    type: files\n    options:\n      path: data/salesforce\n      mode: salesforce_export\n');
    const { config } = parseWorkspaceConfig(after);
    expect(config.sources).toEqual(sampleSources);
    expect(config.vars).toEqual({ fiscal_year_start: 2 });
  });
});
