import { truncateUtf8 } from '../internal/utf8.js';
import { BoundedCollector } from './bounded-collector.js';

/** Collects decoded text up to `maxBytes` UTF-8 bytes, cut at a character boundary past the limit. */
export class TextCollector extends BoundedCollector<string> {
  /** Adds `text`, whose UTF-8 size is `bytes`. */
  override push(text: string, bytes: number): void {
    super.push(text, bytes);
  }

  protected cut(text: string, room: number): string {
    return truncateUtf8(text, room);
  }

  protected join(parts: readonly string[]): string {
    return parts.join('');
  }

  /** The collected text. */
  text(): string {
    return this.collected() ?? '';
  }
}
