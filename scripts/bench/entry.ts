/** The entry of the bundle bench.ts injects into each page: the harness over our stages. */
import { install } from './harness';
import { wire } from './wire';

install(wire());
