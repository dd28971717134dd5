import { useState } from 'react';
import type { Dashboard, DashboardExportFormat } from '../../../core/api/dashboards.ts';
import { api, download } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import type { ParameterValues } from './ParametersBar.tsx';

const CHOICES: { format: DashboardExportFormat; label: string }[] = [
  { format: 'html', label: 'HTML (one file, works offline)' },
  { format: 'pdf', label: 'PDF' },
  { format: 'png', label: 'PNG image' },
  { format: 'svg', label: 'SVG image' },
];

interface ExportMenuProps {
  source: { file: string } | { pack: string };
  /** What is on screen, saved or not. */
  dashboard: Dashboard;
  values: ParameterValues;
  dark: boolean;
  /** One tile only: images. */
  tile?: string;
  label?: string;
}

/** Export what is shown, as `bizops export` would: the engine writes the file, the browser downloads it. */
export function ExportMenu({ source, dashboard, values, dark, tile, label = 'Export' }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<DashboardExportFormat | null>(null);
  const [result, setResult] = useState<{ error?: unknown; note?: string } | null>(null);
  const choices = tile ? CHOICES.filter((choice) => choice.format === 'png' || choice.format === 'svg') : CHOICES;

  const exportAs = async (format: DashboardExportFormat) => {
    setOpen(false);
    setBusy(format);
    setResult(null);
    try {
      const file = await api.exportDashboard({ source, dashboard, values, format, tile, dark });
      const downloaded = download(file.downloadPath, file.fileName);
      setResult({ note: downloaded ? `${file.fileName} downloaded (${file.seconds.toFixed(1)} s)` : `Exported to ${file.path}` });
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="dash-menu">
      <button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} disabled={busy !== null}>
        {busy ? `Exporting ${busy.toUpperCase()}…` : label}
      </button>
      {open && (
        <div className="menu-items dash-menu-items" role="menu">
          {choices.map((choice) => (
            <button key={choice.format} role="menuitem" onClick={() => void exportAs(choice.format)}>
              {tile ? `${choice.format.toUpperCase()} of this tile` : choice.label}
            </button>
          ))}
        </div>
      )}
      {result?.note && (
        <span className="muted small dash-export-note" role="status">
          {result.note}
        </span>
      )}
      {result?.error !== undefined && (
        <div className="dash-menu-error">
          <ErrorMessage error={result.error} />
          <button className="link" onClick={() => setResult(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
