import type { LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';

/** Counts the SQL statements an ORM sends, so tests can prove a list does not grow its query count. */
export class SqlStatementCounter implements OrmLogger {
  count = 0;
  log() {}
  error() {}
  warn() {}
  logQuery(context: LogContext) {
    if (context.level !== 'error') this.count++;
  }
  setDebugMode() {}
  isEnabled(namespace: LoggerNamespace) {
    return namespace === 'query';
  }
}
