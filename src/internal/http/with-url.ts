import { invalidOptions } from '../../core/errors.js';
import { describeValue } from '../describe-value.js';

/**
 * The one options object of an entry point that takes the URL first (`request(url, options)`,
 * `stream(url, options)`): a copy of `options` with `url` in it, as the lane's payload takes it.
 */
export function withUrl(url: unknown, options: unknown, entry: string): object {
  if (options === undefined) return { url };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOptions('options', 'an object', describeValue(options), entry);
  }
  return { ...options, url };
}
