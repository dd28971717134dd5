import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import vegaLiteSchemaUrl from 'vega-lite/vega-lite-schema.json?url';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { editorTheme, monaco } from '../editor/monaco.ts';
import type { Spec } from './chartSpec.ts';

const EDIT_DELAY_MS = 400;
const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
let specModels = 0;

/** Vega-Lite's own JSON schema, bundled with the app: the spec editor checks and completes against it. */
const schemaProblem: Promise<string | null> = fetch(vegaLiteSchemaUrl)
  .then((response) => response.json() as Promise<object>)
  .then(
    (schema) => {
      jsonDefaults.setDiagnosticsOptions({
        validate: true,
        enableSchemaRequest: false,
        schemaRequest: 'ignore',
        schemas: [{ uri: VEGA_LITE_SCHEMA, fileMatch: ['*.vl.json'], schema }],
      });
      return null;
    },
    (error: unknown) => `Vega-Lite's schema could not be read, so the spec is not checked: ${String(error)}`,
  );

/**
 * The chart's Vega-Lite spec as JSON in Monaco. Edits that parse become the spec (and the builder's controls
 * follow); the builder's changes are written back here unless the JSON is being typed in.
 */
export function SpecEditor({ spec, onSpec, dark }: { spec: Spec; onSpec(spec: Spec): void; dark: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef({ spec, onSpec });
  useLayoutEffect(() => {
    latest.current = { spec, onSpec };
  });

  useEffect(() => {
    const uri = monaco.Uri.parse(`inmemory://charts/spec-${++specModels}.vl.json`);
    const model = monaco.editor.createModel(JSON.stringify(latest.current.spec, null, 2), 'json', uri);
    void schemaProblem.then((problem) => problem && setProblem(problem));
    const instance = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12.5,
      scrollBeyondLastLine: false,
      ariaLabel: 'Vega-Lite spec',
      tabSize: 2,
      fixedOverflowWidgets: true,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    instance.onDidChangeModelContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const text = model.getValue();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          setProblem(`The spec is not valid JSON yet: ${(error as Error).message}`);
          return;
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          setProblem('A Vega-Lite spec is a JSON object: { "mark": …, "encoding": … }.');
          return;
        }
        setProblem(null);
        if (JSON.stringify(parsed) !== JSON.stringify(latest.current.spec)) latest.current.onSpec(parsed as Spec);
      }, EDIT_DELAY_MS);
    });
    editor.current = instance;
    return () => {
      clearTimeout(timer);
      instance.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    const instance = editor.current!;
    const model = instance.getModel()!;
    let current: unknown;
    try {
      current = JSON.parse(model.getValue());
    } catch {
      current = undefined;
    }
    // The builder changed the spec: show it, unless the person is typing here.
    if (JSON.stringify(current) !== JSON.stringify(spec) && !instance.hasTextFocus()) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: JSON.stringify(spec, null, 2) }], () => null);
    }
  }, [spec]);

  useEffect(() => monaco.editor.setTheme(editorTheme(dark)), [dark]);

  return (
    <div className="spec-editor">
      <div className="spec-editor-host" ref={host} data-testid="spec-editor" />
      {problem && (
        <div className="spec-problem" role="status">
          {problem}
        </div>
      )}
    </div>
  );
}
