// `npm run dashboard-schema`: rewrite the dashboard JSON Schema the workspace template ships, after the format changed.
import { templateSchemaPath, writeTemplateSchema } from '../core/dashboards/schemaFile.ts';

await writeTemplateSchema();
console.log(`Wrote ${templateSchemaPath()}`);
