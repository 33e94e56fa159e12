import type { Migration } from 'kysely';
import * as core from './20261126_0001_core.js';
import * as countyPolicy from './20261126_0002_county_policy.js';
import * as ledgers from './20261127_0003_ledgers.js';
import * as cases from './20261127_0004_cases.js';
import * as services from './20261127_0005_services.js';
import * as tally from './20261127_0006_tally.js';
import * as search from './20261127_0007_search.js';
import * as merkleNodes from './20261127_0008_merkle_nodes.js';
import * as publicList from './20261127_0009_public_list.js';
import * as supervision from './20261127_0010_supervision.js';
import * as liaisonStations from './20261127_0011_liaison_stations.js';
import * as inspections from './20261127_0012_inspections.js';

/** Every migration, in order. Files are never edited once landed: add a new one. */
export const migrations: Record<string, Migration> = {
  '20261126_0001_core': core,
  '20261126_0002_county_policy': countyPolicy,
  '20261127_0003_ledgers': ledgers,
  '20261127_0004_cases': cases,
  '20261127_0005_services': services,
  '20261127_0006_tally': tally,
  '20261127_0007_search': search,
  '20261127_0008_merkle_nodes': merkleNodes,
  '20261127_0009_public_list': publicList,
  '20261127_0010_supervision': supervision,
  '20261127_0011_liaison_stations': liaisonStations,
  '20261127_0012_inspections': inspections,
};
