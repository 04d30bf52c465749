import type { Provider, Type } from '@nestjs/common';
import { InitHttpController } from './init.http.controller';
import { InitService } from './init.service';

/** Administration: the first start of a deployment (POST /api/admin/init). */
export const ADMIN_CONTROLLERS: Type[] = [InitHttpController];
export const ADMIN_PROVIDERS: Provider[] = [InitService];
