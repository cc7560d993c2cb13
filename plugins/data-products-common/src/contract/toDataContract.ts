import type {
  ContractDescription,
  DataContract,
  Extensions,
  PropertyDefinition,
  QualityRule,
  SchemaObject,
  SchemaProperty,
  SlaProperty,
  SupportChannel,
  Team,
  TeamMember,
} from './DataContract';
import { isPii } from './isPii';

/** A document whose structure `dataContractSchema` has already checked. */
type Doc = Record<string, any>;

/** Everything the model has no field for, so that nothing read is lost. */
function extensionsOf(source: Doc, modelled: readonly string[]): Extensions {
  return Object.fromEntries(
    Object.entries(source).filter(([key]) => !modelled.includes(key)),
  );
}

const THRESHOLDS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
] as const;

const QUALITY_FIELDS = [
  'id',
  'name',
  'type',
  'metric',
  'rule',
  'dimension',
  'severity',
  'description',
  'query',
  'engine',
  'unit',
  ...THRESHOLDS,
];

function toQualityRule(doc: Doc): QualityRule {
  return {
    id: doc.id,
    name: doc.name,
    type: doc.type,
    metric: doc.metric,
    rule: doc.rule,
    dimension: doc.dimension,
    severity: doc.severity,
    description: doc.description,
    query: doc.query,
    engine: doc.engine,
    unit: doc.unit,
    thresholds: Object.fromEntries(
      THRESHOLDS.filter(key => key in doc).map(key => [key, doc[key]]),
    ),
    extensions: extensionsOf(doc, QUALITY_FIELDS),
  };
}

function allowedValuesOf(
  logicalTypeOptions: Doc | undefined,
  quality: Doc[],
): unknown[] | undefined {
  const listed = logicalTypeOptions?.enum;
  if (Array.isArray(listed)) {
    return listed;
  }
  return quality
    .map(rule => rule.arguments?.validValues ?? rule.validValues)
    .find(Array.isArray);
}

const PROPERTY_FIELDS = [
  'id',
  'name',
  'physicalName',
  'logicalType',
  'physicalType',
  'businessName',
  'description',
  'required',
  'unique',
  'primaryKey',
  'primaryKeyPosition',
  'classification',
  'tags',
  'logicalTypeOptions',
  'examples',
  'quality',
  'properties',
  'items',
];

function toProperty(doc: Doc): PropertyDefinition {
  const tags: string[] = doc.tags ?? [];
  const quality: Doc[] = doc.quality ?? [];
  return {
    id: doc.id,
    name: doc.name,
    physicalName: doc.physicalName,
    logicalType: doc.logicalType,
    physicalType: doc.physicalType,
    businessName: doc.businessName,
    description: doc.description,
    required: doc.required ?? false,
    unique: doc.unique ?? false,
    primaryKey: doc.primaryKey ?? false,
    primaryKeyPosition: doc.primaryKeyPosition,
    classification: doc.classification,
    tags,
    isPii: isPii(doc.classification, tags),
    logicalTypeOptions: doc.logicalTypeOptions,
    allowedValues: allowedValuesOf(doc.logicalTypeOptions, quality),
    examples: doc.examples ?? [],
    quality: quality.map(toQualityRule),
    properties: (doc.properties ?? []).map(toProperty) as SchemaProperty[],
    items: doc.items ? toProperty(doc.items) : undefined,
    extensions: extensionsOf(doc, PROPERTY_FIELDS),
  };
}

const OBJECT_FIELDS = [
  'id',
  'name',
  'physicalName',
  'logicalType',
  'physicalType',
  'businessName',
  'description',
  'tags',
  'properties',
  'quality',
];

function toSchemaObject(doc: Doc): SchemaObject {
  return {
    id: doc.id,
    name: doc.name,
    physicalName: doc.physicalName,
    logicalType: doc.logicalType,
    physicalType: doc.physicalType,
    businessName: doc.businessName,
    description: doc.description,
    tags: doc.tags ?? [],
    properties: (doc.properties ?? []).map(toProperty) as SchemaProperty[],
    quality: (doc.quality ?? []).map(toQualityRule),
    extensions: extensionsOf(doc, OBJECT_FIELDS),
  };
}

const SLA_FIELDS = [
  'id',
  'property',
  'value',
  'valueExt',
  'unit',
  'element',
  'driver',
  'description',
];

function toSlaProperty(doc: Doc): SlaProperty {
  return {
    id: doc.id,
    property: doc.property,
    value: doc.value,
    valueExt: doc.valueExt,
    unit: doc.unit,
    element: doc.element,
    driver: doc.driver,
    description: doc.description,
    extensions: extensionsOf(doc, SLA_FIELDS),
  };
}

const SUPPORT_FIELDS = ['channel', 'tool', 'scope', 'url', 'description'];

function toSupportChannel(doc: Doc): SupportChannel {
  return {
    channel: doc.channel,
    tool: doc.tool,
    scope: doc.scope,
    url: doc.url,
    description: doc.description,
    extensions: extensionsOf(doc, SUPPORT_FIELDS),
  };
}

const MEMBER_FIELDS = [
  'username',
  'name',
  'role',
  'description',
  'dateIn',
  'dateOut',
  'replacedByUsername',
];

function toTeamMember(doc: Doc): TeamMember {
  return {
    username: doc.username,
    name: doc.name,
    role: doc.role,
    description: doc.description,
    dateIn: doc.dateIn,
    dateOut: doc.dateOut,
    replacedByUsername: doc.replacedByUsername,
    extensions: extensionsOf(doc, MEMBER_FIELDS),
  };
}

function toTeam(doc: Doc | Doc[]): Team {
  if (Array.isArray(doc)) {
    return { members: doc.map(toTeamMember), extensions: {} };
  }
  return {
    name: doc.name,
    description: doc.description,
    members: (doc.members ?? []).map(toTeamMember),
    extensions: extensionsOf(doc, ['name', 'description', 'members']),
  };
}

function toDescription(doc: Doc): ContractDescription {
  return {
    purpose: doc.purpose,
    usage: doc.usage,
    limitations: doc.limitations,
    extensions: extensionsOf(doc, ['purpose', 'usage', 'limitations']),
  };
}

const CONTRACT_FIELDS = [
  'apiVersion',
  'kind',
  'id',
  'name',
  'version',
  'status',
  'domain',
  'dataProduct',
  'tenant',
  'tags',
  'description',
  'schema',
  'slaDefaultElement',
  'slaProperties',
  'support',
  'team',
];

/** Builds the model from a document that passed `dataContractSchema`. */
export function toDataContract(doc: Doc): DataContract {
  return {
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    id: doc.id,
    name: doc.name,
    version: doc.version,
    status: doc.status,
    domain: doc.domain,
    dataProduct: doc.dataProduct,
    tenant: doc.tenant,
    tags: doc.tags ?? [],
    description: doc.description ? toDescription(doc.description) : undefined,
    schema: (doc.schema ?? []).map(toSchemaObject),
    slaDefaultElement: doc.slaDefaultElement,
    slaProperties: (doc.slaProperties ?? []).map(toSlaProperty),
    support: (doc.support ?? []).map(toSupportChannel),
    team: doc.team ? toTeam(doc.team) : undefined,
    extensions: extensionsOf(doc, CONTRACT_FIELDS),
  };
}
