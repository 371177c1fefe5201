import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** zod with `.openapi()`: every schema imports z from here so the OpenAPI document can name it. */
extendZodWithOpenApi(z);

export { z };
