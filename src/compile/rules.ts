/**
 * Extra rules a plan must obey beyond the request itself: arcs learned from driver feedback
 * (forbidden or penalised legs between customers) and vehicle restrictions (access limits,
 * low-emission zones). Producers (feedback, zones) build these; the compiler applies them.
 */
import type { OrderSpec, VehicleSpec } from '../model/schema.ts';

/** An end of an arc: every order of a customer, or a depot. */
export type NodeRef = { readonly customerId: string } | { readonly depotId: string };

export interface ArcRule {
  readonly from: NodeRef;
  readonly to: NodeRef;
  /** `forbidden`: never drive this leg; `penalty`: drive it only when it saves more than penaltyMetres. */
  readonly kind: 'forbidden' | 'penalty';
  /** Virtual extra metres the search charges for the leg (penalty rules). */
  readonly penaltyMetres?: number;
  /** Vehicles the rule is limited to; all vehicles when absent. */
  readonly vehicleIds?: readonly string[];
  /** Where the rule comes from (e.g. a learned-constraint id), for messages. */
  readonly source: string;
}

export interface VehicleRestriction {
  readonly source: string;
  /** null when `vehicle` may serve `order`; otherwise the reason a planner reads. */
  check(order: OrderSpec, vehicle: VehicleSpec): string | null;
}

export interface CompileRules {
  readonly arcs?: readonly ArcRule[];
  readonly restrictions?: readonly VehicleRestriction[];
}

export function nodeLabel(ref: NodeRef): string {
  return 'customerId' in ref ? `customer ${ref.customerId}` : `depot ${ref.depotId}`;
}
