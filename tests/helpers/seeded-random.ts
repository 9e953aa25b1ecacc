/** A small deterministic generator for generated test data, so that a failure can be reproduced from its seed. */
export function seededGenerator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)]!,
  };
}
