import type { z } from 'zod';

/** One method of the contract: its argument schema and (as a type only) its result. */
export interface MethodSpec<In extends z.ZodType = z.ZodType, Out = unknown> {
  readonly summary: string;
  readonly input: In;
  /** Phantom: carries the result type; never set at run time. */
  readonly output?: Out;
}

/** `method<Result>()('what it does', argSchema)`: the result type is given, the argument type inferred. */
export function method<Out>() {
  return <In extends z.ZodType>(summary: string, input: In): MethodSpec<In, Out> => ({ summary, input });
}

export type Contract = Record<string, MethodSpec>;

type ResultOf<S> = S extends MethodSpec<z.ZodType, infer Out> ? Out : never;

/** What callers see: arguments before defaults are applied. */
export type ApiOf<C extends Contract> = {
  [K in keyof C]: (arg: z.input<C[K]['input']>) => Promise<ResultOf<C[K]>>;
};

/** What implementations receive: arguments after validation, defaults applied. */
export type HandlersOf<C extends Contract> = {
  [K in keyof C]: (arg: z.output<C[K]['input']>) => Promise<ResultOf<C[K]>>;
};
