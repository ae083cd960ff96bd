/**
 * Worker side of the learned rules: the JSON a job carries → the compiler's rules. Arcs are
 * already in the compiler's form; access limits become vehicle restrictions (code, so they are
 * built here rather than carried).
 */
import type { CompileRules, VehicleRestriction } from '../compile/rules.ts';
import type { JobRules } from '../queue/jobs.ts';
import type { AccessRule } from './types.ts';

export function compileRulesOf(rules: JobRules | undefined): CompileRules | undefined {
  if (!rules) return undefined;
  const restrictions = (rules.access ?? []).map(accessRestriction);
  return {
    ...(rules.arcs?.length ? { arcs: rules.arcs } : {}),
    ...(restrictions.length ? { restrictions } : {}),
  };
}

export function accessRestriction(rule: AccessRule): VehicleRestriction {
  const allowed = new Set<string>(rule.vehicleClasses);
  const only = rule.vehicleClasses.length > 0 ? `only ${rule.vehicleClasses.join(', ')} get in` : 'no vehicle gets in';
  return {
    source: rule.source,
    check(order, vehicle) {
      if (order.customerId !== rule.customerId || allowed.has(vehicle.energy.vehicleClass)) return null;
      return `${vehicle.energy.vehicleClass} cannot get to customer ${rule.customerId} (${only}; ${rule.source})`;
    },
  };
}
