import { describe, expect, it } from 'vitest';
import { EnvSecretStore, expandEnvInValue, expandEnvReferences, secretEnvName } from './secrets.ts';

describe('secrets', () => {
  it('reads BIZOPS_<SOURCE>_<OPTION> variables', async () => {
    expect(secretEnvName('salesforce', 'securityToken')).toBe('BIZOPS_SALESFORCE_SECURITY_TOKEN');
    expect(secretEnvName('team', 'password')).toBe('BIZOPS_TEAM_PASSWORD');
    const store = new EnvSecretStore({ BIZOPS_TEAM_PASSWORD: 's3cret', BIZOPS_CRM_TOKEN: '' });
    expect(await store.get('team', 'password')).toBe('s3cret');
    expect(await store.get('crm', 'token')).toBeUndefined();
    expect(store.describe('team', 'password')).toBe('the BIZOPS_TEAM_PASSWORD environment variable');
  });

  it('expands ${env:VAR} references and names where a missing one is', () => {
    expect(expandEnvReferences('host-${env:REGION}.example.com', 'bizops.yml:3', { REGION: 'eu' })).toBe('host-eu.example.com');
    expect(() => expandEnvReferences('${env:MISSING}', 'bizops.yml:9', {})).toThrow(
      expect.objectContaining({ code: 'config_invalid', where: 'bizops.yml:9', message: 'The environment variable MISSING is not set.' }),
    );
    const where = (path: PropertyKey[]) => `bizops.yml:${path.join('.')}`;
    expect(expandEnvInValue({ a: ['${env:X}', 2], b: { c: 'plain' } }, where, { X: 'y' })).toEqual({ a: ['y', 2], b: { c: 'plain' } });
    expect(() => expandEnvInValue({ a: { b: '${env:NOPE}' } }, where, {})).toThrow(expect.objectContaining({ where: 'bizops.yml:a.b' }));
  });
});
