import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { readRequestBody } from '../src/service/readRequestBody';

export const HTTP_CEILING_PLUGIN_ID = 'bench-ceiling';

/**
 * A route that does what every ingest request costs before the store:
 * Backstage's HTTP stack, the caller's token checked, the body read and
 * parsed; nothing validated or stored. What it sustains is the most any
 * route of this backend can, on this machine.
 */
export const httpCeilingPlugin = createBackendPlugin({
  pluginId: HTTP_CEILING_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = Router();
        router.post('/events', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['user', 'service'] });
          JSON.parse((await readRequestBody(req, 5_000_000)).toString());
          res.status(200).json({});
        });
        httpRouter.use(router);
      },
    });
  },
});
