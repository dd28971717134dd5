import type { z } from 'zod';
import { toErrorInfo } from '../errors.ts';
import type { Envelope } from './envelope.ts';
import type { Contract, HandlersOf } from './method.ts';

export type Dispatch = (method: string, arg: unknown) => Promise<Envelope>;

export interface DispatcherOptions {
  /** Called with every `internal` error, for the log; the caller still gets the envelope. */
  onInternalError?: (method: string, error: unknown) => void;
}

/** Validate the argument against the method's schema, call the handler, answer with one envelope. */
export function createDispatcher<C extends Contract>(
  contract: C,
  handlers: HandlersOf<C>,
  options: DispatcherOptions = {},
): Dispatch {
  return async (method, arg) => {
    if (!Object.hasOwn(contract, method)) {
      return {
        ok: false,
        error: {
          code: 'unknown_method',
          message: `There is no API method "${method}".`,
          hint: `Known methods: ${Object.keys(contract).join(', ')}.`,
        },
      };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(arg ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_argument',
          message: `Invalid argument to ${method}: ${describeIssues(parsed.error.issues)}`,
          where: method,
          hint: 'Check the argument against the method\'s schema in core/api.',
        },
      };
    }
    try {
      const handler = handlers[method] as (arg: unknown) => Promise<unknown>;
      return { ok: true, value: await handler.call(handlers, parsed.data) };
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code === 'internal') options.onInternalError?.(method, error);
      return { ok: false, error: info };
    }
  };
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
