import { useState, type FormEvent, type ReactNode } from 'react';
import { parse, stringify } from 'yaml';
import type { SecretStorageInfo, SourceSettingsInfo } from '../../../../core/api/sourcesConfig.ts';
import type { ConnectorInfo } from '../../../../core/api/sync.ts';
import { api } from '../../api.ts';
import { useAsync } from '../../useAsync.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type OptionSpec = ConnectorInfo['options'][number];

/** Add a source, or edit one: a form built from its connector's options; secrets masked and kept out of bizops.yml. */
export function SourceForm({
  connectors,
  existing,
  onSaved,
  onCancel,
}: {
  connectors: ConnectorInfo[];
  existing?: SourceSettingsInfo;
  onSaved(name: string): void;
  onCancel(): void;
}) {
  const [type, setType] = useState(existing?.type ?? connectors[0]?.type ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [values, setValues] = useState<Record<string, string | boolean>>(() => initialValues(connectors, existing));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const connector = connectors.find((candidate) => candidate.type === type);
  const scope = name || 'source';
  const [storage] = useAsync<SecretStorageInfo>(() => api.secretStorage({ source: /^[a-z][a-z0-9_]*$/.test(scope) ? scope : 'source', type }), [scope, type]);
  if (!connector) return <p className="empty">No connectors are available.</p>;

  const plain = connector.options.filter((option) => !option.secret);
  const main = plain.filter((option) => option.required || option.type === 'choice' || option.default === undefined);
  const more = plain.filter((option) => !main.includes(option));
  const secretOptions = connector.options.filter((option) => option.secret);
  const setValue = (option: string, value: string | boolean) => setValues((now) => ({ ...now, [option]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const options = toOptions(connector!.options, values);
      const given = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== ''));
      const saved = await api.saveSource({ name, type, create: !existing, options, secrets: given });
      onSaved(saved.name);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="source-form" onSubmit={save} aria-label={existing ? `Edit source ${existing.name}` : 'Add a source'}>
      <h2>{existing ? `Edit ${existing.name}` : 'Add a source'}</h2>
      <div className="form-grid">
        <label htmlFor="source-type">Type</label>
        <div>
          <select id="source-type" value={type} disabled={existing !== undefined} onChange={(event) => {
            setType(event.target.value);
            setValues(initialValues(connectors, undefined, event.target.value));
          }}>
            {connectors.map((candidate) => (
              <option key={candidate.type} value={candidate.type}>{candidate.title}</option>
            ))}
          </select>
          <div className="field-help">{connector.description}</div>
        </div>
        <label htmlFor="source-name">Name</label>
        <div>
          <input id="source-name" type="text" value={name} disabled={existing !== undefined} required pattern="[a-z][a-z0-9_]*" placeholder="e.g. salesforce"
            onChange={(event) => setName(event.target.value)} />
          <div className="field-help">Its tables land in the schema <code>raw_{name || '<name>'}</code>: lower-case letters, digits and “_”.</div>
        </div>
        {main.map((option) => (
          <OptionField key={option.name} option={option} value={values[option.name]} onChange={(value) => setValue(option.name, value)} />
        ))}
      </div>
      {secretOptions.length > 0 && (
        <fieldset className="secrets">
          <legend>Secrets</legend>
          {storage.status === 'ready' && !storage.value.writable && (
            <p className="notice" data-testid="secrets-env-note">
              This BizOps Workbench reads secrets from environment variables and cannot store them. Set them before starting it:
            </p>
          )}
          <div className="form-grid">
            {secretOptions.map((option) => {
              const known = existing?.secrets.find((secret) => secret.option === option.name);
              const where = storage.status === 'ready' ? storage.value.locations[option.name] : undefined;
              return storage.status === 'ready' && !storage.value.writable ? (
                <SecretLocation key={option.name} option={option} where={where} set={known?.set} />
              ) : (
                <FieldRow key={option.name} option={option} id={`option-${option.name}`}>
                  <input id={`option-${option.name}`} type="password" autoComplete="off" value={secrets[option.name] ?? ''}
                    placeholder={known?.set ? 'stored: leave blank to keep' : ''}
                    onChange={(event) => setSecrets((now) => ({ ...now, [option.name]: event.target.value }))} />
                </FieldRow>
              );
            })}
          </div>
        </fieldset>
      )}
      {more.length > 0 && (
        <details className="more-options">
          <summary>More options</summary>
          <div className="form-grid">
            {more.map((option) => (
              <OptionField key={option.name} option={option} value={values[option.name]} onChange={(value) => setValue(option.name, value)} />
            ))}
          </div>
        </details>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : existing ? 'Save changes' : 'Add source'}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
        <span className="muted">Saved to bizops.yml; secrets never are.</span>
      </div>
    </form>
  );
}

function FieldRow({ option, id, children }: { option: OptionSpec; id: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={id}>
        {option.title}
        {option.required && <span className="required" aria-hidden="true" title="required"> *</span>}
      </label>
      <div>
        {children}
        {option.description && <div className="field-help">{option.description}</div>}
      </div>
    </>
  );
}

function OptionField({ option, value, onChange }: { option: OptionSpec; value: string | boolean | undefined; onChange(value: string | boolean): void }) {
  const id = `option-${option.name}`;
  const placeholder = option.default === undefined ? '' : typeof option.default === 'object' ? stringify(option.default).trim() : String(option.default);
  let control;
  switch (option.type) {
    case 'boolean':
      control = <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
      break;
    case 'choice':
      control = (
        <select id={id} value={String(value ?? option.default ?? '')} onChange={(event) => onChange(event.target.value)}>
          {!option.required && option.default === undefined && <option value="">—</option>}
          {option.choices?.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
        </select>
      );
      break;
    case 'list':
    case 'object':
      control = (
        <textarea id={id} rows={option.type === 'list' ? 3 : 4} value={String(value ?? '')} placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)} spellCheck={false} />
      );
      break;
    default:
      control = (
        <input id={id} type={option.type === 'number' ? 'number' : 'text'} value={String(value ?? '')} placeholder={placeholder}
          required={option.required} onChange={(event) => onChange(event.target.value)} />
      );
  }
  return <FieldRow option={option} id={id}>{control}</FieldRow>;
}

function SecretLocation({ option, where, set }: { option: OptionSpec; where?: string; set?: boolean }) {
  return (
    <>
      <span className="label">{option.title}</span>
      <div className="secret-location">
        {where ? <code>{where.replace(/^the | environment variable$/g, '')}</code> : '…'}
        {set !== undefined && <span className={set ? 'status-success' : 'muted'}>{set ? ' set' : ' not set'}</span>}
        {option.description && <div className="field-help">{option.description}</div>}
      </div>
    </>
  );
}

/** Form text for each option: lists one item per line, objects as YAML. */
function initialValues(connectors: ConnectorInfo[], existing?: SourceSettingsInfo, type = existing?.type): Record<string, string | boolean> {
  const connector = connectors.find((candidate) => candidate.type === (type ?? connectors[0]?.type));
  const values: Record<string, string | boolean> = {};
  for (const option of connector?.options ?? []) {
    const current = existing?.options[option.name];
    if (current === undefined || option.secret) continue;
    if (option.type === 'boolean') values[option.name] = current === true;
    else if (option.type === 'list' && Array.isArray(current)) values[option.name] = current.map(String).join('\n');
    else if (option.type === 'object') values[option.name] = typeof current === 'string' ? current : stringify(current).trim();
    else values[option.name] = String(current);
  }
  return values;
}

function toOptions(specs: OptionSpec[], values: Record<string, string | boolean>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const option of specs) {
    const value = values[option.name];
    if (value === undefined || value === '' || option.secret) continue;
    if (option.type === 'boolean') options[option.name] = value;
    else if (option.type === 'number') options[option.name] = Number(value);
    else if (option.type === 'list') options[option.name] = String(value).split('\n').map((line) => line.trim()).filter(Boolean);
    else if (option.type === 'object') {
      try {
        options[option.name] = parse(String(value));
      } catch (error) {
        throw { message: `${option.title} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, hint: 'Write it as YAML, e.g. key: value on each line.' };
      }
    } else options[option.name] = value;
  }
  return options;
}
