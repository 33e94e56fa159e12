import { z } from 'zod';
import { Id, Ok, pageOf } from '../../../shared/schemas/common.js';
import {
  CreateUserBody,
  GrantInput,
  ResetPasswordBody,
  UpdateUserBody,
  UserDto,
  UserListQuery,
} from '../../../shared/schemas/users.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import {
  addGrant,
  createUser,
  getUser,
  removeGrant,
  resetPassword,
  revealMobile,
  searchUsers,
  setUserStatus,
  updateUser,
} from './users.service.js';

export function registerUserRoutes(app: App): void {
  const { db } = app;
  const tags = ['users'];
  const read = { access: { permission: 'user.read' as const } };
  const write = { access: { permission: 'user.write' as const } };
  const params = z.object({ id: Id });

  app.get(
    '/api/v1/users',
    {
      schema: { tags, querystring: UserListQuery, response: { 200: pageOf(UserDto) } },
      config: read,
    },
    async (request) => searchUsers(db, principalOf(request), request.query),
  );

  app.post(
    '/api/v1/users',
    { schema: { tags, body: CreateUserBody, response: { 201: UserDto } }, config: write },
    async (request, reply) => {
      const user = await createUser(db, principalOf(request), actorOf(request), request.body);
      return reply.status(201).send(user);
    },
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { tags, params, response: { 200: UserDto } }, config: read },
    async (request) => getUser(db, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, params, body: UpdateUserBody, response: { 200: UserDto } }, config: write },
    async (request) =>
      updateUser(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/disable',
    { schema: { tags, params, response: { 200: UserDto } }, config: write },
    async (request) =>
      setUserStatus(db, principalOf(request), actorOf(request), request.params.id, 'disabled'),
  );

  app.post(
    '/api/v1/users/:id/enable',
    { schema: { tags, params, response: { 200: UserDto } }, config: write },
    async (request) =>
      setUserStatus(db, principalOf(request), actorOf(request), request.params.id, 'active'),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    { schema: { tags, params, body: ResetPasswordBody, response: { 200: Ok } }, config: write },
    async (request) => {
      await resetPassword(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.body.password,
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/users/:id/grants',
    { schema: { tags, params, body: GrantInput, response: { 200: UserDto } }, config: write },
    async (request) =>
      addGrant(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/users/:id/grants/:grantId',
    {
      schema: { tags, params: params.extend({ grantId: Id }), response: { 200: UserDto } },
      config: write,
    },
    async (request) =>
      removeGrant(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.params.grantId,
      ),
  );

  app.post(
    '/api/v1/users/:id/mobile',
    {
      schema: { tags, params, response: { 200: z.object({ mobile: z.string().nullable() }) } },
      config: read,
    },
    async (request) => revealMobile(db, principalOf(request), actorOf(request), request.params.id),
  );
}
