import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, formatError, InternalCallError, KOREAN_MESSAGE_EXTENSION, msg } from './errors.ts';

const formatted = (error: GraphQLError) => formatError(error.toJSON(), error);

describe('formatError', () => {
  it('passes a coded refusal through with both languages', () => {
    const refusal = new GraphQLError('x', { originalError: new AppError(ErrorCode.CONFLICT, msg('Taken.', '이미 있습니다.')) });
    const answer = formatError(new AppError(ErrorCode.CONFLICT, msg('Taken.', '이미 있습니다.')).toJSON(), refusal);
    expect(answer.extensions).toMatchObject({ code: 'CONFLICT', [KOREAN_MESSAGE_EXTENSION]: '이미 있습니다.' });
  });

  it('answers a sibling service that did not answer as SERVICE_UNAVAILABLE, retryable, without its internals', () => {
    const error = new GraphQLError('internal call usage.consume failed: UND_ERR_HEADERS_TIMEOUT', {
      originalError: new InternalCallError('internal call usage.consume failed: UND_ERR_HEADERS_TIMEOUT', true),
      path: ['completeContract'],
    });
    const answer = formatted(error);
    expect(answer.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(answer.message).not.toMatch(/usage\.consume|UND_ERR/);
    expect(answer.path).toEqual(['completeContract']);
  });

  it('masks any other fault as INTERNAL_SERVER_ERROR', () => {
    const answer = formatted(new GraphQLError('relation "x" does not exist', { originalError: new Error('relation "x" does not exist') }));
    expect(answer.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(answer.message).not.toMatch(/relation/);
  });
});
