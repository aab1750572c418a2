import { rmSync } from 'node:fs';
import { FIGURES_FILE } from './chaos-stack';

/** A fresh figures file for this run. */
export default function setup(): void {
  rmSync(FIGURES_FILE, { force: true });
}
