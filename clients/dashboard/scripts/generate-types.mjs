// Generates src/contract.generated.ts from the contract's JSON Schemas (docs/schemas), so the kit's
// types cannot drift from them: DashboardStats and the DashboardUpdated payload, with everything
// they reference. Run by `npm run build`; the output is not committed.
import { compileFromFile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const schemas = path.resolve(here, '../../../docs/schemas');
const banner = '// Generated from docs/schemas by scripts/generate-types.mjs. Do not edit.\n';

const options = { bannerComment: '', cwd: schemas, additionalProperties: false, maxItems: -1, style: { singleQuote: true } };
const parts = [];
for (const file of ['dashboard-updated.json']) {
  parts.push(await compileFromFile(path.join(schemas, file), options));
}
const definitions = JSON.parse(await readFile(path.join(schemas, 'definitions.json'), 'utf8')).$defs;
const list = (values) => values.map((v) => `'${v}'`).join(', ');
parts.push(`/** ${definitions.range.description} */
export const RANGES = [${list(definitions.range.enum)}] as const;
export type Range = (typeof RANGES)[number];
export const ALERT_SEVERITIES = [${list(definitions.alertSeverity.enum)}] as const;
export const ALERT_STATUSES = [${list(definitions.alertStatus.enum)}] as const;
/** The labels of each breakdown, in the contract's order. */
export const MOOD_LEVELS = [${list(definitions.moodLevel.enum)}] as const;
export const ENERGY_LEVELS = [${list(definitions.energyLevel.enum)}] as const;
export const STRESS_LEVELS = [${list(definitions.stressLevel.enum)}] as const;
`);
await writeFile(path.resolve(here, '../src/contract.generated.ts'), banner + parts.join('\n'));
