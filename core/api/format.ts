/** A rate, a duration or a ratio as the app, its exported dashboards and the CLI all show it: `29.9%`, `42 days`, `3.10×`. */
export function formatRate(value: number, unit: 'percent' | 'days' | 'ratio'): string {
  switch (unit) {
    case 'percent':
      return `${(value * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'days':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} days`;
    case 'ratio':
      return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;
  }
}
