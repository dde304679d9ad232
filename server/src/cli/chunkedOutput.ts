// The CLI's report output: pieces of text in, chunks of UTF-8 out.
import { closeSync, openSync, writeSync } from 'node:fs';

/** Bytes gathered before a write. */
export const CHUNK_BYTES = 1 << 20;

/**
 * The report's pieces encoded straight into a buffer of about a megabyte, written when full: few writes, one copy of
 * each piece (joining the pieces into a string and encoding that took eight times as long), and never one string
 * the size of the report. A failed write is kept, not thrown (it may happen while worker threads are still
 * reporting): `close` returns it.
 */
export class ChunkedOutput {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private failure: Error | undefined;

  /** `sink` writes the bytes before it returns, or copies them: the buffer is reused. */
  constructor(
    private readonly sink: (bytes: Uint8Array) => void,
    private readonly release: () => void = () => undefined,
  ) {}

  static toFile(path: string): ChunkedOutput {
    const descriptor = openSync(path, 'w');
    const sink = (bytes: Uint8Array) => {
      for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written);
    };
    return new ChunkedOutput(sink, () => closeSync(descriptor));
  }

  /** A stream may keep the bytes it is given until it can write them: it gets a copy of each chunk. */
  static toStream(write: (bytes: Uint8Array) => void): ChunkedOutput {
    return new ChunkedOutput((bytes) => write(Buffer.from(bytes)));
  }

  write(piece: string): void {
    // A UTF-16 unit takes at most three bytes in UTF-8 (a surrogate pair two units and four bytes).
    const most = piece.length * 3;
    if (most > CHUNK_BYTES - this.used) {
      this.flush();
      if (most > CHUNK_BYTES) return this.send(Buffer.from(piece, 'utf8'));
    }
    this.used += this.buffer.write(piece, this.used, 'utf8');
  }

  close(): Error | undefined {
    this.flush();
    try {
      this.release();
    } catch (error) {
      this.failure ??= error as Error;
    }
    return this.failure;
  }

  private flush(): void {
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    if (bytes.length > 0) this.send(bytes);
  }

  private send(bytes: Uint8Array): void {
    if (this.failure) return;
    try {
      this.sink(bytes);
    } catch (error) {
      this.failure = error as Error;
    }
  }
}
