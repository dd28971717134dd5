/**
 * The dashboard's colours, one source for the app's view, the HTML export (as CSS variables) and the headless
 * SVG/PNG export (written into the pictures), so all three look alike.
 */
export interface DashboardTheme {
  page: string;
  panel: string;
  border: string;
  text: string;
  muted: string;
  grid: string;
  accent: string;
  up: string;
  down: string;
  errorBg: string;
  errorText: string;
  /** Colours of categories in charts, in order. */
  categories: string[];
}

const CATEGORIES = ['#2f6fed', '#f28e2b', '#12a594', '#e15759', '#9c6ade', '#edc948', '#59a14f', '#ff9da7', '#9d7660', '#8cd17d'];

export const THEMES: Record<'light' | 'dark', DashboardTheme> = {
  light: {
    page: '#f7f8fa',
    panel: '#ffffff',
    border: '#e3e6eb',
    text: '#1d2430',
    muted: '#667085',
    grid: '#eaecf0',
    accent: '#2f6fed',
    up: '#0f8a5f',
    down: '#c4320a',
    errorBg: '#fdecec',
    errorText: '#a01818',
    categories: CATEGORIES,
  },
  dark: {
    page: '#15181e',
    panel: '#1c2028',
    border: '#2c323d',
    text: '#e4e7ec',
    muted: '#98a2b3',
    grid: '#2c323d',
    accent: '#5b8def',
    up: '#3ccb8f',
    down: '#ff8a65',
    errorBg: '#3a1d1d',
    errorText: '#ffb4b4',
    categories: ['#5b8def', ...CATEGORIES.slice(1)],
  },
};

export function themeOf(dark: boolean): DashboardTheme {
  return dark ? THEMES.dark : THEMES.light;
}

/** Fonts: the system's UI font, and DejaVu Sans where none of those exist (it ships with the app for PNG export). */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'DejaVu Sans', sans-serif";

/** The theme as CSS custom properties, set on the dashboard's root element. */
export function themeVariables(dark: boolean): Record<string, string> {
  const theme = themeOf(dark);
  return {
    '--dash-page': theme.page,
    '--dash-panel': theme.panel,
    '--dash-border': theme.border,
    '--dash-text': theme.text,
    '--dash-muted': theme.muted,
    '--dash-accent': theme.accent,
    '--dash-up': theme.up,
    '--dash-down': theme.down,
    '--dash-error-bg': theme.errorBg,
    '--dash-error-text': theme.errorText,
    '--dash-grid': theme.grid,
  };
}

/** Vega's config for charts on a tile: the tile's panel colour behind, the theme's text and grid lines. */
export function vegaConfig(dark: boolean): Record<string, unknown> {
  const theme = themeOf(dark);
  return {
    background: theme.panel,
    font: FONT_FAMILY,
    padding: 4,
    view: { stroke: null },
    mark: { color: theme.accent },
    bar: { color: theme.accent },
    line: { color: theme.accent },
    area: { color: theme.accent },
    point: { color: theme.accent },
    axis: {
      labelColor: theme.muted,
      titleColor: theme.text,
      gridColor: theme.grid,
      domainColor: theme.border,
      tickColor: theme.border,
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 600,
    },
    // Category names read across, as in the app's tables; Vega hides the ones that would overlap.
    axisXDiscrete: { labelAngle: 0 },
    legend: { labelColor: theme.muted, titleColor: theme.text, labelFontSize: 11, titleFontSize: 11 },
    header: { labelColor: theme.text, titleColor: theme.text },
    title: { color: theme.text, fontWeight: 600, fontSize: 13 },
    text: { color: theme.text },
    range: { category: theme.categories },
  };
}
