/**
 * The compute footprint of a solve: measured CPU time of the solve thread → energy → g CO2e.
 *
 * CPU is charged, not wall time × cores (doc §3.2): on a shared machine wall time overstates the
 * work. In a Node worker thread `process.cpuUsage()` counts the whole process, so the thread's own
 * utime+stime is read from /proc/thread-self/stat (doc §3.3; clock ticks of 10 ms). Energy follows
 * Green Algorithms (default) or Cloud Carbon Footprint; the host's embodied share follows SCI.
 * There is no RAPL counter on these machines: the figure is an estimate, and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { type EmissionSettings, GRID_REGION_IDS, type GridRegion } from '../model/schema.ts';
import { gridIntensity } from './energy.ts';
import {
  CCF_PROVIDERS,
  CCF_WATTS_PER_GB,
  type CloudProvider,
  DEFAULT_COMPUTE_REGION,
  EMBODIED,
  GREEN_ALGORITHMS,
  SECONDS_PER_YEAR,
} from './factors.ts';

/** Clock ticks per second of procfs times (USER_HZ; 100 on Linux x86 and arm64). */
const CLK_TCK = 100;

export type CpuScope = 'thread' | 'process';

/** CPU seconds used so far by the calling thread (procfs), or by the whole process as a fallback. */
export function cpuSeconds(): { seconds: number; scope: CpuScope } {
  try {
    const seconds = statCpuSeconds(readFileSync('/proc/thread-self/stat', 'latin1'));
    if (Number.isFinite(seconds)) return { seconds, scope: 'thread' };
  } catch {
    // not Linux, or procfs not mounted: fall through
  }
  const u = process.cpuUsage();
  return { seconds: (u.user + u.system) / 1e6, scope: 'process' };
}

/**
 * utime + stime of a procfs stat line, in seconds. Fields are counted after the command name,
 * which may itself hold spaces and parentheses: state is field 3, utime 14, stime 15 (proc(5)).
 */
export function statCpuSeconds(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
}

export interface Usage {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

/**
 * Measures one solve from its first step: CPU of this thread, wall time, peak heap of this thread.
 * `cpu` and `now` are injectable so tests can drive the clock.
 */
export class ComputeMeter {
  readonly scope: CpuScope;
  private readonly cpu0: number;
  private readonly wall0: number;
  private peakHeap = 0;

  constructor(
    private readonly cpu: () => { seconds: number; scope: CpuScope } = cpuSeconds,
    private readonly now: () => number = () => performance.now(),
  ) {
    const c = this.cpu();
    this.scope = c.scope;
    this.cpu0 = c.seconds;
    this.wall0 = this.now();
    this.sampleMemory();
  }

  usage(): Usage {
    return { cpuSeconds: Math.max(0, this.cpu().seconds - this.cpu0), wallSeconds: (this.now() - this.wall0) / 1000 };
  }

  /** Records the heap in use now; cheap enough for every progress tick. */
  sampleMemory(): void {
    this.peakHeap = Math.max(this.peakHeap, getHeapStatistics().used_heap_size);
  }

  memory(): { peakHeapUsedMB: number; peakRssMB: number; heapLimitGB: number } {
    this.sampleMemory();
    return {
      peakHeapUsedMB: this.peakHeap / 2 ** 20,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      heapLimitGB: getHeapStatistics().heap_size_limit / 2 ** 30,
    };
  }
}

/** Every coefficient of the footprint, resolved from defaults and the request. */
export interface ComputeParams {
  readonly method: 'green-algorithms' | 'ccf';
  readonly wattsPerCore: number;
  readonly wattsPerGB: number;
  readonly pue: number;
  readonly memoryGB: number;
  readonly runs: number;
  readonly vcpus: number;
  readonly provider: CloudProvider;
  readonly grid: { readonly region: GridRegion | null; readonly gPerKWh: number; readonly basis: string };
  readonly embodied: {
    readonly enabled: boolean;
    readonly hostKg: number;
    readonly hostVcpus: number;
    readonly lifetimeYears: number;
  };
  readonly sources: string;
}

/**
 * Where this worker computes, as its operator says (TOURNEE_COMPUTE_REGION, one of the grid
 * regions of factors.ts): the request may still say otherwise. An unknown value is ignored
 * (world default) rather than failing every solve; the worker logs it at start-up.
 */
export function serverComputeRegion(env: NodeJS.ProcessEnv = process.env): GridRegion {
  const region = env.TOURNEE_COMPUTE_REGION;
  return region && (GRID_REGION_IDS as readonly string[]).includes(region)
    ? (region as GridRegion)
    : DEFAULT_COMPUTE_REGION;
}

export function computeParams(settings: EmissionSettings | undefined, heapLimitGB: number): ComputeParams {
  const c = settings?.compute ?? {};
  const method = c.method ?? 'green-algorithms';
  const provider = c.provider ?? 'aws';
  const ccf = CCF_PROVIDERS[provider];
  const grid = gridIntensity(c.gridIntensity, c.region ?? serverComputeRegion());
  return {
    method,
    wattsPerCore: c.wattsPerCore ?? GREEN_ALGORITHMS.wattsPerCore.value,
    wattsPerGB: c.wattsPerGB ?? (method === 'ccf' ? CCF_WATTS_PER_GB.value : GREEN_ALGORITHMS.wattsPerGB.value),
    pue: c.pue ?? (method === 'ccf' ? ccf.pue.value : GREEN_ALGORITHMS.pue.value),
    memoryGB: c.memoryGB ?? heapLimitGB,
    runs: c.runs ?? 1,
    vcpus: c.vcpus ?? 1,
    provider,
    grid: { region: grid.region, gPerKWh: grid.gPerKWh, basis: grid.basis },
    embodied: {
      enabled: c.embodied?.enabled ?? true,
      hostKg: c.embodied?.hostKg ?? EMBODIED.hostKg.value,
      hostVcpus: c.embodied?.hostVcpus ?? EMBODIED.hostVcpus.value,
      lifetimeYears: c.embodied?.lifetimeYears ?? EMBODIED.lifetimeYears.value,
    },
    sources:
      method === 'ccf'
        ? `Cloud Carbon Footprint ${provider} coefficients [18]; grid ${grid.label}; embodied SCI [18][19][20]`
        : `Green Algorithms [16]; grid ${grid.label}; embodied SCI [18][19][20]`,
  };
}

export interface FootprintFigures {
  /** Average power over the run, W (before PUE). */
  readonly powerW: number;
  readonly energyWh: number;
  readonly operationalG: number;
  readonly embodiedG: number;
  readonly totalG: number;
}

/**
 * Green Algorithms: E = (CPU-s · W_core + GB · W/GB · wall-s) · PUE · runs (CPU-seconds stand for
 * u_c · n_c · t). CCF: per reserved vCPU W_min + u·(W_max − W_min), memory 0.392 W/GB, provider PUE.
 * Embodied (SCI): M = TE · (wall · runs / lifetime) · (vCPUs reserved / host vCPUs).
 */
export function footprint(usage: Usage, p: ComputeParams): FootprintFigures {
  const { cpuSeconds: cpu, wallSeconds: wall } = usage;
  let joules: number;
  if (p.method === 'ccf') {
    const { minW, maxW } = CCF_PROVIDERS[p.provider];
    joules = p.vcpus * wall * minW.value + cpu * (maxW.value - minW.value) + p.memoryGB * p.wattsPerGB * wall;
  } else {
    joules = cpu * p.wattsPerCore + p.memoryGB * p.wattsPerGB * wall;
  }
  const powerW = wall > 0 ? joules / wall : 0;
  joules *= p.pue * p.runs;
  const energyWh = joules / 3600;
  const operationalG = (energyWh / 1000) * p.grid.gPerKWh;
  const e = p.embodied;
  const embodiedG = e.enabled
    ? e.hostKg * 1000 * ((wall * p.runs) / (e.lifetimeYears * SECONDS_PER_YEAR)) * (p.vcpus / e.hostVcpus)
    : 0;
  return { powerW, energyWh, operationalG, embodiedG, totalG: operationalG + embodiedG };
}

/** g CO2e of one second of one busy core (memory and embodied included): the frugal stop's yardstick. */
export function gramsPerComputeSecond(p: ComputeParams): number {
  return footprint({ cpuSeconds: 1, wallSeconds: 1 }, { ...p, runs: 1 }).totalG;
}

/** Whether energy was measured: never here (no RAPL counters on these machines, doc §3.4). */
export function energyBasis(): string {
  const rapl = existsSync('/sys/class/powercap/intel-rapl:0/energy_uj');
  return rapl ? 'estimated (RAPL present but not read; coefficients)' : 'estimated (no RAPL)';
}
