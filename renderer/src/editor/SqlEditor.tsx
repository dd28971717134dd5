import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from './monaco.ts';

export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter: run the selection, or everything when nothing is selected. */
  onRun(sql: string): void;
  /** A position (offset into the text) to mark as the error, or undefined to clear. */
  errorAt?: { offset: number; message: string };
  dark: boolean;
}

export function SqlEditor({ value, onChange, onRun, errorAt, dark }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef({ onChange, onRun });
  useLayoutEffect(() => {
    latest.current = { onChange, onRun };
  });

  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      value,
      language: 'sql',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      ariaLabel: 'SQL editor',
    });
    instance.onDidChangeModelContent(() => latest.current.onChange(instance.getValue()));
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
      const selection = instance.getSelection();
      const model = instance.getModel()!;
      const selected = selection && !selection.isEmpty() ? model.getValueInRange(selection) : '';
      latest.current.onRun(selected.trim() ? selected : model.getValue());
    });
    editor.current = instance;
    return () => instance.dispose();
    // The editor is created once; later value changes come from typing, not from props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs'), [dark]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    if (!errorAt) {
      monaco.editor.setModelMarkers(model, 'duckdb', []);
      return;
    }
    const start = model.getPositionAt(errorAt.offset);
    const word = model.getWordAtPosition(start);
    monaco.editor.setModelMarkers(model, 'duckdb', [
      {
        severity: monaco.MarkerSeverity.Error,
        message: errorAt.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: start.lineNumber,
        endColumn: word ? word.endColumn : start.column + 1,
      },
    ]);
  }, [errorAt]);

  return <div className="sql-editor" ref={host} data-testid="sql-editor" />;
}
