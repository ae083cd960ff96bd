/**
 * CPU time of the calling thread, from /proc/thread-self/stat (utime + stime). In a worker
 * thread process.cpuUsage() counts the whole process; this counts only the solve. Linux only;
 * elsewhere falls back to process.cpuUsage(). Resolution is the kernel tick (10 ms).
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which is in parentheses and may contain spaces).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/**
 * A clock for SolveOptions.now that advances with this thread's CPU time. The kernel counter
 * moves in 10 ms ticks; between reads (at most every 2 ms of wall time) the wall clock fills
 * in, capped at the next tick, so the clock is monotone and smooth enough for budgets.
 */
export function cpuClock(): () => number {
  let lastRead = performance.now();
  let tickWall = lastRead;
  let lastCpu = threadCpuMs();
  let lastValue = lastCpu;
  return () => {
    const wall = performance.now();
    if (wall - lastRead >= 2) {
      lastRead = wall;
      const cpu = threadCpuMs();
      if (cpu !== lastCpu) {
        lastCpu = cpu;
        tickWall = wall;
      }
    }
    const value = Math.max(lastValue, lastCpu + Math.min(wall - tickWall, TICK_MS));
    lastValue = value;
    return value;
  };
}
