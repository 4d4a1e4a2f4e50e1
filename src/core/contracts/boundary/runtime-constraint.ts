import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, json, looseString, versionAsGiven } from './boundary-fields.js';

/** A named runtime constraint. Carried as data; the reference node never evaluates it. */
export const RuntimeConstraintSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    name: looseString('name'),
    value: json('value', null),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded runtime constraint. */
export type RuntimeConstraint = z.output<typeof RuntimeConstraintSchema>;
