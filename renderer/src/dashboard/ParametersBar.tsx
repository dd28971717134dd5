import { useEffect, useState } from 'react';
import type { Dashboard, DashboardParameter } from '../../../core/api/dashboards.ts';
import { api } from '../api.ts';
import { formatPeriod } from './view/numbers.ts';

export type ParameterValue = string | number | null | { from: string; to: string };
export type ParameterValues = Record<string, ParameterValue>;

/** The relative periods a date range offers, as the file format names them. */
export const PERIOD_CHOICES: { value: string; label: string }[] = [
  { value: 'last_12_months', label: 'Last 12 months' },
  { value: 'last_year', label: 'Last year' },
  { value: 'this_year', label: 'This year' },
  { value: 'year_to_date', label: 'Year to date' },
  { value: 'last_quarter', label: 'Last quarter' },
  { value: 'this_quarter', label: 'This quarter' },
  { value: 'last_month', label: 'Last month' },
  { value: 'this_month', label: 'This month' },
  { value: 'last_90_days', label: 'Last 90 days' },
  { value: 'last_30_days', label: 'Last 30 days' },
  { value: 'last_7_days', label: 'Last 7 days' },
];

interface ParametersBarProps {
  dashboard: Dashboard;
  /** Where select options are computed: the dashboard's file or pack. */
  source: { file: string } | { pack: string };
  values: ParameterValues;
  /** Values as the last run resolved them (periods as dates). */
  resolved: Record<string, unknown>;
  onChange(name: string, value: ParameterValue): void;
  /** In edit mode a parameter can be removed from the dashboard. */
  onRemove?(name: string): void;
}

/** The parameters above the tiles; a change runs the tiles again with the new values bound. */
export function ParametersBar({ dashboard, source, values, resolved, onChange, onRemove }: ParametersBarProps) {
  if (dashboard.parameters.length === 0) return null;
  return (
    <div className="dash-parameters" role="group" aria-label="Parameters">
      {dashboard.parameters.map((parameter) => (
        <div className="dash-parameter" key={parameter.name}>
          <ParameterInput parameter={parameter} dashboard={dashboard} source={source} value={values[parameter.name]} resolved={resolved[parameter.name]} onChange={(value) => onChange(parameter.name, value)} />
          {onRemove && (
            <button className="dash-icon-button" aria-label={`Remove parameter ${parameter.name}`} title="Remove this parameter" onClick={() => onRemove(parameter.name)}>
              ×
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

function ParameterInput(props: {
  parameter: DashboardParameter;
  dashboard: Dashboard;
  source: ParametersBarProps['source'];
  value: ParameterValue | undefined;
  resolved: unknown;
  onChange(value: ParameterValue): void;
}) {
  const { parameter, value, onChange } = props;
  const label = parameter.label ?? parameter.name;
  switch (parameter.type) {
    case 'date_range':
      return <PeriodInput label={label} value={value ?? parameter.default} resolved={props.resolved} onChange={onChange} />;
    case 'select':
      return <SelectInput {...props} parameter={parameter} label={label} />;
    case 'number':
      return (
        <label>
          <span>{label}</span>
          <input
            type="number"
            defaultValue={typeof value === 'number' ? value : (parameter.default ?? '')}
            onBlur={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
            onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
          />
        </label>
      );
    case 'text':
      return (
        <label>
          <span>{label}</span>
          <input
            defaultValue={typeof value === 'string' ? value : parameter.default}
            onBlur={(event) => onChange(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
          />
        </label>
      );
  }
}

function PeriodInput({ label, value, resolved, onChange }: { label: string; value: ParameterValue; resolved: unknown; onChange(value: ParameterValue): void }) {
  const custom = typeof value === 'object' && value !== null;
  const dates = isPeriod(resolved) ? resolved : custom ? value : null;
  return (
    <label className="dash-period">
      <span>{label}</span>
      <select aria-label={label} value={custom ? 'custom' : String(value)} onChange={(event) => onChange(event.target.value === 'custom' ? (dates ?? { from: '2025-01-01', to: '2026-01-01' }) : event.target.value)}>
        {PERIOD_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
        <option value="custom">Custom dates…</option>
      </select>
      {custom ? (
        <>
          <input type="date" aria-label={`${label} from`} value={value.from} onChange={(event) => event.target.value && onChange({ ...value, from: event.target.value })} />
          <span className="muted">to</span>
          <input type="date" aria-label={`${label} to (excluded)`} title="The day after the last day" value={value.to} onChange={(event) => event.target.value && onChange({ ...value, to: event.target.value })} />
        </>
      ) : (
        dates && <span className="muted dash-period-dates">{formatPeriod(dates)}</span>
      )}
    </label>
  );
}

function SelectInput(props: { parameter: Extract<DashboardParameter, { type: 'select' }>; dashboard: Dashboard; source: ParametersBarProps['source']; label: string; value: ParameterValue | undefined; onChange(value: ParameterValue): void }) {
  const { parameter, dashboard, source, label, value, onChange } = props;
  const [options, setOptions] = useState<(string | number)[] | null>(parameter.options ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const optionsSql = parameter.options_sql;
  useEffect(() => {
    if (!optionsSql) return;
    let current = true;
    api.parameterOptions({ source, dashboard, parameter: parameter.name }).then(
      (loaded) => current && (setOptions(loaded), setProblem(null)),
      (error: unknown) => current && setProblem(`Its options could not be read: ${(error as Error).message}`),
    );
    return () => {
      current = false;
    };
    // The options change only when their query does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [optionsSql, parameter.name]);
  const chosen = value === undefined ? parameter.default : value;
  return (
    <label>
      <span>{label}</span>
      <select
        aria-label={label}
        value={chosen === null ? '' : String(chosen)}
        title={problem ?? undefined}
        onChange={(event) => {
          const picked = (options ?? []).find((option) => String(option) === event.target.value);
          onChange(picked ?? null);
        }}
      >
        <option value="">All</option>
        {(options ?? []).map((option) => (
          <option key={String(option)} value={String(option)}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

function isPeriod(value: unknown): value is { from: string; to: string } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}
