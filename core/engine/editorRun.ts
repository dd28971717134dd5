import type { TextRange } from '../api/query.ts';
import { WorkbenchError } from '../errors.ts';
import { lineAndColumn } from './sqlError.ts';
import { statementAt } from './statements.ts';

/** Which part of the editor's text a run covers: the selection, the statement under the cursor, or all of it. */
export function partToRun(text: string, options: { selection?: TextRange; cursor?: number }): TextRange {
  if (options.selection) {
    const start = Math.min(options.selection.start, text.length);
    const end = Math.min(options.selection.end, text.length);
    if (text.slice(start, end).trim() === '') {
      throw new WorkbenchError({
        code: 'invalid_argument',
        message: 'The selection has no SQL in it.',
        hint: 'Select a statement, or clear the selection to run the statement under the cursor.',
      });
    }
    return { start, end };
  }
  if (options.cursor !== undefined) {
    const statement = statementAt(text, options.cursor);
    if (statement) return { start: statement.start, end: statement.start + statement.text.length };
  }
  return { start: 0, end: text.length };
}

/**
 * An SQL error from running part of the editor's text (perhaps with refs replaced), pointed back at the
 * editor's own text: `toEditorOffset` maps a position in what ran to a position in the editor.
 */
export function pointAtEditor(error: unknown, editorText: string, toEditorOffset: (offset: number) => number): unknown {
  if (!(error instanceof WorkbenchError) || typeof error.details?.position !== 'number') return error;
  const position = toEditorOffset(error.details.position);
  const { line, column } = lineAndColumn(editorText, position);
  return new WorkbenchError(
    {
      ...error.toInfo(),
      where: `query, line ${line}, column ${column}`,
      details: { ...error.details, position, line, column },
    },
    { cause: error.cause ?? error },
  );
}
