const STUB = new URL('./electronStub.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  return specifier === 'electron' ? { url: STUB, shortCircuit: true } : nextResolve(specifier, context);
}
