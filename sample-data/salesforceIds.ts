/** The key prefixes Salesforce gives these objects' ids. */
export const KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  Lead: '00Q',
  Opportunity: '006',
  OpportunityHistory: '008',
  Campaign: '701',
  CampaignMember: '00v',
  User: '005',
} as const;

export type SalesforceObject = keyof typeof KEY_PREFIXES;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** The instance part of every id, as an org on one pod has. */
const POD = '8d';
/** Spaces consecutive ids apart so they look like a busy org's, while staying in creation order. */
const STRIDE = 7919;
const OFFSET = 2_000_000;

/**
 * The 18-character id of the `index`-th record of `object`: key prefix, pod, a base-62 sequence that sorts
 * in creation order (unique below 400 million records per object), and the three-character case-safe suffix Salesforce appends to its 15-character ids.
 */
export function salesforceId(object: SalesforceObject, index: number): string {
  let sequence = '';
  for (let n = OFFSET + index * STRIDE; sequence.length < 7; n = Math.floor(n / 62)) sequence = BASE62[n % 62] + sequence;
  const id15 = `${KEY_PREFIXES[object]}${POD}000${sequence}`;
  return id15 + caseSafeSuffix(id15);
}

/** For each 5-character chunk, the bit pattern of its upper-case letters, as one character. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15[chunk * 5 + i];
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_CHARS[bits];
  }
  return suffix;
}
