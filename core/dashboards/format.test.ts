import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dashboardJsonSchema, parseDashboard, serializeDashboard } from './format.ts';
import { dashboardSchemaText, templateSchemaPath } from './schemaFile.ts';

const revenue = `# yaml-language-server: $schema=./dashboard.schema.json
title: Revenue
description: Bookings and pipeline for the sales team.
parameters:
  - name: period
    type: date_range
    label: Period
    default: last_12_months
  - name: segment
    type: select
    options_sql: select distinct segment from core.accounts order by 1
tiles:
  - id: bookings
    title: Bookings
    display: kpi
    metric:
      pack: sales
      metric: bookings
    kpi:
      format: currency
      compare: true
  - id: bookings_by_month
    title: Bookings by month
    notes: New and expansion ARR of won deals.
    display: chart
    sql: |
      select date_trunc('month', close_date) as month, sum(arr) as bookings
      from core.opportunities
      where is_won and close_date >= $period_from and close_date < $period_to
      group by all
    chart:
      mark: bar
      encoding:
        x:
          field: month
          type: temporal
          timeUnit: yearmonth
        y:
          field: bookings
          type: quantitative
layout:
  - {tile: bookings, x: 0, y: 0, w: 3, h: 2}
  - {tile: bookings_by_month, x: 3, y: 0, w: 9, h: 4}
`;

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('dashboard files', () => {
  it('round-trip unchanged: parse, serialize, parse', () => {
    const dashboard = parseDashboard(revenue, 'dashboards/revenue.dashboard.yml');
    expect(serializeDashboard(dashboard)).toBe(revenue);
    expect(parseDashboard(serializeDashboard(dashboard), 'x')).toEqual(dashboard);
  });

  it('change only the lines of the tile that changed', () => {
    const dashboard = parseDashboard(revenue, 'x');
    dashboard.tiles[1].title = 'Bookings per month';
    const before = revenue.split('\n');
    const after = serializeDashboard(dashboard).split('\n');
    const changed = after.map((line, i) => (line === before[i] ? null : i + 1)).filter((line) => line !== null);
    expect(before.length).toBe(after.length);
    expect(changed).toEqual([lineOf(revenue, 'title: Bookings by month')]);
  });

  it('point editors at the JSON Schema beside them, and keep that line through a round trip', () => {
    const nested = 'dashboards/sales/pipeline.dashboard.yml';
    const text = serializeDashboard(parseDashboard(revenue, nested), nested);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../dashboard.schema.json');
    expect(serializeDashboard(parseDashboard(text, nested), nested)).toBe(text);
    const withoutLine = revenue.split('\n').slice(1).join('\n');
    expect(serializeDashboard(parseDashboard(withoutLine, 'x'), 'dashboards/revenue.dashboard.yml')).toBe(revenue);
  });

  it('ship a JSON Schema generated from the format, the committed copy up to date', async () => {
    const committed = await readFile(templateSchemaPath(), 'utf8');
    expect(committed, 'the format changed: run `npm run dashboard-schema` and commit the schema').toBe(dashboardSchemaText());
    const schema = dashboardJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, { items?: object }> };
    expect(schema.required).toEqual(['title', 'tiles']);
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema.properties.tiles.items)).toContain('"enum":["chart","kpi","table"]');
  });

  it('name the file, line and problem of a broken dashboard', () => {
    const file = 'dashboards/r.dashboard.yml';
    const cases: [string, string][] = [
      [revenue.replace('display: chart', 'display: pie'), `${file}:${lineOf(revenue, 'display: chart')}: "tiles.1.display": Invalid option: expected one of "chart"|"kpi"|"table"`],
      [revenue.replace('    title: Bookings\n', '    title: Bookings\n    colour: red\n'), `${file}:${lineOf(revenue, 'title: Bookings') + 1}: unknown key "tiles.0.colour"`],
      [revenue.replace('{tile: bookings, x: 0', '{tile: revenue, x: 0'), `${file}:${lineOf(revenue, '{tile: bookings,')}: the layout places "revenue", which is not a tile`],
      [revenue.replace('x: 3, y: 0, w: 9', 'x: 6, y: 0, w: 9'), `${file}:${lineOf(revenue, 'x: 3, y: 0, w: 9')}: tile "bookings_by_month" is wider than the 12-column grid`],
      [revenue.replace('  - id: bookings_by_month', '  - id: bookings'), `${file}:${lineOf(revenue, 'id: bookings_by_month')}: two tiles have the id "bookings"`],
      ['title: [unclosed\n', `${file}:`],
    ];
    for (const [text, message] of cases) {
      expect(() => parseDashboard(text, 'dashboards/r.dashboard.yml')).toThrow(expect.objectContaining({ message: expect.stringContaining(message) }));
    }
  });
});

describe('the README', () => {
  it('shows a dashboard file that reads as written', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Dashboards[^]*?```yaml\n([^]*?)```/.exec(readme)?.[1];
    expect(example, 'README.md has a yaml example under ## Dashboards').toBeDefined();
    const dashboard = parseDashboard(example!, 'README.md');
    expect(dashboard.tiles.map((tile) => tile.id)).toEqual(['won_arr_by_segment', 'win_rate']);
    expect(dashboard.layout).toHaveLength(2);
  });
});
