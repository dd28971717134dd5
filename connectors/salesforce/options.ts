import { z } from 'zod';

const secret = (title: string, description: string) => z.string().min(1).optional().meta({ title, description, secret: true });

export const salesforceOptions = z
  .object({
    auth: z.enum(['password', 'access_token', 'refresh_token']).default('password').meta({
      title: 'Sign-in method',
      description:
        'password: username, password and security token; access_token: a session token and the instance URL; ' +
        'refresh_token: a connected app\'s client id and secret with an OAuth refresh token',
    }),
    login_url: z.string().regex(/^https?:\/\//, 'use a URL such as https://login.salesforce.com').default('https://login.salesforce.com').meta({
      title: 'Login URL',
      description: 'https://login.salesforce.com, https://test.salesforce.com for a sandbox, or your My Domain URL',
    }),
    instance_url: z.string().regex(/^https?:\/\//, 'use a URL such as https://yourcompany.my.salesforce.com').optional().meta({
      title: 'Instance URL',
      description: 'Your org\'s URL, e.g. https://yourcompany.my.salesforce.com (needed with an access token)',
    }),
    username: z.string().min(1).optional().meta({ title: 'Username', description: 'The Salesforce username (an email address) to sign in as' }),
    password: secret('Password', 'The user\'s password'),
    security_token: secret('Security token', 'Appended to the password; Salesforce emails it when you reset it (Settings › Reset My Security Token)'),
    access_token: secret('Access token', 'A session id or OAuth access token (expires; prefer a refresh token)'),
    client_id: z.string().min(1).optional().meta({ title: 'Client id', description: 'The consumer key of a connected app (OAuth)' }),
    client_secret: secret('Client secret', 'The consumer secret of the connected app'),
    refresh_token: secret('Refresh token', 'An OAuth refresh token issued to the connected app'),
    api_version: z.string().regex(/^\d+\.0$/, 'use a version such as 62.0').default('62.0').meta({ title: 'API version' }),
    query_api: z.enum(['auto', 'rest', 'bulk']).default('auto').meta({
      title: 'Query API',
      description: 'auto uses the Bulk API 2.0 for objects with at least bulk_threshold records to read, the REST API for smaller ones',
    }),
    bulk_threshold: z.number().int().min(1).default(50_000).meta({
      title: 'Bulk threshold',
      description: 'Records to read from which auto switches an object to the Bulk API 2.0',
    }),
    api_usage_limit: z.number().min(1).max(100).default(90).meta({
      title: 'API usage limit (%)',
      description: 'Stop syncing once the org has used this share of its daily API requests, leaving the rest for other integrations',
    }),
  })
  .strict();

export type SalesforceOptions = z.output<typeof salesforceOptions>;
