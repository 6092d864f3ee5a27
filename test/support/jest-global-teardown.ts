import { removeRunTemp } from './jest-temp';

/** jest globalTeardown: removes the run's temp folder. */
export default function globalTeardown(): void {
  removeRunTemp();
}
