/**
 * Keys that carry provider, model or budget semantics. The Execution Plane owns lower runtime
 * facts only, so scenarios, evidence boundaries and no-egress policies refuse them whatever
 * their value.
 */
export const SEMANTIC_POLICY_KEYS = [
  'provider_refs',
  'model_refs',
  'budget_profile_ref',
  'meter_profile_ref',
  'semantic_policy',
  'cost_policy',
] as const;
