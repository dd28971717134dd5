/**
 * The name a source's object, file or stream gets in `raw_<source>`: snake_case, lower-case.
 * `OpportunityHistory` → `opportunity_history`, `Invoice__c` → `invoice__c`, `Sales Targets.csv` → `sales_targets`.
 */
export function tableNameFor(sourceName: string): string {
  const base = sourceName.replace(/\.(csv|tsv|txt|parquet|json|jsonl|ndjson)(\.gz)?$/i, '');
  const snake = base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|(?<!_)_$/g, '')
    .toLowerCase();
  return /^[a-z_]/.test(snake) ? snake : `t_${snake}`;
}
