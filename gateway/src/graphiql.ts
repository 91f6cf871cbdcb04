import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** Files GraphiQL needs, all from npm packages in node_modules: the page works with no internet. */
const ASSETS: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  'explorer.js': path.resolve(import.meta.dirname, '../public/explorer.js'),
  'explorer.css': path.resolve(import.meta.dirname, '../public/explorer.css'),
};

const PAGE = `<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <title>E-Contract API explorer</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <link rel="stylesheet" href="/graphiql/assets/explorer.css">
</head>
<body>
  <form id="auth" autocomplete="off">
    <strong>E-Contract API</strong>
    <label>Access token <input id="token" name="token" type="password" placeholder="Paste an access token, or sign in"></label>
    <span class="or">or</span>
    <input id="loginId" name="loginId" placeholder="Login ID" autocomplete="username">
    <input id="password" name="password" type="password" placeholder="Password" autocomplete="current-password">
    <button id="sign-in" type="submit">Sign in</button>
    <button id="sign-out" type="button">Clear</button>
    <span id="auth-status" role="status"></span>
  </form>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/explorer.js"></script>
</body>
</html>`;

export function mountGraphiql(app: Express): void {
  app.get('/graphiql', (_req, res) => {
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:",
    );
    res.type('html').send(PAGE);
  });
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.get('/graphiql/assets/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    // Unknown asset: the JSON 404 every server answers.
    if (!file) return next();
    // pnpm keeps packages under node_modules/.pnpm; the names are our fixed list, never the caller's path.
    res.sendFile(file, { maxAge: '1h', dotfiles: 'allow' });
  });
}

export const graphiqlRouter = express.Router;
