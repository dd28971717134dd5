import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import embed, { type Config, type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import type { Spec } from './chartSpec.ts';

/** Colours that sit on the app's panels; the background is painted so exported images stand alone. */
function themeConfig(dark: boolean): Config {
  const text = dark ? '#c9d1de' : '#344054';
  const muted = dark ? '#98a2b3' : '#667085';
  const grid = dark ? '#2c323d' : '#eaecf0';
  return {
    background: dark ? '#1c2028' : '#ffffff',
    font: 'system-ui, -apple-system, Segoe UI, Roboto, Ubuntu, sans-serif',
    view: { stroke: null },
    mark: { color: dark ? '#5b8def' : '#2f6fed' },
    axis: { labelColor: muted, titleColor: text, gridColor: grid, domainColor: grid, tickColor: grid, labelFontSize: 11, titleFontWeight: 600 as const },
    legend: { labelColor: muted, titleColor: text },
    header: { labelColor: text, titleColor: text },
    title: { color: text, fontWeight: 600 as const, fontSize: 14 },
    text: { color: text },
    range: {
      category: ['#2f6fed', '#f28e2b', '#12a594', '#e15759', '#9c6ade', '#edc948', '#59a14f', '#ff9da7', '#9d7660', '#8cd17d'],
    },
  };
}

/** Fill the panel unless the spec sets its own size; facets get a size per cell. */
function sized(spec: Spec, width: number, height: number): Spec {
  const facet = typeof spec.encoding === 'object' && spec.encoding !== null && 'facet' in spec.encoding;
  const mark = typeof spec.mark === 'object' && spec.mark !== null ? (spec.mark as Spec).type : spec.mark;
  const size = facet
    ? { width: Math.max(120, Math.floor((width - 220) / 3) - 24), height: 140 }
    : mark === 'arc'
      ? { width: Math.min(width, height), height }
      : mark === 'text'
        ? { width, height: Math.min(height, 140) }
        : { width, height };
  return { autosize: facet ? undefined : { type: 'fit', contains: 'padding' }, ...size, ...spec };
}

/** A Vega-Lite spec drawn as SVG, under the app's CSP: expressions are interpreted, never compiled to code. */
export function VegaChart({ spec, dark, onView }: { spec: Spec; dark: boolean; onView(view: View | null): void }) {
  const frame = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [failure, setFailure] = useState<{ spec: Spec; error: unknown } | null>(null);
  const latest = useRef(onView);
  useLayoutEffect(() => {
    latest.current = onView;
  });

  useLayoutEffect(() => {
    const element = frame.current!;
    // Redraw when the panel grows or shrinks by a step, not on every pixel of a drag.
    const step = (value: number) => Math.max(160, Math.floor(value / 24) * 24);
    const observer = new ResizeObserver(() => setSize({ width: step(element.clientWidth - 8), height: step(element.clientHeight - 8) }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (size.width === 0) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    embed(host.current!, sized(spec, size.width, size.height) as VisualizationSpec, {
      renderer: 'svg',
      actions: false,
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      config: themeConfig(dark),
    }).then(
      (result) => {
        if (cancelled) return result.finalize();
        finalize = result.finalize;
        setFailure(null);
        latest.current(result.view);
      },
      (error: unknown) => {
        if (cancelled) return;
        setFailure({ spec, error });
        latest.current(null);
      },
    );
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec, dark, size]);

  return (
    <div className="vega-chart" data-testid="chart" ref={frame}>
      {failure?.spec === spec && (
        <ErrorMessage error={{ message: `Vega-Lite could not draw this spec: ${messageOf(failure.error)}`, hint: 'Check the spec in the JSON editor.' }} />
      )}
      <div className="vega-host" ref={host} />
    </div>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
