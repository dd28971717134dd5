import { WorkbenchError } from '../errors.ts';
import { closest } from '../suggest.ts';
import type { Project } from './project.ts';
import { renderModel, seedRelation, type RenderContext, type RenderedModel } from './render.ts';

/** Every model rendered, in an order where each comes after everything it reads. */
export interface CompiledProject {
  project: Project;
  models: Map<string, RenderedModel>;
  order: string[];
  /** Models and seeds each model reads directly. */
  upstream: Map<string, string[]>;
  /** Models that read each model or seed directly. */
  downstream: Map<string, string[]>;
  relationOf(name: string): { schema: string; name: string } | undefined;
}

/**
 * Render every model twice, as dbt parses then compiles: the first pass learns each model's schema (its folder or
 * its own config), the second writes every ref() with the schema it really lands in.
 */
export function compileProject(project: Project, context: Omit<RenderContext, 'project' | 'relationOf'>): CompiledProject {
  const schemas = new Map<string, string>();
  const relationOf = (name: string) => {
    if (project.seeds.has(name)) return seedRelation(name);
    const schema = schemas.get(name) ?? project.models.get(name)?.folderSchema;
    return schema === undefined ? undefined : { schema, name };
  };
  for (const model of project.models.values()) {
    schemas.set(model.name, renderModel(model, { ...context, project, relationOf }).config.schema);
  }
  const models = new Map<string, RenderedModel>();
  for (const model of project.models.values()) models.set(model.name, renderModel(model, { ...context, project, relationOf }));

  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>([...project.models.keys(), ...project.seeds.keys()].map((name) => [name, []]));
  for (const rendered of models.values()) {
    const reads = [...new Set(rendered.dependencies.flatMap((dependency) => (dependency.kind === 'ref' ? [dependency.name] : [])))];
    for (const name of reads) {
      if (!project.models.has(name) && !project.seeds.has(name)) throw missingRef(project, rendered, name);
      downstream.get(name)!.push(rendered.model.name);
    }
    upstream.set(rendered.model.name, reads);
  }
  return { project, models, order: topologicalOrder(project, upstream), upstream, downstream, relationOf };
}

function topologicalOrder(project: Project, upstream: Map<string, string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done' || project.seeds.has(name)) return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      const files = cycle.map((model) => project.models.get(model)!.file);
      throw new WorkbenchError({
        code: 'model_cycle',
        message: `Models read each other in a cycle: ${files.join(' → ')}.`,
        where: files[0],
        hint: `Break the cycle: one of ${[...new Set(files)].join(' and ')} must stop ref()-ing the other.`,
        details: { cycle },
      });
    }
    state.set(name, 'visiting');
    for (const dependency of upstream.get(name) ?? []) visit(dependency, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of [...project.models.keys()].sort()) visit(name, []);
  return order;
}

function missingRef(project: Project, rendered: RenderedModel, name: string): WorkbenchError {
  const candidates = [...project.models.keys(), ...project.seeds.keys()];
  const suggestion = closest(name, candidates);
  const line = rendered.model.text.split('\n').findIndex((text) => new RegExp(`ref\\(\\s*['"]${escapeRegExp(name)}['"]`).test(text)) + 1;
  return new WorkbenchError({
    code: 'model_missing',
    message: `${rendered.model.file} refers to a model "${name}" that does not exist (no models/**/${name}.sql or seeds/${name}.csv).`,
    where: line > 0 ? `${rendered.model.file}:${line}` : rendered.model.file,
    hint: suggestion
      ? `Did you mean ref('${suggestion}') (${project.models.get(suggestion)?.file ?? project.seeds.get(suggestion)?.file})?`
      : `Create models/…/${name}.sql, or fix the ref().`,
  });
}

/** Model selection as dbt writes it: `name`, `+name` (with its upstream), `name+` (with its downstream). */
export function selectModels(compiled: CompiledProject, selectors: string[] | undefined): string[] {
  if (!selectors || selectors.length === 0) return compiled.order;
  const chosen = new Set<string>();
  for (const selector of selectors.flatMap((text) => text.split(/[\s,]+/)).filter(Boolean)) {
    const match = /^(\+?)([A-Za-z0-9_]+)(\+?)$/.exec(selector);
    const name = match?.[2];
    if (!match || !name || !compiled.models.has(name)) {
      const known = name ? closest(name, [...compiled.models.keys()]) : undefined;
      throw new WorkbenchError({
        code: 'model_missing',
        message: `--select ${selector} matches no model.`,
        hint: known ? `Did you mean ${selector.replace(name!, known)}?` : 'Select a model by name, with + before (its upstream) or after (its downstream).',
      });
    }
    chosen.add(name);
    if (match[1]) walk(name, compiled.upstream, chosen, compiled);
    if (match[3]) walk(name, compiled.downstream, chosen, compiled);
  }
  return compiled.order.filter((name) => chosen.has(name));
}

function walk(name: string, edges: Map<string, string[]>, into: Set<string>, compiled: CompiledProject): void {
  for (const next of edges.get(name) ?? []) {
    if (compiled.models.has(next) && !into.has(next)) {
      into.add(next);
      walk(next, edges, into, compiled);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
