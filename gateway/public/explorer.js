// GraphiQL wired to this gateway, with the access token kept in localStorage and sent as a Bearer header.
(function () {
  var TOKEN_KEY = 'econtract.accessToken';
  var tokenInput = document.getElementById('token');
  var status = document.getElementById('auth-status');
  tokenInput.value = localStorage.getItem(TOKEN_KEY) || '';
  tokenInput.addEventListener('change', function () { saveToken(tokenInput.value.trim()); });

  function saveToken(token) {
    if (token) localStorage.setItem(TOKEN_KEY, token); else localStorage.removeItem(TOKEN_KEY);
    tokenInput.value = token;
    status.textContent = token ? 'Signed in: requests carry your token.' : 'Anonymous.';
  }
  saveToken(tokenInput.value);

  function post(body, token) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(body) }).then(function (r) { return r.json(); });
  }

  document.getElementById('auth').addEventListener('submit', function (event) {
    event.preventDefault();
    var loginId = document.getElementById('loginId').value;
    var password = document.getElementById('password').value;
    status.textContent = 'Signing in…';
    post({
      query: 'mutation SignIn($loginId: String!, $password: String!) { login(loginId: $loginId, password: $password) { accessToken } }',
      variables: { loginId: loginId, password: password },
    }).then(function (result) {
      if (result.data && result.data.login) { saveToken(result.data.login.accessToken); document.getElementById('password').value = ''; }
      else status.textContent = (result.errors && result.errors[0] && result.errors[0].message) || 'Sign-in failed.';
    });
  });
  document.getElementById('sign-out').addEventListener('click', function () { saveToken(''); });

  function fetcher(params) { return post(params, localStorage.getItem(TOKEN_KEY)); }

  var defaultQuery = '# Sign in above (demo logins are in the README), then run:\n' +
    'query Overview {\n  viewer { id loginId name company { id name } }\n  plans { code name priceKrw }\n  documentCategories { id name }\n}\n';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, shouldPersistHeaders: false }));
})();
