/**
 * Vehicle size, for access limits. Classes of the same size (a diesel and an electric N1 van)
 * get through the same gates; a driver saying "too big" rules out their class and every larger
 * one.
 */
import { VEHICLE_CLASSES, type VehicleClass } from '../model/schema.ts';

/** Size rank: N1 vans, then rigid trucks by gross weight, then articulated. */
export const SIZE_RANK: Record<VehicleClass, number> = {
  van_n1: 0,
  evan_n1: 0,
  rigid_7_5t: 1,
  rigid_12t: 2,
  rigid_19t: 3,
  artic_40t: 4,
};

/** Classes strictly smaller than `cls`; empty for an N1 van (nothing smaller exists). */
export function smallerThan(cls: VehicleClass): VehicleClass[] {
  return VEHICLE_CLASSES.filter((c) => SIZE_RANK[c] < SIZE_RANK[cls]);
}

/** Vans only: what "no truck access" leaves. */
export function vansOnly(): VehicleClass[] {
  return VEHICLE_CLASSES.filter((c) => SIZE_RANK[c] === 0);
}

/** Classes in both lists, in the canonical order. */
export function intersect(a: readonly VehicleClass[], b: readonly VehicleClass[]): VehicleClass[] {
  return VEHICLE_CLASSES.filter((c) => a.includes(c) && b.includes(c));
}
