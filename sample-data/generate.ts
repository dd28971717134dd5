import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENTS_AT_SCALE_1 } from './assumptions.ts';
import { simulateCompany } from './company.ts';
import { writeCompanyFiles } from './exportFiles.ts';
import { writeProductEvents } from './productEvents.ts';

export interface GenerateOptions {
  /** The folder that receives `data/`; `data/` must not exist yet. */
  dir: string;
  /** 1 ≈ 5,000 accounts, 50,000 leads, 12,000 opportunities and 1,000,000 product events; any positive number. */
  scale?: number;
  seed?: number;
  /** Scales the product events on their own (default: `scale`), e.g. 100 for 100 million events. */
  eventScale?: number;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  step: 'simulating the company' | 'writing CSV files' | 'writing product events';
  /** 0 … 1 within the step. */
  fraction: number;
}

/** Rows written per file (Salesforce files include their deleted rows). */
export interface SampleCounts {
  users: number;
  accounts: number;
  contacts: number;
  leads: number;
  campaigns: number;
  campaignMembers: number;
  opportunities: number;
  opportunityHistory: number;
  subscriptions: number;
  marketingSpend: number;
  salesTargets: number;
  productEvents: number;
  productEventFiles: number;
}

/**
 * Writes a believable B2B SaaS company's last three years (2023–2025) under `dir/data/`: a Salesforce Data
 * Export, billing subscriptions, ad spend, sales targets and product events. The same scale and seed give
 * byte-identical files. The files appear all at once: a failed run leaves no `data/` behind.
 */
export async function generateSampleCompany(options: GenerateOptions): Promise<SampleCounts> {
  const { dir, scale = 1, seed = 42, onProgress } = options;
  const eventScale = options.eventScale ?? scale;
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`scale must be a positive number, not ${scale}`);
  if (!(Number.isFinite(eventScale) && eventScale >= 0)) throw new RangeError(`eventScale must be zero or more, not ${eventScale}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  const dataDir = join(dir, 'data');
  if (existsSync(dataDir)) throw new Error(`${dataDir} already exists; the sample company is only written into a folder without data/.`);

  const staging = join(dir, `.data-${process.pid}.tmp`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'product', 'events'), { recursive: true });
  try {
    onProgress?.({ step: 'simulating the company', fraction: 0 });
    const company = simulateCompany(scale, seed);
    onProgress?.({ step: 'writing CSV files', fraction: 0 });
    const rows = await writeCompanyFiles(company, staging);
    const events = await writeProductEvents({
      subscriptionsCsv: join(staging, 'billing', 'subscriptions.csv'),
      outDir: join(staging, 'product', 'events'),
      tempDir: join(staging, '.duckdb-spill'),
      events: Math.round(EVENTS_AT_SCALE_1 * eventScale),
      seed,
      onPart: (done, total) => onProgress?.({ step: 'writing product events', fraction: done / total }),
    });
    await rename(staging, dataDir);
    return {
      users: rows.User,
      accounts: rows.Account,
      contacts: rows.Contact,
      leads: rows.Lead,
      campaigns: rows.Campaign,
      campaignMembers: rows.CampaignMember,
      opportunities: rows.Opportunity,
      opportunityHistory: rows.OpportunityHistory,
      subscriptions: rows.subscriptions,
      marketingSpend: rows.marketingSpend,
      salesTargets: rows.salesTargets,
      productEvents: events.events,
      productEventFiles: events.files,
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
