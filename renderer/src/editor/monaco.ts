import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/sql/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

// Monaco's workers come from the app's own bundle: no CDN, nothing evaluated from strings.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
