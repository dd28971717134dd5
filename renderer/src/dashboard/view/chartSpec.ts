import { vegaConfig } from './theme.ts';

export type Spec = Record<string, unknown>;

const COMPOSED = ['facet', 'repeat', 'concat', 'hconcat', 'vconcat'];

/**
 * A tile's Vega-Lite spec ready to draw: the tile's rows as its data (pack charts name theirs), sized to fill
 * the tile (composed charts size their own cells), in the dashboard's theme. The tile shows its own title, so a spec title repeating it is left out.
 */
export function tileChartSpec(spec: Spec, rows: Record<string, unknown>[], options: { width: number; height: number; dark: boolean; title: string }): Spec {
  const { $schema: _schema, data: _data, title, config, ...rest } = spec;
  const composed = COMPOSED.some((key) => key in rest) || hasFacetChannel(rest);
  const drawn: Spec = {
    ...rest,
    data: { values: rows },
    config: { ...vegaConfig(options.dark), ...(config as Spec | undefined) },
  };
  if (title !== undefined && !(typeof title === 'string' && title === options.title)) drawn.title = title;
  if (!composed) {
    drawn.autosize = { type: 'fit', contains: 'padding' };
    // The tile's size is the chart's: a size in the spec was chosen for the chart on its own.
    drawn.width = options.width;
    drawn.height = options.height;
  }
  return drawn;
}

function hasFacetChannel(spec: Spec): boolean {
  const encoding = spec.encoding;
  return typeof encoding === 'object' && encoding !== null && ('facet' in encoding || 'row' in encoding || 'column' in encoding);
}
