import { Migration20261124000001 } from './Migration20261124000001.ts';
import { Migration20261124000002 } from './Migration20261124000002.ts';
import { Migration20261124000003 } from './Migration20261124000003.ts';
import { Migration20261124000004 } from './Migration20261124000004.ts';
import { Migration20261130120000 } from './Migration20261130120000.ts';
import { Migration20261212000001 } from './Migration20261212000001.ts';

/** Applied in this order at start-up; append, never edit one that has shipped. */
export const migrations = [
  Migration20261124000001,
  Migration20261124000002,
  Migration20261124000003,
  Migration20261124000004,
  Migration20261130120000,
  Migration20261212000001,
];
