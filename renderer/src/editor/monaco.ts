import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { DUCKDB_LANGUAGE, duckdbConfiguration, duckdbTokens } from './duckdbLanguage.ts';

// Monaco's workers come from the app's own bundle: no CDN, nothing evaluated from strings.
self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

monaco.languages.register({ id: DUCKDB_LANGUAGE, extensions: ['.sql'], aliases: ['DuckDB SQL'] });
monaco.languages.setLanguageConfiguration(DUCKDB_LANGUAGE, duckdbConfiguration);
monaco.languages.setMonarchTokensProvider(DUCKDB_LANGUAGE, duckdbTokens([]));

/** Colour DuckDB's own function names once the engine has listed them. */
export function highlightFunctions(names: readonly string[]): void {
  monaco.languages.setMonarchTokensProvider(DUCKDB_LANGUAGE, duckdbTokens(names));
}

const sqlRules = (dark: boolean) => [
  { token: 'annotation', foreground: dark ? 'c3a6ff' : '7c3aed' },
  { token: 'predefined', foreground: dark ? 'dcdcaa' : '795e26' },
  { token: 'type', foreground: dark ? '4ec9b0' : '267f99' },
];
monaco.editor.defineTheme('bizops-light', {
  base: 'vs',
  inherit: true,
  rules: sqlRules(false),
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff' },
});
monaco.editor.defineTheme('bizops-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: sqlRules(true),
  colors: { 'editor.background': '#1c2028', 'editorGutter.background': '#1c2028' },
});

export function editorTheme(dark: boolean): string {
  return dark ? 'bizops-dark' : 'bizops-light';
}

export { monaco };
