import type { Statement } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import type { Context } from "../context";

export interface StepOptions {
  chunkSize: number;
}

export interface StepChunk {
  statements: Statement[];
  /** Last key written; the step continues after it. */
  cursor: string;
  /** Areas (or other units) finished by this chunk, for progress reports. */
  units: number;
}

/**
 * One stage of a recompute. `next` does one chunk of work after `cursor` and returns its
 * writes, which the driver commits together with the new cursor in one transaction; null
 * when the step has nothing left.
 */
export interface Step {
  name: string;
  next(db: Db, ctx: Context, version: number, cursor: string | null, opts: StepOptions): Promise<StepChunk | null>;
}
