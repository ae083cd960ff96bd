/**
 * The documented numbers of the feedback → constraint rules (src/feedback/README.md explains
 * each). One place, so the README, the code and the tests agree.
 */
export const LEARNING_RULES = {
  /** odd_sequence: virtual metres added to the leg per report… */
  oddSequencePenaltyMetres: 2000,
  /** …up to this much (five reports). */
  oddSequenceMaxPenaltyMetres: 10_000,
  /** too_many_stops without a number: the cap becomes this share of the route's stops (rounded down, at least one fewer). */
  tooManyStopsFactor: 0.9,
  /** service_time: the customer's time is the plain mean of this many latest reports. */
  serviceTimeSamples: 10,
  /** blocked_leg near a point: legs up to this long whose straight line passes within the radius are forbidden. */
  nearPointMaxLegKm: 5,
  /** …at most this many legs per constraint and plan (the closest ones are kept). */
  nearPointMaxArcs: 2000,
} as const;
