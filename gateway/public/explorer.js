// GraphiQL wired to this gateway, with the access token kept in localStorage and sent as a Bearer header.
(function () {
  var TOKEN_KEY = 'econtract.accessToken';
  var tokenInput = document.getElementById('token');
  var status = document.getElementById('auth-status');
  // The same choice the gateway makes from Accept-Language: Korean when the browser ranks it first.
  var korean = /^ko\b/i.test(navigator.language || '');
  function say(en, ko) { status.textContent = korean ? ko : en; }

  function post(body, token) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(body) }).then(function (r) { return r.json(); });
  }
  function firstError(result) { return (result && result.errors && result.errors[0] && result.errors[0].message) || ''; }

  function signedIn(loginId) { say('Signed in as ' + loginId + ': requests carry your token.', loginId + '(으)로 로그인됨: 요청에 토큰을 붙입니다.'); }
  function anonymous() { say('Anonymous: requests carry no token.', '로그인 안 됨: 토큰 없이 요청합니다.'); }

  var checks = 0;
  var checkedToken = null;
  var tokenChecked = Promise.resolve();
  // A pasted or remembered token is kept only once the gateway accepts it, so a rejected or expired
  // one never shows as signed in; queries run meanwhile wait for the answer.
  function checkToken(token) {
    var check = ++checks;
    checkedToken = token;
    tokenInput.value = token;
    localStorage.removeItem(TOKEN_KEY);
    if (!token) { anonymous(); tokenChecked = Promise.resolve(); return; }
    say('Checking the token…', '토큰 확인 중…');
    tokenChecked = post({ query: '{ viewer { id loginId } }' }, token).then(function (result) {
      if (check !== checks) return;
      var viewer = result.data && result.data.viewer;
      if (viewer) { localStorage.setItem(TOKEN_KEY, token); signedIn(viewer.loginId); return; }
      var reason = firstError(result);
      say('Token rejected: ' + (reason || 'the gateway did not accept it.') + ' Requests carry no token.',
        '토큰이 거부되었습니다: ' + (reason || '게이트웨이가 받아들이지 않았습니다.') + ' 토큰 없이 요청합니다.');
    }, function () {
      if (check !== checks) return;
      say('Could not check the token: the gateway did not answer. Requests carry no token.', '토큰을 확인하지 못했습니다: 게이트웨이가 응답하지 않습니다. 토큰 없이 요청합니다.');
    });
  }
  // Leaving the field fires `change` again for the same text; one check per token is enough.
  tokenInput.addEventListener('change', function () { if (tokenInput.value.trim() !== checkedToken) checkToken(tokenInput.value.trim()); });
  checkToken(localStorage.getItem(TOKEN_KEY) || '');

  document.getElementById('auth').addEventListener('submit', function (event) {
    event.preventDefault();
    var loginId = document.getElementById('loginId').value;
    var password = document.getElementById('password').value;
    checks++;
    say('Signing in…', '로그인 중…');
    post({
      query: 'mutation SignIn($loginId: String!, $password: String!) { login(loginId: $loginId, password: $password) { accessToken user { loginId } } }',
      variables: { loginId: loginId, password: password },
    }).then(function (result) {
      var login = result.data && result.data.login;
      if (login) {
        checkedToken = login.accessToken;
        // Just issued by the gateway itself: no need to ask it again.
        localStorage.setItem(TOKEN_KEY, login.accessToken);
        tokenInput.value = login.accessToken;
        document.getElementById('password').value = '';
        signedIn(login.user.loginId);
      } else say(firstError(result) || 'Sign-in failed.', firstError(result) || '로그인하지 못했습니다.');
    }, function () { say('Sign-in failed: the gateway did not answer.', '로그인하지 못했습니다: 게이트웨이가 응답하지 않습니다.'); });
  });
  document.getElementById('sign-out').addEventListener('click', function () { checkToken(''); });

  function fetcher(params) { return tokenChecked.then(function () { return post(params, localStorage.getItem(TOKEN_KEY)); }); }

  var defaultQuery = '# Sign in above (demo logins are in the README), then run:\n' +
    'query Overview {\n  viewer { id loginId name company { id name } }\n  plans { code name priceKrw }\n  documentCategories { id name }\n}\n';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, shouldPersistHeaders: false }));
})();
