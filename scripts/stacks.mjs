// The stacks' ports and database names, from scripts/stacks.json (the one port map).
import { readFileSync } from 'node:fs';

const MAP = JSON.parse(readFileSync(new URL('./stacks.json', import.meta.url), 'utf8'));

/**
 * A stack by name: { name, databasePrefix, ports: {service: port}, management: {service: port},
 * url(service), managementUrl(service) }. Unknown names throw.
 */
export function stack(name) {
  const spec = MAP.stacks[name];
  if (!spec) throw new Error(`unknown stack '${name}' (stacks: ${Object.keys(MAP.stacks).join(', ')})`);
  const ports = Object.fromEntries(MAP.services.map((service, i) => [service, spec.base + i]));
  const management = Object.fromEntries(MAP.services.map((service) => [service, ports[service] + MAP.managementOffset]));
  return {
    name,
    databasePrefix: spec.databasePrefix,
    ports,
    management,
    url: (service) => `http://127.0.0.1:${ports[service]}`,
    managementUrl: (service) => `http://127.0.0.1:${management[service]}`,
  };
}

export const MANAGEMENT_OFFSET = MAP.managementOffset;
