import { ScmIntegrationRegistry } from '@backstage/integration';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  CompoundEntityRef,
  getCompoundEntityRef,
  parseEntityRef,
  parseLocationRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { JsonObject } from '@backstage/types';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  checkDataProductKind,
  checkDataProductReferences,
  checkPortContracts,
  checkSuccessor,
  contractTextNotPath,
  DataProductEntityV1alpha1,
  DataProductReferences,
  dataProductReferences,
  isDataProductEntity,
  normalizedEntityRef,
  parseDataContract,
  PortContract,
  ReferencedEntity,
  validateDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { NotTextFileError } from '@meshwork/plugin-data-products-node';
import { readContractFile } from './readContractFile';
import { RegisteredEntities } from './RegisteredEntities';
import { RegisteredOutputDatasets } from './RegisteredOutputDatasets';

/**
 * Makes DataProduct a catalog kind: validates it, inlines its ODCS contracts
 * (read relative to the entity's file), checks that its owner, domain,
 * upstream products and successor exist, and emits its relations (none for
 * the successor: Backstage has no relation for one entity replacing
 * another). Every problem is a processing error naming the file, the field
 * path and what was expected.
 */
export class DataProductEntitiesProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      reader: UrlReaderService;
      /** Resolves a contract's path against its entity's URL. */
      integrations: ScmIntegrationRegistry;
      registered: RegisteredEntities;
      /** Finds the products writing the datasets input ports name. */
      outputDatasets: RegisteredOutputDatasets;
      logger: LoggerService;
      /**
       * The folder holding every `file` location of the app-config (see
       * `fileLocationsFolder`): outside a git repository, what a contract
       * read through one of them must be within.
       */
      catalogFilesFolder?: string;
    },
  ) {}

  getProcessorName(): string {
    return 'DataProductEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // A product whose kind or apiVersion is misspelt is read by no
    // processor; the catalog would say only that.
    const issues = isDataProductEntity(entity)
      ? validateDataProductEntity(entity)
      : checkDataProductKind(entity);
    if (issues.length > 0) {
      // The file, as the other processing errors name it.
      const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
      const file = location ? `${parseLocationRef(location).target}: ` : '';
      throw new TypeError(
        issues
          .map(issue => `${file}${issue.path}: ${issue.message}`)
          .join('; '),
      );
    }
    return isDataProductEntity(entity);
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    originLocation: LocationSpec,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (
      !isDataProductEntity(entity) ||
      !Array.isArray(entity.spec?.outputPorts)
    ) {
      return entity;
    }
    // The contracts read, by port name, to judge the product by.
    const contracts = new Map<string, PortContract>();
    const outputPorts = await Promise.all(
      entity.spec.outputPorts.map(async (port, index) => {
        const field = `spec.outputPorts[${index}].contract`;
        // Not an object (a stray `-`), or a contract neither a path nor
        // inline (`5`, `""`): validation names it, with its path.
        if (!port || typeof port !== 'object' || !isReadable(port.contract)) {
          return port;
        }
        let input = port.contract as unknown;
        let source = location.target;
        const notPath =
          typeof port.contract === 'string'
            ? contractTextNotPath(port.contract)
            : undefined;
        if (notPath) {
          emit(
            processingResult.inputError(
              location,
              `${location.target}: ${field}: ${notPath}`,
            ),
          );
          return port;
        }
        if (typeof port.contract === 'string') {
          try {
            const file = await readContractFile(
              this.options.reader,
              this.options.integrations,
              location,
              port.contract,
              cache,
              {
                originLocation,
                catalogFilesFolder: this.options.catalogFilesFolder,
              },
            );
            source = file.location;
            input = file.text;
          } catch (error) {
            // Said as the CLI says it: the file is there, but no text.
            if (error instanceof NotTextFileError) {
              emit(
                processingResult.inputError(
                  location,
                  `${location.target}: ${field}: contract file ${JSON.stringify(
                    port.contract,
                  )} ${error.message}`,
                ),
              );
              return port;
            }
            emit(
              processingResult.inputError(
                location,
                `${
                  location.target
                }: ${field}: cannot read contract file ${JSON.stringify(
                  port.contract,
                )} (expected an ODCS v3 YAML file relative to this entity's file): ${
                  (error as Error).message
                }`,
              ),
            );
            return port;
          }
        }
        const { contract, document, errors } = parseDataContract(input);
        for (const error of errors) {
          emit(
            processingResult.inputError(
              location,
              `${source}: ${field}${error.path ? `.${error.path}` : ''}: ${
                error.message
              }`,
            ),
          );
        }
        if (!contract || errors.length > 0) {
          return port;
        }
        contracts.set(port.name, {
          contract,
          written:
            typeof port.contract === 'string' ? port.contract : undefined,
        });
        return typeof port.contract === 'string'
          ? {
              ...port,
              contract: document as JsonObject,
              contractSource: source,
            }
          : port;
      }),
    );
    for (const issue of checkPortContracts(entity, contracts)) {
      emit(
        processingResult.inputError(
          location,
          `${location.target}: ${issue.path}: ${issue.message}`,
        ),
      );
    }
    return { ...entity, spec: { ...entity.spec, outputPorts } } as Entity;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDataProductEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const refs = dataProductReferences(entity);
    const link = (to: CompoundEntityRef, type: string, reverse: string) => {
      emit(processingResult.relation({ source: self, type, target: to }));
      emit(
        processingResult.relation({ source: to, type: reverse, target: self }),
      );
    };
    link(refs.owner, RELATION_OWNED_BY, RELATION_OWNER_OF);
    link(refs.domain, RELATION_PART_OF, RELATION_HAS_PART);
    const upstreams = new Set([
      ...refs.upstreams.map(u => u.target.productRef),
      ...(await this.datasetUpstreams(entity)),
    ]);
    for (const ref of upstreams) {
      link(parseEntityRef(ref), RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF);
    }
    await this.checkReferences(entity, refs, location, emit);
    return entity;
  }

  /**
   * The other products whose output ports are datasets this product's input
   * ports name: reading one is depending on its product as much as naming
   * it in `from`. None when the catalog's database cannot be asked; the next
   * processing round relates them.
   */
  private async datasetUpstreams(
    entity: DataProductEntityV1alpha1,
  ): Promise<string[]> {
    const datasets = (entity.spec.inputPorts ?? []).flatMap(port =>
      port.dataset ? [port.dataset] : [],
    );
    if (datasets.length === 0) {
      return [];
    }
    let owners: string[][];
    try {
      owners = await this.options.outputDatasets.ownersOf(datasets);
    } catch (error) {
      this.options.logger.warn(
        `Could not find the products writing the input datasets of ${stringifyEntityRef(
          entity,
        )}: ${error}`,
      );
      return [];
    }
    const self = normalizedEntityRef(getCompoundEntityRef(entity));
    return owners.flat().filter(ref => ref !== self);
  }

  /**
   * Reports references to entities the catalog has not registered. When the
   * catalog's database cannot be asked, the check is left to the next
   * processing round rather than reported as a mistake.
   */
  private async checkReferences(
    entity: DataProductEntityV1alpha1,
    refs: DataProductReferences,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ) {
    let found: Map<string, ReferencedEntity>;
    try {
      found = await this.options.registered.lookup([
        normalizedEntityRef(refs.owner),
        normalizedEntityRef(refs.domain),
        ...refs.upstreams.map(u => u.target.productRef),
        ...(refs.successor ? [refs.successor] : []),
      ]);
    } catch (error) {
      this.options.logger.warn(
        `Could not check references of ${stringifyEntityRef(entity)}: ${error}`,
      );
      return;
    }
    const options = {
      where: 'in the catalog',
      lookup: (ref: string) => found.get(ref),
    };
    const issues = [
      ...checkDataProductReferences(entity, options),
      ...checkSuccessor(entity, options),
    ];
    for (const issue of issues) {
      emit(
        processingResult.inputError(
          location,
          `${location.target}: ${issue.path}: ${issue.message}`,
        ),
      );
    }
  }
}

/** Whether a port's `contract` is a path or an inline contract to read. */
function isReadable(contract: unknown): boolean {
  return typeof contract === 'string'
    ? contract !== ''
    : typeof contract === 'object' &&
        contract !== null &&
        !Array.isArray(contract);
}
