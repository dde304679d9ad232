/**
 * union() over an object that is not known (a parameter without a value, reference()): the members the objects after
 * it set are known of the result, since they win whatever it holds; nothing else is, and nothing else uses them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, plain } from './testScope';

const unknownProps = "reference('r')";
const result = (expression: string) => plain(evaluate(expression).value);
const deploymentTime = 'unknown: reference() is evaluated at deployment time';

test('members set after the unknown argument are known, nested ones too; the rest stays unknown', () => {
  const union = `union(${unknownProps}, createObject('publicNetworkAccess', 'Disabled', 'policies', createObject('exportPolicy', createObject('status', 'disabled'))))`;
  assert.equal(result(`[${union}.publicNetworkAccess]`), 'Disabled');
  assert.equal(result(`[${union}.policies.exportPolicy.status]`), 'disabled');
  assert.equal(result(`[${union}['policies']['exportPolicy']['status']]`), 'disabled');
  // The unknown object may add members beside the known ones, at any depth.
  assert.equal(result(`[${union}.policies.quarantinePolicy]`), deploymentTime);
  assert.equal(result(`[${union}.adminUserEnabled]`), deploymentTime);
  // As a whole it is unknown.
  assert.equal(result(`[${union}]`), deploymentTime);
});

test('an unknown argument after a known object hides what that object set; a later one sets it again', () => {
  assert.equal(result(`[union(createObject('a', 'x'), ${unknownProps}).a]`), deploymentTime);
  assert.equal(result(`[union(createObject('a', 'x'), ${unknownProps}, createObject('a', 'y')).a]`), 'y');
  assert.equal(result(`[union(${unknownProps}, createObject('a', 'x'), reference('s'), createObject('b', 'y')).a]`), deploymentTime);
  // What an earlier partly known union knows carries into a union that takes it as its unknown argument.
  assert.equal(result(`[union(union(${unknownProps}, createObject('a', 'x')), createObject('b', 'y')).a]`), 'x');
});

test('what is known of the object is not known of another value that is unknown because of it', () => {
  const union = `union(${unknownProps}, createObject('a', createObject('b', 'x')))`;
  // string() and json() are unknown because the union is: their result is no longer that object.
  assert.equal(result(`[json(string(${union})).a.b]`), deploymentTime);
  assert.equal(result(`[first(createArray(${union})).a.b]`), 'x');
  assert.equal(result(`[length(${union})]`), deploymentTime);
  assert.equal(result(`[if(equals(${union}, createObject()), 'one', 'two')]`), deploymentTime);
  // Not objects all: union() of an unknown with an array knows nothing.
  assert.equal(result(`[union(${unknownProps}, createArray('a'))]`), deploymentTime);
});
