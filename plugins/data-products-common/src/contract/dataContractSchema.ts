import { odcsApiVersions, odcsLogicalTypes } from './DataContract';

/*
 * Meshwork's JSON schema for the parts of ODCS v3 it models: required where
 * ODCS (any v3 version) requires, typed where the model relies on a type.
 * Unlike the official schema, unknown fields are allowed everywhere, since
 * ODCS is extended in practice and the model keeps them as extensions.
 */

const text = { type: 'string' };
const nonEmptyText = { type: 'string', minLength: 1 };
const flag = { type: 'boolean' };
const tags = { type: 'array', items: text };
const range = {
  type: 'array',
  items: { type: 'number' },
  minItems: 2,
  maxItems: 2,
};

const qualityRule = {
  type: 'object',
  properties: {
    id: text,
    name: text,
    type: { enum: ['library', 'sql', 'custom', 'text'] },
    metric: text,
    rule: text,
    dimension: {
      enum: [
        'accuracy',
        'completeness',
        'conformity',
        'consistency',
        'coverage',
        'timeliness',
        'uniqueness',
      ],
    },
    severity: text,
    description: text,
    query: text,
    engine: text,
    unit: text,
    mustBeGreaterThan: { type: 'number' },
    mustBeGreaterOrEqualTo: { type: 'number' },
    mustBeLessThan: { type: 'number' },
    mustBeLessOrEqualTo: { type: 'number' },
    mustBeBetween: range,
    mustNotBeBetween: range,
  },
  allOf: [
    {
      // v3.0.x names library checks `rule`, v3.1.0 `metric`; either will do.
      if: { properties: { type: { const: 'library' } }, required: ['type'] },
      then: { anyOf: [{ required: ['metric'] }, { required: ['rule'] }] },
    },
    {
      if: { properties: { type: { const: 'sql' } }, required: ['type'] },
      then: { required: ['query'] },
    },
    {
      if: { properties: { type: { const: 'custom' } }, required: ['type'] },
      then: { required: ['engine', 'implementation'] },
    },
  ],
};

/** A count of characters, items or properties. */
const size = { type: 'integer', minimum: 0 };

const propertyFields = {
  id: text,
  name: nonEmptyText,
  physicalName: text,
  logicalType: { enum: [...odcsLogicalTypes] },
  physicalType: text,
  businessName: text,
  description: text,
  required: flag,
  unique: flag,
  primaryKey: flag,
  primaryKeyPosition: { type: 'integer' },
  partitioned: flag,
  partitionKeyPosition: { type: 'integer' },
  criticalDataElement: flag,
  classification: text,
  tags,
  examples: { type: 'array' },
  // As ODCS types them, where the diff compares them; bounds are typed
  // with the logical type (numberBounds): a date's are text.
  logicalTypeOptions: {
    type: 'object',
    properties: {
      enum: { type: 'array' },
      minLength: size,
      maxLength: size,
      minItems: size,
      maxItems: size,
      minProperties: size,
      maxProperties: size,
      multipleOf: { type: 'number', exclusiveMinimum: 0 },
      uniqueItems: flag,
      pattern: text,
      format: text,
      required: { type: 'array', items: text },
    },
  },
  quality: { type: 'array', items: { $ref: '#/definitions/qualityRule' } },
  properties: { type: 'array', items: { $ref: '#/definitions/property' } },
  items: { $ref: '#/definitions/items' },
};

const bound = { type: 'number' };
/** An exclusive bound: a value of its own (v3.1), or v3.0's flag on the bound. */
const exclusiveBound = { type: ['number', 'boolean'] };

/**
 * A number's or integer's bounds are numbers, as ODCS types them: text such
 * as "100" would otherwise be compared as text, or read as a date.
 */
const numberBounds = {
  // Options that are no object are reported once, by propertyFields.
  if: {
    properties: {
      logicalType: { enum: ['number', 'integer'] },
      logicalTypeOptions: { type: 'object' },
    },
    required: ['logicalType'],
  },
  then: {
    properties: {
      logicalTypeOptions: {
        type: 'object',
        properties: {
          minimum: bound,
          maximum: bound,
          exclusiveMinimum: exclusiveBound,
          exclusiveMaximum: exclusiveBound,
        },
      },
    },
  },
};

const teamMember = {
  type: 'object',
  properties: {
    username: text,
    name: text,
    role: text,
    description: text,
    dateIn: text,
    dateOut: text,
    replacedByUsername: text,
  },
};

export const dataContractSchema = {
  $id: 'DataContract',
  type: 'object',
  required: ['apiVersion', 'kind', 'id', 'version', 'status'],
  properties: {
    apiVersion: { enum: [...odcsApiVersions] },
    kind: { enum: ['DataContract'] },
    id: nonEmptyText,
    version: nonEmptyText,
    status: nonEmptyText,
    name: text,
    domain: text,
    dataProduct: text,
    tenant: text,
    tags,
    description: {
      type: 'object',
      properties: { purpose: text, usage: text, limitations: text },
    },
    schema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          id: text,
          name: nonEmptyText,
          physicalName: text,
          logicalType: { enum: ['object'] },
          physicalType: text,
          businessName: text,
          description: text,
          tags,
          properties: {
            type: 'array',
            items: { $ref: '#/definitions/property' },
          },
          quality: {
            type: 'array',
            items: { $ref: '#/definitions/qualityRule' },
          },
        },
      },
    },
    // Where the data is: the diff matches servers by `server` and compares
    // their fields as written, whatever their type.
    servers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['server', 'type'],
        properties: { server: nonEmptyText, type: nonEmptyText },
      },
    },
    slaDefaultElement: text,
    slaProperties: {
      type: 'array',
      items: {
        type: 'object',
        required: ['property', 'value'],
        properties: {
          property: nonEmptyText,
          value: { type: ['string', 'number', 'boolean', 'null'] },
          unit: text,
          element: text,
          driver: text,
          description: text,
        },
      },
    },
    support: {
      type: 'array',
      items: {
        type: 'object',
        required: ['channel'],
        properties: {
          channel: text,
          tool: text,
          scope: text,
          url: text,
          description: text,
        },
      },
    },
    // v3.0.x: a list of members; v3.1.0: an object with `members`.
    team: {
      if: { type: 'array' },
      then: { type: 'array', items: teamMember },
      else: {
        type: 'object',
        properties: {
          name: text,
          description: text,
          members: { type: 'array', items: teamMember },
        },
      },
    },
  },
  definitions: {
    qualityRule,
    property: {
      type: 'object',
      required: ['name'],
      properties: propertyFields,
      ...numberBounds,
    },
    items: { type: 'object', properties: propertyFields, ...numberBounds },
  },
};
