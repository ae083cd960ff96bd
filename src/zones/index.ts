/** Low-emission zones: which vehicle may serve which order, and which legs cross a zone. */
export { zoneWarnings } from './crossings.ts';
export { euroRank, nonCompliance, refusal, ruleLabel, zoneLabel } from './emission.ts';
export { finishRoutes } from './finishRoutes.ts';
export { withZoneRules, zoneRestrictions, zoneTest } from './restrictions.ts';
