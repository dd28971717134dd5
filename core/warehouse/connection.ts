import type pg from 'pg';
import { connectPostgres, isNoSslServer } from '../../connectors/postgres/client.ts';
import type { WorkbenchContext } from '../context.ts';
import { WorkbenchError } from '../errors.ts';
import type { WarehouseConfig } from '../workspace/config.ts';
import { expandEnvInValue } from '../workspace/secrets.ts';

/** A warehouse of bizops.yml, `${env:…}` references resolved, with its password and where to point errors. */
export interface Warehouse {
  name: string;
  config: WarehouseConfig;
  password: string | undefined;
  /** `…/bizops.yml:14` for a key of this warehouse's entry, e.g. `locate('host')`. */
  locate(key?: string): string;
  /** Where a person sets the password, e.g. "the BIZOPS_TEAM_PASSWORD environment variable". */
  passwordSource: string;
}

export async function resolveWarehouse({ workspace, secrets }: WorkbenchContext, name: string): Promise<Warehouse> {
  const configured = workspace.config.warehouses;
  if (!Object.hasOwn(configured, name)) {
    const known = Object.keys(configured);
    throw new WorkbenchError({
      code: 'not_found',
      message: `There is no warehouse "${name}" in bizops.yml.`,
      where: workspace.locate(['warehouses']),
      hint:
        known.length > 0
          ? `Use one of: ${known.join(', ')}; or add "${name}" under warehouses: in bizops.yml.`
          : `Add it under warehouses: in bizops.yml, e.g. warehouses: {${name}: {type: postgres, host: …, database: …, user: …}}.`,
    });
  }
  const locate = (key?: string) => workspace.locate(key === undefined ? ['warehouses', name] : ['warehouses', name, key]);
  const config = expandEnvInValue(configured[name], (path) => workspace.locate(['warehouses', name, ...path])) as WarehouseConfig;
  return {
    name,
    config,
    password: await secrets.get(name, 'password'),
    locate,
    passwordSource: secrets.describe(name, 'password'),
  };
}

/** A connected client (see connectPostgres for sslmode); a failure is explained in terms of bizops.yml. */
export async function connectWarehouse(warehouse: Warehouse): Promise<pg.Client> {
  const { host, port, database, user, sslmode } = warehouse.config;
  try {
    return await connectPostgres({ host, port, database, user, sslmode, password: warehouse.password, applicationName: 'bizops push' });
  } catch (error) {
    throw connectionError(warehouse, error);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const CERTIFICATE_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** Why a connection failed, in terms of the bizops.yml entry and the password a person can fix. */
export function connectionError(warehouse: Warehouse, error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const { host, port, database, user, sslmode } = warehouse.config;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const address = `${host}:${port}`;
  const make = (info: { code: string; message: string; where: string; hint: string }) =>
    new WorkbenchError(info, { cause: error });
  if (UNREACHABLE.has(code) || /timeout|terminated unexpectedly/i.test(message)) {
    return make({
      code: 'warehouse_unreachable',
      message: `Could not reach the warehouse "${warehouse.name}" at ${address}: ${describeNetworkError(code, message)}.`,
      where: warehouse.locate('host'),
      hint: 'Check host and port in bizops.yml, that the server is running, and that this computer can reach it (VPN, firewall).',
    });
  }
  if (code === '28P01' || /password must be a string|no password supplied/i.test(message)) {
    const missing = warehouse.password === undefined;
    return make({
      code: 'warehouse_auth_failed',
      message: missing
        ? `The warehouse "${warehouse.name}" asks user "${user}" for a password, and none is set.`
        : `The warehouse "${warehouse.name}" refused the password of user "${user}".`,
      where: warehouse.locate('user'),
      hint: `${missing ? 'Set' : 'Check'} the password in ${warehouse.passwordSource} (the desktop app keeps it in the keychain), and the user in bizops.yml.`,
    });
  }
  if (code === '28000') {
    return make({
      code: 'warehouse_auth_failed',
      message: `The warehouse "${warehouse.name}" refused the connection: ${message}.`,
      where: warehouse.locate('user'),
      hint: 'Ask the warehouse admin to allow this user to connect from here (pg_hba.conf), or check sslmode in bizops.yml.',
    });
  }
  if (code === '3D000') {
    return make({
      code: 'warehouse_not_found',
      message: `The warehouse "${warehouse.name}" at ${address} has no database "${database}".`,
      where: warehouse.locate('database'),
      hint: 'Check the database name in bizops.yml.',
    });
  }
  if (isNoSslServer(error) || CERTIFICATE_PROBLEM.test(code)) {
    return make({
      code: 'warehouse_ssl',
      message: `The TLS connection to the warehouse "${warehouse.name}" at ${address} failed (sslmode ${sslmode}): ${message}.`,
      where: warehouse.locate('sslmode'),
      hint: isNoSslServer(error)
        ? 'The server does not offer TLS: set sslmode to prefer or disable in bizops.yml, or enable TLS on the server.'
        : 'Trust the server\'s certificate authority (set NODE_EXTRA_CA_CERTS to its PEM file), or use sslmode require.',
    });
  }
  return make({
    code: 'warehouse_error',
    message: `Could not connect to the warehouse "${warehouse.name}" at ${address}: ${message}.`,
    where: warehouse.locate(),
    hint: 'Check the warehouse entry in bizops.yml and that the server accepts connections.',
  });
}

function describeNetworkError(code: string, message: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (nothing listens on that port)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      return /timeout/i.test(message) ? 'the connection timed out' : message;
  }
}
