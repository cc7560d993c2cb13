import { stringifyEntityRef } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { ProductLineageService } from './ProductLineageService';

/** Product lineage, drift and measured SLOs; mounted behind the read check. */
export function productRoutes(service: ProductLineageService): express.Router {
  const router = Router();
  const refOf = (params: Record<string, string>) =>
    stringifyEntityRef({
      kind: params.kind,
      namespace: params.namespace,
      name: params.name,
    });

  router.get('/products/graph', async (_req, res) => {
    res.json(await service.graph());
  });
  router.get('/products/slo-status', async (_req, res) => {
    res.json(await service.sloStatuses());
  });
  router.get('/entities/:kind/:namespace/:name/lineage', async (req, res) => {
    res.json(await service.productLineage(refOf(req.params)));
  });
  router.get('/entities/:kind/:namespace/:name/slo', async (req, res) => {
    res.json(await service.slo(refOf(req.params)));
  });
  return router;
}
