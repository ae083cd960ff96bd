/**
 * The solver entry point. `solve` is what the API pipeline, the worker and the benchmark call.
 */
import type { Solver } from './control.ts';
import { solveHgs } from './hgs.ts';

export { solveBasic } from './basic.ts';
export type { SolveOptions, SolveOutcome, Solver, StopReason, TracePoint } from './control.ts';
export { evaluateRoute, type RouteSchedule, scheduleRoute } from './exact.ts';
export type { ProblemData, Solution, SolutionRoute, VehicleType } from './problem.ts';
export { FORBIDDEN } from './problem.ts';
export { makeSolution } from './solution.ts';

export const solve: Solver = (problem, options) => solveHgs(problem, options);
