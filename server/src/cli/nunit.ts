/**
 * The NUnit report (`--format nunit`), in the NUnit 2.5 schema that PSRule's NUnit3 output writes and Azure
 * Pipelines' "Publish Test Results" task reads: a test fixture per registry a file reports on, a test case per rule
 * (`<registry> -- <rule id>`). Unlike PSRule's, the fixtures sit in one suite, as the schema asks. A finding is a
 * failure, one that cannot be verified before deployment is inconclusive, a suppressed one is ignored (with its
 * reason), and a registry the file declares that passes is a success. Each file's fixtures are rendered as it is
 * scanned (on a worker thread too); the document's totals come first, so the report is written when the scan ends.
 */
import { hostname, platform, release, userInfo } from 'node:os';
import { findRule } from '../core/rules/index';
import type { ResourceModel } from '../core/model/resource';
import type { PassedCheck } from '../core/analysis/passedChecks';
import type { DiscoveredFile } from './discover';
import type { Positions } from './formats';
import type { RuleFinding } from '../core/rules/rule';

export interface TestTotals {
  /** test cases run: passed, failed and inconclusive */
  total: number;
  failures: number;
  inconclusive: number;
  /** suppressed: not run */
  ignored: number;
}

/** A file's test fixtures, as XML, with their totals. */
export interface RenderedTests extends TestTotals {
  xml: string;
}

type Outcome = 'Success' | 'Failure' | 'Inconclusive' | 'Ignored';

interface TestCase {
  ruleId: string;
  outcome: Outcome;
  /** the failure's message, or why the case was not run or is inconclusive */
  message?: string;
  /** where the file reports it: `path:line:column` */
  at: string;
}

/** The fixtures of the file `uri`: its findings, its suppressed findings and the checks its own registries pass. */
export function nunitFixtures(
  uri: string,
  file: DiscoveredFile,
  lines: Positions,
  findings: readonly RuleFinding[],
  suppressed: readonly RuleFinding[],
  passed: readonly PassedCheck[],
): RenderedTests {
  const at = (offset: number) => {
    const { line, character } = lines.positionAt(offset);
    return `${file.display}:${line + 1}:${character + 1}`;
  };
  // One fixture per registry and place: a registry declared here by its declaration, one of a module or a linked
  // template by where this file deploys it (two deployments of a module are two fixtures).
  const fixtures = new Map<string, { resource: ResourceModel; place: string; cases: TestCase[] }>();
  const add = (resource: ResourceModel, reportedAt: number, testCase: Omit<TestCase, 'at'>) => {
    const placeOffset = resource.uri === uri ? resource.declarationSpan.start : reportedAt;
    const key = `${resource.uri}\0${resource.declarationSpan.start}\0${placeOffset}`;
    let fixture = fixtures.get(key);
    if (!fixture) {
      fixture = { resource, place: at(placeOffset), cases: [] };
      fixtures.set(key, fixture);
    }
    fixture.cases.push({ ...testCase, at: at(reportedAt) });
  };
  for (const finding of findings) add(finding.resource, finding.span.start, { ruleId: finding.ruleId, outcome: finding.unresolved ? 'Inconclusive' : 'Failure', message: finding.message });
  for (const finding of suppressed) add(finding.resource, finding.span.start, { ruleId: finding.ruleId, outcome: 'Ignored', message: `${finding.message} (${finding.suppression?.reason ?? 'suppressed'})` });
  for (const check of passed) add(check.resource, check.resource.declarationSpan.start, { ruleId: check.ruleId, outcome: 'Success' });

  const totals: TestTotals = { total: 0, failures: 0, inconclusive: 0, ignored: 0 };
  let xml = '';
  for (const { resource, place, cases } of fixtures.values()) {
    for (const testCase of cases) {
      if (testCase.outcome === 'Ignored') totals.ignored++;
      else totals.total++;
      if (testCase.outcome === 'Failure') totals.failures++;
      if (testCase.outcome === 'Inconclusive') totals.inconclusive++;
    }
    xml += fixtureXml(resource.displayName, place, cases);
  }
  return { xml, ...totals };
}

function fixtureXml(target: string, place: string, cases: readonly TestCase[]): string {
  const failures = cases.filter((c) => c.outcome === 'Failure').length;
  const outcome = worstOutcome(cases.map((c) => c.outcome));
  const body = cases.map((testCase) => caseXml(target, testCase)).join('');
  return `<test-suite type="TestFixture" name="${attribute(target)}" description="${attribute(place)}" executed="${outcome !== 'Ignored' ? 'True' : 'False'}" result="${outcome}" success="${succeeded(outcome)}" time="0.000" asserts="${failures}"><results>${body}</results></test-suite>\n`;
}

function caseXml(target: string, testCase: TestCase): string {
  const rule = findRule(testCase.ruleId)?.metadata;
  const name = `${target} -- ${testCase.ruleId}`;
  const head = `<test-case name="${attribute(name)}" description="${attribute(rule?.synopsis ?? '')}" executed="${testCase.outcome === 'Ignored' ? 'False' : 'True'}" result="${testCase.outcome}" success="${succeeded(testCase.outcome)}" time="0.000" asserts="0"`;
  if (testCase.outcome === 'Success') return `${head} />`;
  const message = `${testCase.message ?? ''}${rule ? `\n${rule.docsUrl}` : ''}`;
  if (testCase.outcome === 'Failure') {
    return `${head}><failure><message>${cdata(message)}</message><stack-trace>${cdata(`at ${testCase.at}`)}</stack-trace></failure></test-case>`;
  }
  return `${head}><reason><message>${cdata(`${message}\nat ${testCase.at}`)}</message></reason></test-case>`;
}

/** A suite fails when a case fails; else it is inconclusive when one is; it is ignored only when every case is. */
function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('Failure')) return 'Failure';
  if (outcomes.includes('Inconclusive')) return 'Inconclusive';
  return outcomes.every((o) => o === 'Ignored') ? 'Ignored' : 'Success';
}

const succeeded = (outcome: Outcome) => (outcome === 'Success' || outcome === 'Ignored' ? 'True' : 'False');

/**
 * The whole document: its totals, where it ran, and every file's fixtures in one suite; files the scan could not
 * read or analyse (`errors`, which also make the exit code 2) are errors of a last fixture, so the report does not
 * look complete without them.
 */
export function nunitDocument(fixtures: readonly string[], totals: TestTotals, started: Date, elapsedMs: number, cwd: string, errors: readonly string[] = []): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())}`;
  const time = `${pad(started.getHours())}:${pad(started.getMinutes())}:${pad(started.getSeconds())}`;
  const outcome: Outcome | 'Error' = errors.length > 0 ? 'Error' : totals.failures > 0 ? 'Failure' : totals.inconclusive > 0 ? 'Inconclusive' : 'Success';
  const errorCases = errors.map((error) => `<test-case name="${attribute(error)}" executed="True" result="Error" success="False" time="0.000" asserts="0"><failure><message>${cdata(error)}</message><stack-trace>${cdata('')}</stack-trace></failure></test-case>`);
  const errorFixture = errors.length > 0 ? `<test-suite type="TestFixture" name="acr-guard scan errors" executed="True" result="Error" success="False" time="0.000" asserts="0"><results>${errorCases.join('')}</results></test-suite>\n` : '';
  const seconds = (elapsedMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n',
    `<test-results xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="nunit_schema_2.5.xsd" name="acr-guard" total="${totals.total + errors.length}" errors="${errors.length}" failures="${totals.failures}" not-run="${totals.ignored}" inconclusive="${totals.inconclusive}" ignored="${totals.ignored}" skipped="0" invalid="0" date="${date}" time="${time}">\n`,
    `<environment nunit-version="2.5.8.0" clr-version="${attribute(`Node.js ${process.version}`)}" os-version="${attribute(release())}" platform="${attribute(platform())}" cwd="${attribute(cwd)}" machine-name="${attribute(hostname())}" user="${attribute(userName())}" user-domain="" />\n`,
    '<culture-info current-culture="" current-uiculture="" />\n',
    `<test-suite type="TestSuite" name="acr-guard" executed="True" result="${outcome}" success="${outcome === 'Error' ? 'False' : succeeded(outcome)}" time="${seconds}" asserts="${totals.failures}"><results>\n`,
    ...fixtures,
    errorFixture,
    '</results></test-suite>\n</test-results>\n',
  ].join('');
}

/** The user running the scan; a container may have none in its user database. */
function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** Characters XML 1.0 cannot hold at all (most control characters, lone surrogates): dropped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function attribute(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Text as CDATA: a `]]>` inside is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
