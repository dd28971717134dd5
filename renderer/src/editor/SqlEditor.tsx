import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { TextRange } from '../../../core/api/query.ts';
import { DUCKDB_LANGUAGE } from './duckdbLanguage.ts';
import { formatSql } from './formatSql.ts';
import { editorTheme, monaco } from './monaco.ts';
import './sqlCompletion.ts';

/** What a run covers: the selection when there is one, else the statement under the cursor (or everything). */
export interface RunScope {
  text: string;
  selection?: TextRange;
  cursor?: number;
}

export interface SqlEditorHandle {
  scope(mode: 'statement' | 'all'): RunScope;
  /** Lay out the selection (or everything) with sql-formatter; throws what the formatter could not read. */
  format(): void;
  markError(offset: number, message: string): void;
  clearError(): void;
  /** Briefly highlight the part of the text that ran. */
  flash(range: TextRange): void;
  focus(): void;
  /** Open the find bar (Edit › Find). */
  find(): void;
}

export interface SqlEditorProps {
  /** One model per tab: switching keys switches text, undo history and scroll position. */
  tabKey: string;
  /** The text a tab starts with, read once when its model is made. */
  initialValue: string;
  /** Tabs still open: the models of the others are disposed. */
  openKeys: readonly string[];
  onChange(tabKey: string, value: string): void;
  onRun(mode: 'statement' | 'all'): void;
  onFormat(): void;
  dark: boolean;
}

const MARKER_OWNER = 'duckdb';

export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
  const { tabKey, openKeys, dark } = props;
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, { model: monaco.editor.ITextModel; view: monaco.editor.ICodeEditorViewState | null }>());
  const flashes = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      ariaLabel: 'SQL editor',
      fixedOverflowWidgets: true,
      suggest: { showStatusBar: true },
      tabIndex: 0,
    });
    const run = (mode: 'statement' | 'all') => () => latest.current.onRun(mode);
    instance.addAction({ id: 'bizops.run', label: 'Run statement or selection', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: run('statement') });
    instance.addAction({
      id: 'bizops.runAll',
      label: 'Run all',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
      run: run('all'),
    });
    instance.addAction({
      id: 'bizops.format',
      label: 'Format SQL',
      keybindings: [monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF],
      run: () => latest.current.onFormat(),
    });
    instance.onDidChangeModelContent(() => {
      const model = instance.getModel();
      if (model) latest.current.onChange(latest.current.tabKey, model.getValue());
    });
    flashes.current = instance.createDecorationsCollection();
    editor.current = instance;
    const open = models.current;
    return () => {
      instance.dispose();
      for (const { model } of open.values()) model.dispose();
      open.clear();
    };
  }, []);

  useEffect(() => {
    const instance = editor.current!;
    const current = instance.getModel();
    for (const entry of models.current.values()) if (entry.model === current) entry.view = instance.saveViewState();
    let entry = models.current.get(tabKey);
    if (!entry) {
      entry = { model: monaco.editor.createModel(latest.current.initialValue, DUCKDB_LANGUAGE), view: null };
      models.current.set(tabKey, entry);
    }
    if (entry.model !== current) {
      instance.setModel(entry.model);
      if (entry.view) instance.restoreViewState(entry.view);
    }
    instance.focus();
  }, [tabKey]);

  useEffect(() => {
    for (const [key, { model }] of models.current) {
      if (!openKeys.includes(key)) {
        model.dispose();
        models.current.delete(key);
      }
    }
  }, [openKeys]);

  useEffect(() => monaco.editor.setTheme(editorTheme(dark)), [dark]);

  useImperativeHandle(ref, () => ({
    scope(mode) {
      const instance = editor.current!;
      const model = instance.getModel()!;
      const text = model.getValue();
      if (mode === 'all') return { text };
      const selection = instance.getSelection();
      if (selection && !selection.isEmpty()) {
        return { text, selection: { start: model.getOffsetAt(selection.getStartPosition()), end: model.getOffsetAt(selection.getEndPosition()) } };
      }
      return { text, cursor: model.getOffsetAt(instance.getPosition() ?? new monaco.Position(1, 1)) };
    },
    format() {
      const instance = editor.current!;
      const model = instance.getModel()!;
      const selection = instance.getSelection();
      const range = selection && !selection.isEmpty() ? selection : model.getFullModelRange();
      const formatted = formatSql(model.getValueInRange(range));
      instance.executeEdits('format', [{ range, text: formatted }]);
      instance.pushUndoStop();
    },
    markError(offset, message) {
      const model = editor.current!.getModel()!;
      const start = model.getPositionAt(offset);
      const word = model.getWordAtPosition(start);
      monaco.editor.setModelMarkers(model, MARKER_OWNER, [
        {
          severity: monaco.MarkerSeverity.Error,
          message,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: start.lineNumber,
          endColumn: word ? word.endColumn : start.column + 1,
        },
      ]);
      editor.current!.revealPositionInCenterIfOutsideViewport(start);
    },
    clearError() {
      const model = editor.current?.getModel();
      if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    },
    flash(range) {
      const model = editor.current!.getModel()!;
      const start = model.getPositionAt(range.start);
      const end = model.getPositionAt(range.end);
      flashes.current!.set([
        { range: monaco.Range.fromPositions(start, end), options: { className: 'ran-statement', isWholeLine: false } },
      ]);
      setTimeout(() => flashes.current?.clear(), 700);
    },
    focus() {
      editor.current?.focus();
    },
    find() {
      editor.current?.focus();
      void editor.current?.getAction('actions.find')?.run();
    },
  }));

  return <div className="sql-editor" ref={host} data-testid="sql-editor" />;
});
