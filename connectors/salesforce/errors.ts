import { ConnectorError } from '../types.ts';

interface Explanation {
  message: string;
  hint: string;
}

/** Salesforce's failures (SOAP faults, OAuth errors, REST error codes) in words a person can act on. */
export function explainSalesforceError(error: unknown, where: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { errorCode?: string }).errorCode ?? (error as { name?: string }).name ?? '';
  const known = explain(code, text);
  if (known) return new ConnectorError(known.message, where, known.hint);
  return new ConnectorError(`Salesforce answered: ${firstLine(text)}`, where, 'Check the source\'s options and try again.');
}

function explain(code: string, text: string): Explanation | undefined {
  const fault = /^([A-Z_]+):/.exec(text)?.[1];
  const is = (...codes: string[]) => codes.includes(code) || (fault !== undefined && codes.includes(fault));
  if (is('LOGIN_MUST_USE_SECURITY_TOKEN')) {
    return {
      message: 'Salesforce wants a security token: this computer is outside the org\'s trusted IP ranges.',
      hint: 'Provide the security_token secret (Salesforce emails it from Settings › Reset My Security Token), then test again.',
    };
  }
  if (is('INVALID_LOGIN') || (code === 'invalid_grant' && /authentication failure/i.test(text))) {
    return {
      message: 'Salesforce refused the username, password or security token.',
      hint:
        'Check the password. Changing it also resets the security token: reset it (Settings › Reset My Security Token) and ' +
        'update security_token. A user locked out after failed attempts must be unlocked by an admin.',
    };
  }
  if (is('LOGIN_DURING_RESTRICTED_DOMAIN') || (code === 'invalid_grant' && /ip restricted/i.test(text))) {
    return {
      message: 'Salesforce refused to sign in from this computer\'s IP address.',
      hint:
        'Ask a Salesforce admin to add your IP address to the Login IP Ranges of your profile (or relax the connected app\'s ' +
        'IP restrictions), or sync from a network the org allows.',
    };
  }
  if (is('API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED')) {
    return {
      message: 'API access is turned off for this Salesforce org or user.',
      hint:
        'An admin must give the user the "API Enabled" permission (profile or permission set); Professional Edition orgs need ' +
        'Salesforce\'s API add-on.',
    };
  }
  if (is('INVALID_SESSION_ID')) {
    return {
      message: 'Salesforce refused the access token: it has expired or was revoked.',
      hint: 'Get a new access token, or sign in with a refresh token (auth: refresh_token) so sessions are renewed automatically.',
    };
  }
  if (code === 'invalid_grant' && /expired|revoked/i.test(text)) {
    return {
      message: 'Salesforce refused the refresh token: it has expired or was revoked.',
      hint: 'Authorize the connected app again to get a new refresh token, and check the app\'s refresh token policy.',
    };
  }
  if (code === 'invalid_client_id') {
    return { message: 'Salesforce does not know the client id.', hint: 'Copy the consumer key of the connected app into client_id.' };
  }
  if (code === 'invalid_client') {
    return { message: 'Salesforce refused the client secret.', hint: 'Copy the consumer secret of the connected app into client_secret.' };
  }
  if (code === 'inactive_user' || code === 'inactive_org') {
    return { message: `Salesforce says the ${code === 'inactive_user' ? 'user' : 'org'} is inactive.`, hint: 'Sign in as an active user of an active org.' };
  }
  if (is('REQUEST_LIMIT_EXCEEDED')) {
    return {
      message: 'The org has used all of its API requests for the last 24 hours.',
      hint: 'Nothing was changed. Sync again once requests free up, or ask Salesforce for a larger allowance; lower api_usage_limit to stop earlier.',
    };
  }
  if (is('INVALID_FIELD', 'INVALID_TYPE', 'MALFORMED_QUERY', 'INVALID_QUERY_FILTER_OPERATOR')) {
    return {
      message: `Salesforce refused the query: ${meaningfulLine(text)}`,
      hint:
        'Field-level security may hide the field from this user, or the object may not be available to it. Give the user access, ' +
        'or remove the object from the source\'s tables.',
    };
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|ETIMEDOUT|certificate/i.test(text)) {
    return {
      message: `Could not reach Salesforce: ${firstLine(text)}`,
      hint: 'Check login_url / instance_url and this computer\'s network connection (proxy, VPN).',
    };
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0];
}

/** Salesforce puts the query and a caret above the sentence that matters; keep the sentence. */
function meaningfulLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? text;
}
