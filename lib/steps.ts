/**
 * Work written as steps (a generator that yields where the page's thread may be given back),
 * run to the end in one go: for the CLI, the eval, the KB build and the tests.
 */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
