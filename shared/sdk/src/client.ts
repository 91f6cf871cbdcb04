import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { LoginDocument, LogoutDocument, RefreshSessionDocument } from './generated.ts';

/** A GraphQL error as the gateway reports it; `code` is the stable `extensions.code`. */
export interface ApiError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export class EContractError extends Error {
  override name = 'EContractError';
  readonly code: string;

  constructor(
    readonly errors: ApiError[],
    readonly status: number,
  ) {
    super(errors.map((error) => error.message).join('; ') || `HTTP ${status}`);
    this.code = errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  }
}

export interface EContractClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  accessToken?: string;
  fetch?: typeof fetch;
}

/** Typed client for partner apps: every generated `…Document` fixes its variables and result. */
export class EContractClient {
  private accessToken: string | undefined;
  private refreshToken: string | undefined;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: EContractClientOptions) {
    this.accessToken = options.accessToken;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Signs in and keeps the access token for the following requests. */
  async login(loginId: string, password: string) {
    const { login } = await this.request(LoginDocument, { loginId, password });
    this.accessToken = login.accessToken;
    this.refreshToken = login.refreshToken;
    return login;
  }

  /** Trades the kept refresh token for new tokens (each refresh token is good once). */
  async refresh() {
    if (!this.refreshToken) throw new EContractError([{ message: 'Not signed in.', extensions: { code: 'UNAUTHENTICATED' } }], 401);
    const { refreshSession } = await this.request(RefreshSessionDocument, { refreshToken: this.refreshToken });
    this.accessToken = refreshSession.accessToken;
    this.refreshToken = refreshSession.refreshToken;
    return refreshSession;
  }

  /** Ends the sign-in on the server and forgets the tokens. */
  async logout() {
    await this.request(LogoutDocument);
    this.accessToken = undefined;
    this.refreshToken = undefined;
  }

  setAccessToken(token: string | undefined) {
    this.accessToken = token;
  }

  /** Runs one operation; any GraphQL error rejects with an EContractError carrying its code. */
  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<TResult> {
    const response = await this.fetchFn(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: TResult | null; errors?: ApiError[] };
    if (body.errors?.length || !body.data) throw new EContractError(body.errors ?? [], response.status);
    return body.data;
  }
}
