import { z } from 'zod';
import { method } from './method.ts';

export interface BuildSummary {
  runId: string;
  status: 'success';
  models: { name: string; file: string; relation: string; materialized: 'table' | 'view'; rows: number | null; seconds: number }[];
  seconds: number;
}

export interface TestResult {
  /** dbt-style test name, e.g. `unique_accounts_account_id`. */
  name: string;
  kind: 'unique' | 'not_null' | 'accepted_values' | 'relationships';
  model: string;
  column?: string;
  status: 'pass' | 'fail' | 'warn';
  failures: number;
  /** Up to five offending rows, as JSON-ready objects. */
  sample: Record<string, unknown>[];
  sql: string;
  /** The properties file and line that declares the test. */
  where: string;
}

export interface TestSummary {
  results: TestResult[];
  passed: number;
  failed: number;
  warned: number;
}

export interface ModelColumnDoc {
  name: string;
  type: string | null;
  description: string | null;
  tests: { kind: TestResult['kind']; status: TestResult['status'] | null; failures: number | null }[];
}

export interface ModelDoc {
  name: string;
  kind: 'model' | 'seed';
  file: string;
  relation: string;
  materialized: 'table' | 'view';
  description: string | null;
  columns: ModelColumnDoc[];
  /** Models and seeds it reads, and sources as `source:<source>.<table>`. */
  upstream: string[];
  downstream: string[];
  rowCount: number | null;
  lastBuiltAt: string | null;
}

export interface LineageNode {
  id: string;
  kind: 'source' | 'seed' | 'model' | 'pack' | 'dashboard';
  label: string;
  relation?: string;
}

export interface ModelDocs {
  models: ModelDoc[];
  sources: { id: string; source: string; table: string; relation: string; description: string | null; exists: boolean }[];
  lineage: { nodes: LineageNode[]; edges: { from: string; to: string }[] };
  lastBuild: { finishedAt: string; status: string; error: string | null } | null;
}

const select = z.array(z.string().min(1)).optional();

export const modelMethods = {
  buildModels: method<BuildSummary>()(
    'Build seeds and models in dependency order in one transaction (dbt-style --select); progress arrives as events.',
    z.object({ select }).strict(),
  ),
  testModels: method<TestSummary>()('Run the data tests of schema.yml.', z.object({ select }).strict()),
  modelDocs: method<ModelDocs>()(
    'Every model with its description, columns, upstream and downstream, row count and last build; lineage.',
    z.object({}).strict(),
  ),
  compileModel: method<{ name: string; file: string; sql: string }>()(
    'A model\'s SQL as it runs, templates rendered.',
    z.object({ name: z.string().min(1) }).strict(),
  ),
};
