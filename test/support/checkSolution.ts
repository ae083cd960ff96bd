/**
 * The independent solution checker used by the tests. It lives in src/bench so that the
 * benchmark reports the same independent verdict; it imports nothing from solvers/ but the
 * ProblemData type.
 */
export * from '../../src/bench/checkSolution.ts';
