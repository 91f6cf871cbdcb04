// Plain JavaScript on purpose: it runs first, before the TypeScript hooks and on any old Node.

/** The oldest Node.js the workspace runs on (`engines.node` in package.json says the same). */
export const REQUIRED_NODE = { major: 22, minor: 12 };

/**
 * What is wrong with running on Node `version` (e.g. `v20.20.2` or `20.20.2`), in English and Korean;
 * undefined when it is new enough.
 * @param {string} version
 * @returns {string | undefined}
 */
export function nodeVersionProblem(version) {
  const match = /^v?(\d+)\.(\d+)\./.exec(version);
  const major = match ? Number(match[1]) : 0;
  const minor = match ? Number(match[2]) : 0;
  if (major > REQUIRED_NODE.major || (major === REQUIRED_NODE.major && minor >= REQUIRED_NODE.minor)) return undefined;
  const needed = `${REQUIRED_NODE.major}.${REQUIRED_NODE.minor}`;
  return [
    `This project needs Node.js >= ${needed} (24 LTS recommended); this is Node.js ${version}.`,
    'Install it with nvm (`nvm install 24`), fnm (`fnm use`) or Volta (`volta install node@24`), or without a',
    'version manager: README.md, section "Getting Node.js 24 on an older machine".',
    `이 프로젝트는 Node.js ${needed} 이상(권장: 24 LTS)이 필요합니다. 지금은 Node.js ${version}입니다.`,
    '설치 방법은 README.md의 "Getting Node.js 24 on an older machine"을 보세요.',
  ].join('\n');
}

/** Stops the process with the message above when this Node.js is too old. */
export function exitUnlessSupportedNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
