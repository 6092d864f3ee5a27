import { redirectTemp } from './jest-temp';

/** jest globalSetup: runs in the parent process before any worker starts, so workers inherit TMPDIR. */
export default function globalSetup(): void {
  redirectTemp();
}
