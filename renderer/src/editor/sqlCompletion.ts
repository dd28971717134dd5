import { CompletionIndex, statementAround, type SuggestionKind } from './completion.ts';
import { monaco } from './monaco.ts';
import { DUCKDB_LANGUAGE } from './duckdbLanguage.ts';

const KINDS: Record<SuggestionKind, monaco.languages.CompletionItemKind> = {
  column: monaco.languages.CompletionItemKind.Field,
  table: monaco.languages.CompletionItemKind.Class,
  view: monaco.languages.CompletionItemKind.Interface,
  schema: monaco.languages.CompletionItemKind.Module,
  function: monaco.languages.CompletionItemKind.Function,
  keyword: monaco.languages.CompletionItemKind.Keyword,
};

let index: CompletionIndex | undefined;

/** What the editor completes from now on: the catalog and DuckDB's vocabulary, indexed once. */
export function setCompletionIndex(next: CompletionIndex): void {
  index = next;
}

monaco.languages.registerCompletionItemProvider(DUCKDB_LANGUAGE, {
  triggerCharacters: ['.'],
  provideCompletionItems(model, position) {
    if (!index) return { suggestions: [] };
    const around = statementAround(model.getValue(), model.getOffsetAt(position));
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    const suggestions = index.suggest(around.text, around.offset).map((suggestion) => ({
      label: suggestion.label,
      kind: KINDS[suggestion.kind],
      insertText: suggestion.insertText,
      insertTextRules: suggestion.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
      filterText: suggestion.filterText,
      detail: suggestion.detail,
      documentation: suggestion.documentation,
      sortText: suggestion.sortText,
      range,
    }));
    return { suggestions };
  },
});
