// The JSON Schema generated from the zod schema (`koers schema`): well formed, describing the
// example strategy, committed as schema/strategy.schema.json and kept up to date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { strategyJsonSchema } from '../../../src/domain/strategy/strategy-json-schema.js';
import { schemaProblems, validate } from './json-schema-check.js';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const example = () => parse(read('config/strategy.example.yaml')) as Record<string, unknown>;
const schema = strategyJsonSchema();

describe('the strategy JSON Schema', () => {
  it('is a draft-07 JSON Schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.type).toBe('object');
    expect(schemaProblems(schema)).toEqual([]);
  });

  it('accepts the example strategy', () => {
    expect(validate(schema, example())).toEqual([]);
  });

  it('rejects an unknown key such as maxBuget, as the file loader does', () => {
    const doc = example();
    const roles = doc.roles as Array<{ mandate: Record<string, unknown> }>;
    (roles[0] as { mandate: Record<string, unknown> }).mandate.maxBuget = 1;
    expect(validate(schema, doc)).toEqual(['$.roles[0].mandate.maxBuget: not allowed']);
  });

  it('rejects a wrong type and a missing section', () => {
    const { decisionLines: _, ...doc } = example();
    (doc.exploration as Record<string, unknown>).maxBudget = 'veel';
    expect(validate(schema, doc)).toEqual([
      '$.decisionLines: required',
      '$.exploration.maxBudget: expected number, got string',
    ]);
  });

  it('is committed as schema/strategy.schema.json, exactly as `koers schema` prints it', () => {
    expect(read('schema/strategy.schema.json')).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });

  it('is what the example strategy points editors to', () => {
    const firstLine = read('config/strategy.example.yaml').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../schema/strategy.schema.json');
    const target = new URL('../schema/strategy.schema.json', new URL('config/strategy.example.yaml', ROOT));
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual(schema);
  });
});
