import { parseDocument } from 'yaml';

/** The `sources:` of a workspace holding the sample company: every folder under data/ is a `files` source. */
export const sampleSources = {
  salesforce: { type: 'files', options: { path: 'data/salesforce', mode: 'salesforce_export' } },
  billing: { type: 'files', options: { path: 'data/billing', primary_key: 'subscription_id' } },
  ads: { type: 'files', options: { path: 'data/ads' } },
  plan: { type: 'files', options: { path: 'data/plan' } },
  product: { type: 'files', options: { path: 'data/product' } },
} as const;

/** bizops.yml text with its `sources:` replaced by the sample's, in block style; comments and other keys stay as they were. */
export function withSampleSources(configText: string): string {
  const document = parseDocument(configText);
  document.set('sources', document.createNode(sampleSources));
  return document.toString();
}
