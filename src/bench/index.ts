/** Benchmark: solve instance files, compare with best-known solutions, check independently. */
export { checkRoute, checkSolution } from './checkSolution.ts';
export { benchCommand, solveFileCommand } from './cli.ts';
export { cpuClock, threadCpuMs } from './cpuClock.ts';
export { type BenchOptions, type BenchReport, type BenchRow, listInstances, readBks, runBench } from './runBench.ts';
export { type SolveFileOptions, type SolveFileResult, solveInstanceFile } from './solveFile.ts';
