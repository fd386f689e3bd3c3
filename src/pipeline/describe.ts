import { z } from 'zod';
import { STAGES } from './registry.js';

interface JsonSchemaProp {
  type?: string | string[];
  default?: unknown;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchemaProp[];
  items?: JsonSchemaProp;
}

function typeOf(p: JsonSchemaProp): string {
  if (p.enum) return p.enum.map(String).join('|');
  if (p.const !== undefined) return JSON.stringify(p.const);
  if (p.anyOf) return p.anyOf.map(typeOf).join('|');
  if (p.type === 'array') return `list of ${p.items ? typeOf(p.items) : 'values'}`;
  if (Array.isArray(p.type)) return p.type.join('|');
  return p.type ?? 'value';
}

/** Every stage's parameters with type, default and meaning, generated from the schemas (the single source). */
export function stageParameterDocs(): { stage: string; summary: string; params: { name: string; type: string; default: unknown; description: string }[] }[] {
  return STAGES.map((s) => {
    const schema = z.toJSONSchema(s.params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchemaProp> };
    const params = Object.entries(schema.properties ?? {}).map(([name, p]) => ({ name, type: typeOf(p), default: p.default, description: p.description ?? '' }));
    return { stage: s.name, summary: s.summary, params };
  });
}

export function describeStages(): string {
  const lines: string[] = [];
  for (const s of stageParameterDocs()) {
    lines.push(`${s.stage}: ${s.summary}`);
    for (const p of s.params) lines.push(`  ${p.name} (${p.type}, default ${JSON.stringify(p.default)}): ${p.description}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
